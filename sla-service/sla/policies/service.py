"""Policies as versioned data: every edit is a new version, and running clocks keep the one they started with."""

from __future__ import annotations

import uuid

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.problems import Conflict, NotFound
from sla.cases.models import TrackedCase
from sla.policies.models import Policy
from sla.policies.schemas import ClockSpec, PolicyIn

# how much each narrowing counts when several policies match a case: the most specific wins
_SPECIFICITY = {"store_id": 8, "region_id": 4, "channel": 2, "tier": 1}


async def create_policy(*, session: AsyncSession, key: str, policy: PolicyIn, by: str | None) -> Policy:
    """A new policy starts at version 1; its key names it through every later version."""
    if await session.scalar(select(Policy.id).where(Policy.key == key).limit(1)) is not None:
        raise Conflict(f"policy {key} already exists; PUT /v1/policies/{key} to revise it")
    return await _add_version(session=session, key=key, version=1, policy=policy, active=True, by=by)


async def revise_policy(*, session: AsyncSession, key: str, policy: PolicyIn, by: str | None) -> Policy:
    """A revision applies to clocks started from now on; running clocks keep the version they have."""
    latest = await _current(session=session, key=key, lock=True)
    return await _add_version(session=session, key=key, version=latest.version + 1, policy=policy, active=True, by=by)


async def retire_policy(*, session: AsyncSession, key: str, by: str | None) -> Policy:
    """Retiring is a version too (inactive), so the history stays whole."""
    latest = await _current(session=session, key=key, lock=True)
    if not latest.active:
        return latest
    policy = PolicyIn.model_validate(_as_input(latest))
    return await _add_version(session=session, key=key, version=latest.version + 1, policy=policy, active=False, by=by)


async def current_policies(*, session: AsyncSession, include_retired: bool = False) -> list[Policy]:
    query = select(Policy).where(Policy.current.is_(True)).order_by(Policy.urgency, Policy.key)
    if not include_retired:
        query = query.where(Policy.active.is_(True))
    return list((await session.scalars(query)).all())


async def policy_versions(*, session: AsyncSession, key: str) -> list[Policy]:
    versions = list((await session.scalars(select(Policy).where(Policy.key == key).order_by(Policy.version))).all())
    if not versions:
        raise NotFound("policy", key)
    return versions


async def current_policy(*, session: AsyncSession, key: str) -> Policy:
    return await _current(session=session, key=key, lock=False)


async def policy_for(*, session: AsyncSession, case: TrackedCase) -> Policy | None:
    """The most specific active policy matching the case's urgency, store, region, channel and tier."""
    candidates = (
        await session.scalars(
            select(Policy).where(Policy.current.is_(True), Policy.active.is_(True), Policy.urgency == case.urgency)
        )
    ).all()
    best: tuple[int, str] | None = None
    chosen: Policy | None = None
    for policy in candidates:
        score = 0
        for field, weight in _SPECIFICITY.items():
            wanted = getattr(policy, field)
            if wanted is None:
                continue
            if wanted != getattr(case, field):
                break
            score += weight
        else:
            rank = (score, policy.key)
            if best is None or rank > best:
                best, chosen = rank, policy
    return chosen


def clock_specs(policy: Policy) -> list[ClockSpec]:
    return [ClockSpec.model_validate(c) for c in policy.clocks]


async def _current(*, session: AsyncSession, key: str, lock: bool) -> Policy:
    query = select(Policy).where(Policy.key == key, Policy.current.is_(True))
    if lock:
        query = query.with_for_update()
    policy = await session.scalar(query)
    if policy is None:
        raise NotFound("policy", key)
    return policy


async def _add_version(
    *, session: AsyncSession, key: str, version: int, policy: PolicyIn, active: bool, by: str | None
) -> Policy:
    await session.execute(update(Policy).where(Policy.key == key, Policy.current.is_(True)).values(current=False))
    row = Policy(
        id=str(uuid.uuid4()), key=key, version=version, current=True, active=active, created_by=by,
        **policy.model_dump(mode="json"),
    )
    session.add(row)
    await session.flush()
    return row


def _as_input(policy: Policy) -> dict:  # type: ignore[type-arg]
    return {name: getattr(policy, name) for name in PolicyIn.model_fields}
