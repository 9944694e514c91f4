"""Routing rules API: list, put, delete, and preview which department a case would go to."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response, status

from closeloop.auth import require_scopes
from closeloop.db import SessionDep
from routing.rules import service
from routing.rules.matching import CaseFacts
from routing.rules.schemas import RULE_ID, RoutingOut, RoutingPreviewIn, RuleIn, RuleOut
from routing.settings import SettingsDep

router = APIRouter(prefix="/v1/routing-rules", tags=["routing rules"])
RuleId = Annotated[str, Path(pattern=RULE_ID)]


@router.get("", dependencies=[require_scopes("case:read")])
async def list_rules(session: SessionDep) -> list[RuleOut]:
    return [RuleOut.model_validate(r) for r in await service.list_rules(session=session)]


@router.put("/{rule_id}", dependencies=[require_scopes("case:admin")], responses={201: {"model": RuleOut}})
async def put_rule(rule_id: RuleId, body: RuleIn, session: SessionDep, response: Response) -> RuleOut:
    async with session.begin():
        rule, created = await service.put_rule(session=session, rule_id=rule_id, rule=body)
    response.status_code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    return RuleOut.model_validate(rule)


@router.delete("/{rule_id}", dependencies=[require_scopes("case:admin")], status_code=204)
async def delete_rule(rule_id: RuleId, session: SessionDep) -> Response:
    async with session.begin():
        await service.delete_rule(session=session, rule_id=rule_id)
    return Response(status_code=204)


@router.post("/preview", dependencies=[require_scopes("case:read")])
async def preview(body: RoutingPreviewIn, session: SessionDep, settings: SettingsDep) -> RoutingOut:
    """Which department a case with these labels would go to, and by which rule."""
    routing = await service.route(
        session=session, facts=CaseFacts(**body.model_dump()), default_department=settings.default_department
    )
    return RoutingOut(
        department_id=routing.department_id, rule_id=routing.rule_id, required_skill=routing.required_skill,
        decided_by="rule" if routing.rule_id else "default",
    )
