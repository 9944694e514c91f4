"""Idempotency-Key semantics (IETF draft "The Idempotency-Key HTTP Header Field"), scoped per client.

- same key, same request: the first answer again (a replay), never a second record;
- same key, different request: 422;
- same key while the first request is still in flight: 409 (the first holds an advisory lock until it
  commits, so "in flight" needs no lease and a crashed request frees its key by itself);
- keys are kept ``ttl`` (at least 24 h), then purged by the retention worker.

The key row is written in the same transaction as the record it created, so either both exist or neither.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from closeloop.problems import Problem
from intake.admission.errors import invalid_field
from intake.db import try_advisory_lock
from intake.idempotency.models import IdempotencyKey
from intake.privacy.sealing import Sealer

HEADER = "Idempotency-Key"
REPLAY_HEADER = "Idempotent-Replayed"
_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")


@dataclass(frozen=True)
class Replay:
    """What the first request with this key created."""

    resource_id: str | None
    status_code: int


def check_key(key: str) -> str:
    """A key is 1-255 visible ASCII characters (a UUID is the usual choice)."""
    if not _KEY.match(key):
        raise invalid_field(f"header.{HEADER}", "must be 1-255 visible ASCII characters, e.g. a UUID")
    return key


def fingerprint(*, sealer: Sealer, endpoint: str, body: Any) -> str:
    """Keyed hash of the request as the client meant it: key order and spacing do not matter, and the
    hash gives nothing of the personal data in the body away."""
    canonical = json.dumps([endpoint, body], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return sealer.fingerprint("request", canonical)


def _lock_name(client_id: str, key: str) -> str:
    return f"idempotency:{client_id}:{key}"


def _in_flight() -> Problem:
    return Problem(
        409, "Request in progress",
        "a request with this Idempotency-Key is still being processed; retry after it finishes",
        type_="https://closeloop.dev/problems/idempotency-in-flight", headers={"Retry-After": "1"},
    )


def _reused() -> Problem:
    return Problem(
        422, "Idempotency key reused",
        "this Idempotency-Key was first used with a different request; use a new key for a new request",
        type_="https://closeloop.dev/problems/idempotency-key-reused",
        errors=[{"field": f"header.{HEADER}", "message": "already used for a different request", "type": "reused"}],
    )


async def claim(*, session: AsyncSession, client_id: str, key: str, fingerprint: str) -> Replay | None:
    """Hold the key for this transaction: None means go ahead, a Replay means answer with the first result."""
    if not await try_advisory_lock(session, _lock_name(client_id, key)):
        raise _in_flight()
    return await lookup(session=session, client_id=client_id, key=key, fingerprint=fingerprint)


async def lookup(*, session: AsyncSession, client_id: str, key: str, fingerprint: str) -> Replay | None:
    """What a key already produced (for a caller already holding it); 422 if it came with another request."""
    row = await session.scalar(
        select(IdempotencyKey).where(IdempotencyKey.client_id == client_id, IdempotencyKey.key == key)
    )
    if row is None or row.expires_at <= datetime.now(UTC):
        return None
    if row.fingerprint != fingerprint:
        raise _reused()
    if row.status_code is None:
        return None  # a batch that stopped half-way: carry on where it stopped
    return Replay(row.resource_id, row.status_code)


async def record(
    *, session: AsyncSession, client_id: str, key: str, fingerprint: str, kind: str,
    resource_id: str | None, status_code: int | None, ttl: timedelta,
) -> None:
    """Remember what this key produced, in the caller's transaction (an expired row is taken over)."""
    now = datetime.now(UTC)
    values = {
        "client_id": client_id, "key": key, "fingerprint": fingerprint, "resource_kind": kind,
        "resource_id": resource_id, "status_code": status_code, "created_at": now, "expires_at": now + ttl,
    }
    stmt = insert(IdempotencyKey).values(**values)
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=[IdempotencyKey.client_id, IdempotencyKey.key],
            set_={k: stmt.excluded[k] for k in values if k not in ("client_id", "key")},
        )
    )


@asynccontextmanager
async def held_across_transactions(engine: AsyncEngine, *, client_id: str, key: str) -> AsyncIterator[None]:
    """A batch spans many transactions: hold its key on a connection of its own for the whole batch.

    The lock is released explicitly (a pooled connection would otherwise keep it) or, if the process
    dies, with the connection.
    """
    name = _lock_name(client_id, key)
    async with engine.connect() as connection:
        held = await connection.scalar(text("SELECT pg_try_advisory_lock(hashtextextended(:name, 0))"), {"name": name})
        await connection.commit()
        if not held:
            raise _in_flight()
        try:
            yield
        finally:
            await connection.execute(text("SELECT pg_advisory_unlock(hashtextextended(:name, 0))"), {"name": name})
            await connection.commit()


async def purge_expired(*, session: AsyncSession) -> int:
    result = await session.execute(delete(IdempotencyKey).where(IdempotencyKey.expires_at <= datetime.now(UTC)))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
