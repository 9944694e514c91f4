"""Message templates: read and revise the wording; render a reply for a case (what staff would send)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path

from closeloop.auth import Principal, require_scopes
from closeloop.db import SessionDep
from routing.cases.actions.authority import check_store
from routing.cases.service import find_case
from routing.replies import service
from routing.replies.models import MessageTemplate
from routing.replies.schemas import ReplyIn, ReplyOut, TemplateIn, TemplateOut
from routing.replies.standard import PLACEHOLDERS
from routing.settings import SettingsDep

router = APIRouter(tags=["message templates"])
Purpose = Literal["greeting", "closing", "acknowledgement", "progress", "result", "auto_reply", "supervisor_alert",
                  "announcement", "digest"]
Language = Literal["zh-Hant", "zh-Hans", "en"]


def template_out(row: MessageTemplate) -> TemplateOut:
    return TemplateOut(id=row.id, purpose=row.purpose, language=row.language, audience=row.audience, body=row.body,
                       placeholders=list(PLACEHOLDERS[row.purpose]), version=row.version, updated_at=row.updated_at,
                       updated_by=row.updated_by)


@router.get("/v1/message-templates", dependencies=[require_scopes("case:read")])
async def list_templates(session: SessionDep) -> list[TemplateOut]:
    return [template_out(t) for t in await service.list_templates(session=session)]


@router.put("/v1/message-templates/{purpose}/{language}", dependencies=[require_scopes("case:admin")])
async def revise_template(purpose: Purpose, language: Language, body: TemplateIn, session: SessionDep,
                          principal: Principal) -> TemplateOut:
    """New wording; only the placeholders the purpose offers are accepted."""
    async with session.begin():
        row = await service.revise_template(session=session, purpose=purpose, language=language, body=body.body,
                                            by=principal.subject)
        return template_out(row)


@router.post("/v1/cases/{case_id}/replies", dependencies=[require_scopes("case:read")])
async def render_reply(case_id: Annotated[str, Path(max_length=36)], body: ReplyIn, session: SessionDep,
                       principal: Principal, settings: SettingsDep) -> ReplyOut:
    """The reply a template gives for this case (greeting, body, closing), signed by the caller."""
    case = await find_case(session=session, case_id=case_id)
    check_store(principal, case)
    wording = await service.reply(session=session, case=case, purpose=body.purpose, language=body.language,
                                  staff_id=principal.subject, settings=settings)
    return ReplyOut(text=wording.text, language=wording.language, template_ids=wording.template_ids)
