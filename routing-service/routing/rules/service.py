"""Evaluating and keeping the routing rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.problems import NotFound, Problem
from routing.org.models import Department
from routing.rules.matching import CaseFacts, first_match
from routing.rules.models import RoutingRule
from routing.rules.schemas import RuleIn


@dataclass(frozen=True)
class Routing:
    """The routing decision a case records: which department, by which rule, needing which skill."""

    department_id: str
    rule_id: str | None
    required_skill: str | None = None


async def route(*, session: AsyncSession, facts: CaseFacts, default_department: str) -> Routing:
    """The owning department of a case: the first matching rule, else the configured default."""
    rules = (await session.scalars(select(RoutingRule).where(RoutingRule.active.is_(True)))).all()
    rule = first_match(rules, facts)
    if rule is None:
        return Routing(department_id=default_department, rule_id=None)
    return Routing(department_id=rule.department_id, rule_id=rule.id, required_skill=rule.required_skill)


async def list_rules(*, session: AsyncSession) -> Sequence[RoutingRule]:
    return (await session.scalars(select(RoutingRule).order_by(RoutingRule.position, RoutingRule.id))).all()


async def put_rule(*, session: AsyncSession, rule_id: str, rule: RuleIn) -> tuple[RoutingRule, bool]:
    """Create or replace one rule; its department must exist."""
    if await session.get(Department, rule.department_id) is None:
        raise Problem(
            422, "Invalid request", f"invalid fields: department_id: department {rule.department_id} does not exist",
            type_="https://closeloop.dev/problems/invalid-request",
            errors=[{"field": "department_id", "message": "unknown department", "type": "reference"}],
        )
    values = rule.model_dump()
    now = datetime.now(UTC)
    inserted = await session.scalar(
        insert(RoutingRule).values(id=rule_id, updated_at=now, **values).on_conflict_do_nothing()
        .returning(RoutingRule.id)
    )
    row = await session.get(RoutingRule, rule_id, with_for_update=True, populate_existing=True)
    assert row is not None
    for name, value in values.items():
        setattr(row, name, value)
    row.updated_at = now
    await session.flush()
    return row, inserted is not None


async def delete_rule(*, session: AsyncSession, rule_id: str) -> None:
    row = await session.get(RoutingRule, rule_id)
    if row is None:
        raise NotFound("routing rule", rule_id)
    await session.delete(row)
    await session.flush()
