"""The worker that delivers queued messages through their channel's adapter.

Each pass claims due messages with ``FOR UPDATE SKIP LOCKED`` (replicas share the work, none sends a message
twice), sends them, and records the outcome in the same transaction; a failure is retried with exponential
backoff up to ``outbound_max_attempts``, a permanent one is not. A NOTIFY from the transaction that queued a
message wakes the sender at once.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

from prometheus_client import Counter
from sqlalchemy import select

from closeloop.db import Database
from routing.outbound.adapters import Adapters, DeliveryFailed, Outgoing
from routing.outbound.models import OutboundMessage
from routing.outbound.service import WAKE_CHANNEL
from routing.personal_data import unseal
from routing.settings import Settings

log = logging.getLogger(__name__)
SENT = Counter("closeloop_routing_outbound_messages_total", "Outbound messages by channel, purpose and outcome",
               ["channel", "purpose", "outcome"])


class MessageSender:
    def __init__(self, *, database: Database, settings: Settings, adapters: Adapters) -> None:
        self.database = database
        self.settings = settings
        self.adapters = adapters
        self._stopping = asyncio.Event()
        self._wake = asyncio.Event()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()

    async def run(self) -> None:
        listener = None
        while not self._stopping.is_set():
            try:
                if listener is None:
                    listener = await self._listen()
                if await self.send_due() >= self.settings.outbound_batch_size:
                    continue
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # database away: try again later
                log.warning("outbound sender retrying after error: %s", type(exc).__name__)
                listener = await _close(listener)
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=self.settings.outbound_poll_seconds)
            except TimeoutError:
                pass
            self._wake.clear()
        await _close(listener)

    async def send_due(self) -> int:
        """One pass: claim due messages, send each, record what happened; returns how many were claimed."""
        async with self.database.unit_of_work() as session:
            now = datetime.now(UTC)
            due = (await session.scalars(
                select(OutboundMessage).where(OutboundMessage.status == "pending", OutboundMessage.next_attempt_at <= now)
                .order_by(OutboundMessage.next_attempt_at).limit(self.settings.outbound_batch_size)
                .with_for_update(skip_locked=True)
            )).all()
            for message in due:
                await self._send(message, now)
        return len(due)

    async def _send(self, message: OutboundMessage, now: datetime) -> None:
        adapter = self.adapters.for_channel(message.channel)
        message.attempts += 1
        message.adapter = adapter.name
        try:
            await adapter.send(Outgoing(
                message_id=message.id, channel=message.channel, recipient=message.recipient,
                body=unseal(self.settings, message.body_sealed) or "", purpose=message.purpose, case_id=message.case_id,
            ))
        except DeliveryFailed as exc:
            message.last_error = str(exc)[:500]
            if exc.permanent or message.attempts >= self.settings.outbound_max_attempts:
                message.status = "failed"
            else:
                backoff = self.settings.outbound_backoff_seconds * 2 ** (message.attempts - 1)
                message.next_attempt_at = now + timedelta(seconds=backoff)
            SENT.labels(message.channel, message.purpose, "failed").inc()
            return
        message.status = "sent"
        message.sent_at = now
        SENT.labels(message.channel, message.purpose, "sent").inc()

    async def _listen(self):  # type: ignore[no-untyped-def]
        conn = await self.database.engine.connect()
        raw = await conn.get_raw_connection()
        await raw.driver_connection.add_listener(WAKE_CHANNEL, lambda *_: self._wake.set())
        return conn


async def _close(conn) -> None:  # type: ignore[no-untyped-def]
    if conn is None:
        return None
    try:
        await conn.close()
    except Exception:  # the connection may be gone with the database
        pass
    return None
