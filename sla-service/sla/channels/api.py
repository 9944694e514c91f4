from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from closeloop.auth import require_scopes
from closeloop.db import SessionDep
from sla.channels import service
from sla.channels.schemas import ChannelCreated, ChannelIn, ChannelOut, DeliveryOut
from sla.deliveries.service import deliveries_of

router = APIRouter(prefix="/v1/channels", tags=["channels"])
READ, WRITE = [require_scopes("sla:read")], [require_scopes("sla:write")]


def _allowed(request: Request) -> list[str]:
    return list(request.app.state.settings.webhook_allowed_networks)


@router.get("", dependencies=READ)
async def list_channels(session: SessionDep) -> list[ChannelOut]:
    async with session.begin():
        return [ChannelOut.model_validate(c) for c in await service.list_channels(session=session)]


@router.post("", status_code=status.HTTP_201_CREATED, dependencies=WRITE, summary="A webhook; its signing secret is shown once")
async def create_channel(body: ChannelIn, request: Request, session: SessionDep) -> ChannelCreated:
    async with session.begin():
        return ChannelCreated.model_validate(await service.create_channel(session=session, channel=body, allowed=_allowed(request)))


@router.get("/{channel_id}", dependencies=READ)
async def get_channel(channel_id: str, session: SessionDep) -> ChannelOut:
    async with session.begin():
        return ChannelOut.model_validate(await service.get_channel(session=session, channel_id=channel_id))


@router.put("/{channel_id}", dependencies=WRITE)
async def update_channel(channel_id: str, body: ChannelIn, request: Request, session: SessionDep) -> ChannelOut:
    async with session.begin():
        row = await service.update_channel(session=session, channel_id=channel_id, channel=body, allowed=_allowed(request))
        return ChannelOut.model_validate(row)


@router.post("/{channel_id}/enable", dependencies=WRITE, summary="Send again to a channel disabled after 410 Gone")
async def enable_channel(channel_id: str, session: SessionDep) -> ChannelOut:
    async with session.begin():
        return ChannelOut.model_validate(await service.enable_channel(session=session, channel_id=channel_id))


@router.delete("/{channel_id}", status_code=status.HTTP_204_NO_CONTENT, dependencies=WRITE)
async def delete_channel(channel_id: str, session: SessionDep) -> Response:
    async with session.begin():
        await service.delete_channel(session=session, channel_id=channel_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{channel_id}/deliveries", dependencies=READ, summary="The delivery log, newest first")
async def list_deliveries(channel_id: str, session: SessionDep) -> list[DeliveryOut]:
    async with session.begin():
        await service.get_channel(session=session, channel_id=channel_id)
        return [DeliveryOut.model_validate(d) for d in await deliveries_of(session=session, channel_id=channel_id)]
