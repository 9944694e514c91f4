"""Procedures API: read each urgency's procedure and its versions; revise one (a new version)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter

from closeloop.auth import Principal, require_scopes
from closeloop.db import SessionDep
from routing.procedures import service
from routing.procedures.schemas import ProcedureIn, ProcedureOut

router = APIRouter(prefix="/v1/procedures", tags=["procedures"])
UrgencyPath = Literal["urgent", "important", "general", "minor"]


@router.get("", dependencies=[require_scopes("case:read")], summary="The current procedure of every urgency")
async def list_procedures(session: SessionDep) -> list[ProcedureOut]:
    return [ProcedureOut.model_validate(p) for p in await service.current_procedures(session=session)]


@router.get("/{urgency}", dependencies=[require_scopes("case:read")], summary="An urgency's current procedure")
async def get_procedure(urgency: UrgencyPath, session: SessionDep) -> ProcedureOut:
    return ProcedureOut.model_validate(await service.current_procedure(session=session, urgency=urgency))


@router.get("/{urgency}/versions", dependencies=[require_scopes("case:read")], summary="Every version, oldest first")
async def procedure_versions(urgency: UrgencyPath, session: SessionDep) -> list[ProcedureOut]:
    return [ProcedureOut.model_validate(p) for p in await service.procedure_versions(session=session, urgency=urgency)]


@router.put("/{urgency}", dependencies=[require_scopes("case:admin")],
            summary="Revise a procedure: a new version for cases opened from now on")
async def revise_procedure(urgency: UrgencyPath, body: ProcedureIn, session: SessionDep,
                           principal: Principal) -> ProcedureOut:
    async with session.begin():
        procedure = await service.revise_procedure(session=session, urgency=urgency, procedure=body,
                                                   by=principal.subject)
        return ProcedureOut.model_validate(procedure)
