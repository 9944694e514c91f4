"""The case timeline: every event in a case's life, with who did it and when."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from routing.cases.models import Case, TimelineEntry

SYSTEM = "routing"


async def record(
    session: AsyncSession, case: Case, entry: str, *, actor: str = SYSTEM, at: datetime | None = None,
    details: dict[str, Any] | None = None, text_sealed: str | None = None, idempotency_key: str | None = None,
) -> TimelineEntry:
    """Add one line to the case's timeline in the caller's transaction."""
    line = TimelineEntry(
        case_id=case.id, at=at or datetime.now(UTC), actor=actor, entry=entry, details=details or {},
        text_sealed=text_sealed, idempotency_key=idempotency_key,
    )
    session.add(line)
    return line
