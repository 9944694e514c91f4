"""Notification channels: where webhooks go, checked before they are saved."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.problems import NotFound, Problem
from sla.channels.models import Channel
from sla.channels.schemas import ChannelIn
from sla.channels.targets import TargetRefused, check_target
from sla.deliveries.signing import new_secret


async def _checked(url: str, allowed: list[str]) -> None:
    try:
        await check_target(url, allowed=allowed)
    except TargetRefused as exc:
        raise Problem(422, "Webhook target refused", str(exc), field="url") from None


async def create_channel(*, session: AsyncSession, channel: ChannelIn, allowed: list[str]) -> Channel:
    await _checked(str(channel.url), allowed)
    row = Channel(secret=new_secret(), status="active", **{**channel.model_dump(mode="json"), "url": str(channel.url)})
    session.add(row)
    await session.flush()
    return row


async def update_channel(*, session: AsyncSession, channel_id: str, channel: ChannelIn, allowed: list[str]) -> Channel:
    row = await get_channel(session=session, channel_id=channel_id)
    await _checked(str(channel.url), allowed)
    for name, value in {**channel.model_dump(mode="json"), "url": str(channel.url)}.items():
        setattr(row, name, value)
    await session.flush()
    return row


async def enable_channel(*, session: AsyncSession, channel_id: str) -> Channel:
    row = await get_channel(session=session, channel_id=channel_id)
    row.status, row.disabled_reason = "active", None
    return row


async def delete_channel(*, session: AsyncSession, channel_id: str) -> None:
    await session.delete(await get_channel(session=session, channel_id=channel_id))


async def get_channel(*, session: AsyncSession, channel_id: str) -> Channel:
    row = await session.get(Channel, channel_id)
    if row is None:
        raise NotFound("channel", channel_id)
    return row


async def list_channels(*, session: AsyncSession) -> list[Channel]:
    return list((await session.scalars(select(Channel).order_by(Channel.created_at))).all())
