"""Contacts with the customer recorded on a case (record one with the `contact_customer` action)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from closeloop.auth import Principal, require_scopes
from closeloop.db import SessionDep
from routing.cases.actions.authority import check_store
from routing.cases.service import find_case
from routing.contacts.schemas import ContactOut
from routing.contacts.service import contacts_of
from routing.personal_data import shown, unseal
from routing.settings import SettingsDep

router = APIRouter(prefix="/v1/cases", tags=["contacts"])


@router.get("/{case_id}/contacts", dependencies=[require_scopes("case:read")])
async def list_contacts(case_id: Annotated[str, Path(max_length=36)], session: SessionDep, principal: Principal,
                        settings: SettingsDep) -> list[ContactOut]:
    """Every contact with the customer, oldest first."""
    check_store(principal, await find_case(session=session, case_id=case_id))
    pii = principal.has("pii:read")
    return [
        ContactOut(id=c.id, channel=c.channel, direction=c.direction, purpose=c.purpose, outcome=c.outcome,
                   staff_id=c.staff_id, at=c.at,
                   summary=shown(unseal(settings, c.summary_sealed), may_read_personal_data=pii),
                   template_id=c.template_id, message_id=c.message_id)
        for c in await contacts_of(session=session, case_id=case_id)
    ]
