"""Outbound messages: what was sent (or is waiting to be) to customers, staff and the work group."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from closeloop.auth import Principal, require_scopes
from closeloop.db import SessionDep
from routing.cases.actions.authority import check_store, forbidden
from routing.cases.service import find_case
from routing.outbound import service
from routing.outbound.schemas import MessageOut
from routing.personal_data import shown, unseal
from routing.settings import SettingsDep

router = APIRouter(prefix="/v1/messages", tags=["messages"])


@router.get("", dependencies=[require_scopes("case:read")])
async def list_messages(
    session: SessionDep, principal: Principal, settings: SettingsDep, case_id: str | None = None,
    audience: Literal["customer", "staff", "work_group"] | None = None, purpose: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[MessageOut]:
    """Oldest first. Messages about a case need access to its store; the rest (digests) need ``case:admin``."""
    if case_id is not None:
        check_store(principal, await find_case(session=session, case_id=case_id))
    elif principal.store_ids is not None and not principal.has("case:admin"):
        raise forbidden("messages across every case need a chain-wide token; pass case_id for one case")
    rows = await service.messages(session=session, case_id=case_id, audience=audience, purpose=purpose, limit=limit)
    pii = principal.has("pii:read")
    return [
        MessageOut(
            id=m.id, case_id=m.case_id, audience=m.audience, purpose=m.purpose, channel=m.channel,
            recipient=m.recipient, language=m.language, template_ids=(m.template_ids or "").split(",") if m.template_ids else [],
            body=shown(unseal(settings, m.body_sealed), may_read_personal_data=pii) or "", status=m.status,
            attempts=m.attempts, adapter=m.adapter, sent_at=m.sent_at, last_error=m.last_error, created_at=m.created_at,
        )
        for m in rows
    ]
