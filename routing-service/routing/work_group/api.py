"""Work group: post a store's digest now (the schedule posts it daily)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from closeloop.auth import Principal, require_scopes
from closeloop.db import SessionDep
from closeloop.problems import NotFound
from routing.cases.actions.authority import actor_of, check_store_id, forbidden
from routing.org.models import Store
from routing.settings import SettingsDep
from routing.wall_time import NowDep
from routing.work_group.digest import post_digest

router = APIRouter(prefix="/v1/work-group", tags=["work group"])


class DigestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    store_id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,32}$")


class DigestOut(BaseModel):
    message_id: str
    store_id: str


@router.post("/digests", status_code=201, dependencies=[require_scopes("case:write")])
async def post_digest_now(body: DigestIn, session: SessionDep, principal: Principal, settings: SettingsDep,
                          now: NowDep) -> DigestOut:
    """The store's progress-and-figures digest of today so far, to the work group now (supervisors and up)."""
    actor = actor_of(principal)
    if not actor.at_least("supervisor"):
        raise forbidden("posting the digest needs the supervisor role or above", required_role="supervisor")
    check_store_id(principal, body.store_id)
    async with session.begin():
        store = await session.get(Store, body.store_id)
        if store is None:
            raise NotFound("store", body.store_id)
        message = await post_digest(session=session, store=store, settings=settings, now=now, scheduled=False)
        assert message is not None
        return DigestOut(message_id=message.id, store_id=store.id)
