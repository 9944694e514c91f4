"""Spotting group complaints and product incidents as cases open, and linking their cases as one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts.case import CaseLinked
from routing.cases.models import Case
from routing.cases.service import raise_urgency
from routing.cases.timeline import record
from routing.db import outbox
from routing.incidents.models import Incident, IncidentCase

GROUP_COMPLAINT = "group_complaint"
PRODUCT_INCIDENT = "product_incident"
PRODUCT_DEPARTMENTS = ["purchasing", "food_safety"]


@dataclass
class Linking:
    incident: Incident
    linked: list[Case] = field(default_factory=list)
    case_count: int = 0


VAGUE = {None, "general"}
"""Subcategories that name no particular problem: two such complaints are not "the same problem"."""


def problem_of(case: Case) -> str:
    """What "the same problem" means for a group complaint: the same category and subcategory."""
    return f"{case.category}/{case.subcategory}"


def _customer(case: Case) -> str:
    """A customer we cannot identify counts as a different person: intake already merged true duplicates."""
    return case.customer_key or f"case:{case.id}"


async def _serialise(session: AsyncSession, key: str) -> None:
    """Two replicas opening cases of one store and problem must not both miss the group (or both start one)."""
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtext(key))))


async def _link(session: AsyncSession, incident: Incident, cases: Sequence[Case], at: datetime) -> list[Case]:
    """Link the cases not linked yet; returns those."""
    if not cases:
        return []
    inserted = await session.scalars(
        insert(IncidentCase)
        .values([{"incident_id": incident.id, "case_id": c.id, "linked_at": at} for c in cases])
        .on_conflict_do_nothing()
        .returning(IncidentCase.case_id)
    )
    new_ids = set(inserted.all())
    incident.last_linked_at = max(incident.last_linked_at, at)
    return [c for c in cases if c.id in new_ids]


async def case_count(*, session: AsyncSession, incident_id: str) -> int:
    return int(await session.scalar(
        select(func.count()).select_from(IncidentCase).where(IncidentCase.incident_id == incident_id)
    ) or 0)


def linked_event(incident: Incident, case: Case, *, case_count: int) -> CaseLinked:
    return CaseLinked(
        case_id=case.id, occurred_at=incident.last_linked_at, incident_id=incident.id,
        incident_kind=incident.kind,  # type: ignore[arg-type]
        store_id=incident.store_id, sku=incident.sku, batch=incident.batch, problem=incident.problem,
        case_count=case_count,
    )


async def _announce(session: AsyncSession, linking: Linking, *, opening: Case, reason: str) -> None:
    """Timeline, raise and CaseLinked for every newly linked case. The case being opened is announced
    by its own case.opened first, so its CaseLinked is left to the opening (see ``linked_event``)."""
    incident = linking.incident
    linking.case_count = await case_count(session=session, incident_id=incident.id)
    for case in linking.linked:
        is_opening = case.id == opening.id
        await record(session, case, "linked", details={
            "incident_id": incident.id, "kind": incident.kind, "problem": incident.problem,
            "sku": incident.sku, "batch": incident.batch,
        })
        await raise_urgency(session=session, case=case, reason=reason, incident_id=incident.id,
                            announce=not is_opening)
        if not is_opening:
            await outbox.add(session, linked_event(incident, case, case_count=linking.case_count))


async def link_group_complaint(
    *, session: AsyncSession, case: Case, window: timedelta, min_customers: int
) -> Linking | None:
    """Several different customers, the same problem, one store, a short window: a group complaint
    (群體性投訴). Every case in it is linked and at least ``important``."""
    if case.kind != "complaint" or case.subcategory in VAGUE:
        return None
    problem = problem_of(case)
    await _serialise(session, f"group:{case.store_id}:{problem}")
    incident = await session.scalar(
        select(Incident)
        .where(Incident.kind == GROUP_COMPLAINT, Incident.store_id == case.store_id, Incident.problem == problem,
               Incident.last_linked_at >= case.received_at - window)
        .order_by(Incident.last_linked_at.desc())
        .limit(1)
    )
    if incident is not None:
        linking = Linking(incident, await _link(session, incident, [case], case.received_at))
    else:
        peers = list((await session.scalars(
            select(Case).where(
                Case.id != case.id, Case.store_id == case.store_id, Case.kind == "complaint",
                Case.category == case.category, Case.subcategory.is_not_distinct_from(case.subcategory),
                Case.received_at >= case.received_at - window, Case.received_at <= case.received_at + window,
            ).with_for_update()
        )).all())
        customers = {_customer(c) for c in [*peers, case]}
        if len(customers) < min_customers:
            return None
        incident = Incident(
            kind=GROUP_COMPLAINT, store_id=case.store_id, problem=problem, departments=[],
            opened_at=case.received_at, last_linked_at=case.received_at,
        )
        session.add(incident)
        await session.flush()
        linking = Linking(incident, await _link(session, incident, [*peers, case], case.received_at))
    await _announce(session, linking, opening=case, reason=GROUP_COMPLAINT)
    return linking


def _product_keys(case: Case) -> list[tuple[str, str]]:
    keys = {(str(i["sku"]), str(i["batch"])) for i in case.items if i.get("sku") and i.get("batch")}
    return sorted(keys)


async def link_product_incidents(
    *, session: AsyncSession, case: Case, window: timedelta, min_cases: int
) -> list[Linking]:
    """Complaints about one SKU and batch (lot) within the window, at any store, become one product
    incident that purchasing (採購部) and food safety (食品安全部) handle as one item."""
    if case.kind not in ("complaint", "inquiry"):  # naming the lot is the signal, whatever the labels say
        return []
    linkings: list[Linking] = []
    for sku, batch in _product_keys(case):
        await _serialise(session, f"product:{sku}:{batch}")
        incident = await session.scalar(
            select(Incident)
            .where(Incident.kind == PRODUCT_INCIDENT, Incident.sku == sku, Incident.batch == batch,
                   Incident.last_linked_at >= case.received_at - window)
            .order_by(Incident.last_linked_at.desc())
            .limit(1)
        )
        if incident is not None:
            linking = Linking(incident, await _link(session, incident, [case], case.received_at))
        else:
            peers = list((await session.scalars(
                select(Case).where(
                    Case.id != case.id, Case.items.contains([{"sku": sku, "batch": batch}]),
                    Case.received_at >= case.received_at - window, Case.received_at <= case.received_at + window,
                ).with_for_update()
            )).all())
            if len(peers) + 1 < min_cases:
                continue
            incident = Incident(
                kind=PRODUCT_INCIDENT, sku=sku, batch=batch, departments=list(PRODUCT_DEPARTMENTS),
                opened_at=case.received_at, last_linked_at=case.received_at,
            )
            session.add(incident)
            await session.flush()
            linking = Linking(incident, await _link(session, incident, [*peers, case], case.received_at))
        await _announce(session, linking, opening=case, reason=PRODUCT_INCIDENT)
        linkings.append(linking)
    return linkings


async def incidents_of(*, session: AsyncSession, case_id: str) -> list[Incident]:
    return list((await session.scalars(
        select(Incident).join(IncidentCase, IncidentCase.incident_id == Incident.id)
        .where(IncidentCase.case_id == case_id).order_by(Incident.opened_at)
    )).all())


async def list_incidents(
    *, session: AsyncSession, kind: str | None = None, department: str | None = None, store_id: str | None = None,
    visible_stores: frozenset[str] | None = None, limit: int = 50,
) -> list[Incident]:
    """Incidents, newest activity first; a department sees those it is named on or owns a case of."""
    query = select(Incident).order_by(Incident.last_linked_at.desc()).limit(limit)
    if kind is not None:
        query = query.where(Incident.kind == kind)
    member = select(IncidentCase.incident_id).join(Case, Case.id == IncidentCase.case_id)
    if department is not None:
        query = query.where(
            Incident.departments.contains([department])
            | Incident.id.in_(member.where(Case.department == department))
        )
    if store_id is not None:
        query = query.where(Incident.id.in_(member.where(Case.store_id == store_id)))
    if visible_stores is not None:
        query = query.where(Incident.id.in_(member.where(Case.store_id.in_(visible_stores))))
    return list((await session.scalars(query)).all())


async def cases_of(
    *, session: AsyncSession, incident_id: str, visible_stores: frozenset[str] | None = None
) -> list[Case]:
    query = (
        select(Case).join(IncidentCase, IncidentCase.case_id == Case.id)
        .where(IncidentCase.incident_id == incident_id).order_by(Case.received_at)
    )
    if visible_stores is not None:
        query = query.where(Case.store_id.in_(visible_stores))
    return list((await session.scalars(query)).all())
