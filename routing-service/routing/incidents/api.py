"""Incidents API: group complaints and product incidents, each with the cases under it."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.auth import AuthenticatedPrincipal, Principal, require_scopes
from closeloop.db import SessionDep
from closeloop.problems import NotFound
from routing.cases.api import case_out
from routing.cases.states import OPEN_STATUSES
from routing.incidents import service
from routing.incidents.models import Incident
from routing.incidents.schemas import IncidentDetail, IncidentOut

router = APIRouter(prefix="/v1/incidents", tags=["incidents"], dependencies=[require_scopes("case:read")])


async def _out(session: AsyncSession, incident: Incident, principal: AuthenticatedPrincipal) -> IncidentDetail:
    cases = await service.cases_of(session=session, incident_id=incident.id, visible_stores=principal.store_ids)
    departments = sorted(set(incident.departments) | {c.department for c in cases if c.department})
    return IncidentDetail(
        id=incident.id, kind=incident.kind, store_id=incident.store_id, problem=incident.problem, sku=incident.sku,
        batch=incident.batch, departments=departments, store_ids=sorted({c.store_id for c in cases}),
        case_count=len(cases), open_cases=sum(c.status in OPEN_STATUSES for c in cases),
        opened_at=incident.opened_at, last_linked_at=incident.last_linked_at, cases=[case_out(c) for c in cases],
    )


@router.get("")
async def list_incidents(
    session: SessionDep,
    principal: Principal,
    kind: Literal["group_complaint", "product_incident"] | None = None,
    department: str | None = None,
    store_id: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[IncidentOut]:
    """Newest activity first; a department sees the incidents it is named on or owns a case of."""
    rows = await service.list_incidents(session=session, kind=kind, department=department, store_id=store_id,
                                        visible_stores=principal.store_ids, limit=limit)
    result = []
    for incident in rows:
        detail = await _out(session, incident, principal)
        result.append(IncidentOut(**detail.model_dump(exclude={"cases"})))
    return result


@router.get("/{incident_id}")
async def get_incident(incident_id: Annotated[str, Path(max_length=36)], session: SessionDep,
                       principal: Principal) -> IncidentDetail:
    incident = await session.get(Incident, incident_id)
    if incident is None:
        raise NotFound("incident", incident_id)
    detail = await _out(session, incident, principal)
    if not detail.cases:
        raise NotFound("incident", incident_id)
    return detail
