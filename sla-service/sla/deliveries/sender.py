"""The webhook sender: claims due deliveries (SKIP LOCKED + a lease), signs, posts, and retries with backoff.

A delivery is claimed in a short transaction and sent outside it, so a slow receiver holds no lock;
a sender that dies mid-send leaves a lease that expires, and another replica sends again with the
same webhook-id (receivers deduplicate on it, as the Standard Webhooks spec asks).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
from prometheus_client import Counter
from sqlalchemy import select, update

from closeloop.db import Database
from sla.channels.models import Channel
from sla.channels.targets import TargetRefused, check_target
from sla.deliveries.formats import render
from sla.deliveries.models import Delivery
from sla.deliveries.service import cancel_pending, next_attempt
from sla.deliveries.signing import signature_headers
from sla.settings import Settings

log = logging.getLogger(__name__)
WEBHOOKS_SENT = Counter("closeloop_sla_webhook_attempts_total", "Webhook delivery attempts, by outcome", ["outcome"])


@dataclass(frozen=True)
class _Claimed:
    id: str
    channel_id: str
    envelope: dict  # type: ignore[type-arg]
    attempts: int
    url: str
    format: str
    secret: str


class DeliverySender:
    """Runs beside the API in each replica; replicas share the work without sending one delivery twice at once."""

    def __init__(self, *, database: Database, settings: Settings, client: httpx.AsyncClient | None = None) -> None:
        self.database = database
        self.settings = settings
        self._client = client
        self._stopping = asyncio.Event()

    def stop(self) -> None:
        self._stopping.set()

    async def run(self) -> None:
        client = self._client or httpx.AsyncClient(timeout=self.settings.webhook_timeout_seconds, follow_redirects=False)
        try:
            while not self._stopping.is_set():
                try:
                    sent = await self.send_due(client)
                except asyncio.CancelledError:
                    raise
                except Exception as exc:  # database away: wait and try again
                    log.warning("webhook sender retrying after error: %s", exc)
                    sent = 0
                if sent < self.settings.sender_batch_size:
                    try:
                        await asyncio.wait_for(self._stopping.wait(), timeout=self.settings.sender_poll_seconds)
                    except TimeoutError:
                        pass
        finally:
            if self._client is None:
                await client.aclose()

    async def send_due(self, client: httpx.AsyncClient) -> int:
        claimed = await self._claim()
        await asyncio.gather(*(self._send(client, item) for item in claimed))
        return len(claimed)

    async def _claim(self) -> list[_Claimed]:
        now = datetime.now(UTC)
        async with self.database.unit_of_work() as session:
            due = (
                select(Delivery.id)
                .where(
                    Delivery.status == "pending", Delivery.next_attempt_at <= now,
                    (Delivery.lease_until.is_(None)) | (Delivery.lease_until < now),
                )
                .order_by(Delivery.next_attempt_at)
                .limit(self.settings.sender_batch_size)
                .with_for_update(skip_locked=True)
            )
            rows = (
                await session.execute(
                    update(Delivery)
                    .where(Delivery.id.in_(due.scalar_subquery()))
                    .values(lease_until=now + timedelta(seconds=self.settings.webhook_lease_seconds), attempts=Delivery.attempts + 1)
                    .returning(Delivery.id, Delivery.channel_id, Delivery.envelope, Delivery.attempts)
                )
            ).all()
            if not rows:
                return []
            channels = {
                c.id: c for c in (await session.scalars(select(Channel).where(Channel.id.in_({r.channel_id for r in rows})))).all()
            }
        return [
            _Claimed(r.id, r.channel_id, r.envelope, r.attempts, channels[r.channel_id].url, channels[r.channel_id].format,
                     channels[r.channel_id].secret)
            for r in rows
        ]

    async def _send(self, client: httpx.AsyncClient, item: _Claimed) -> None:
        status: int | None = None
        error: str | None = None
        try:
            await check_target(item.url, allowed=self.settings.webhook_allowed_networks)
            body = json.dumps(render(item.format, item.envelope), ensure_ascii=False, separators=(",", ":")).encode()
            headers = {"content-type": "application/json", "user-agent": "closeloop-sla-webhooks/1"}
            headers |= signature_headers(secret=item.secret, message_id=item.id, timestamp=int(time.time()), body=body)
            response = await client.post(item.url, content=body, headers=headers)
            status = response.status_code
        except TargetRefused as exc:
            error = f"target refused: {exc}"
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"
        await self._record(item, status, error)

    async def _record(self, item: _Claimed, status: int | None, error: str | None) -> None:
        now = datetime.now(UTC)
        async with self.database.unit_of_work() as session:
            values: dict[str, object] = {"last_status": status, "last_error": (error or "")[:1000] or None, "lease_until": None}
            if status is not None and 200 <= status < 300:
                values |= {"status": "delivered", "delivered_at": now}
                outcome = "delivered"
            elif status == 410:
                # the receiver says the endpoint is gone for good: stop sending to it (spec: disable on 410)
                values |= {"status": "cancelled"}
                outcome = "gone"
            elif item.attempts >= self.settings.webhook_max_attempts:
                values |= {"status": "failed"}
                outcome = "failed"
            else:
                values |= {
                    "next_attempt_at": next_attempt(
                        attempts=item.attempts, base=self.settings.webhook_backoff_seconds,
                        ceiling=self.settings.webhook_backoff_max_seconds, now=now,
                    )
                }
                outcome = "retry"
            await session.execute(update(Delivery).where(Delivery.id == item.id, Delivery.status == "pending").values(**values))
            if outcome == "gone":
                await session.execute(
                    update(Channel).where(Channel.id == item.channel_id)
                    .values(status="disabled", disabled_reason=f"endpoint answered 410 Gone at {now.isoformat()}")
                )
                await cancel_pending(session=session, channel_id=item.channel_id, reason="channel disabled: 410 Gone")
        WEBHOOKS_SENT.labels(outcome).inc()


