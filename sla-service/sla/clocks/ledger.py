"""The clock's ledger: every change written next to the change itself, for audit and recomputation."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from sla.clocks.models import Clock, LedgerEntry


def note(*, session: AsyncSession, clock: Clock, kind: str, at: datetime, **detail: Any) -> LedgerEntry:
    entry = LedgerEntry(clock_id=clock.id, kind=kind, at=at, detail={k: _plain(v) for k, v in detail.items()})
    session.add(entry)
    return entry


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value
