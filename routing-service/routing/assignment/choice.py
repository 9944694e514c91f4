"""The choice itself, free of the database, so the fairness rules can be read and tested on their own."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

_NEVER = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Candidate:
    staff_id: str
    load: int
    capacity: int
    last_assigned_at: datetime | None = None

    @property
    def has_room(self) -> bool:
        return self.load < self.capacity


def choose(candidates: Iterable[Candidate], *, over_capacity: bool = False) -> Candidate | None:
    """Fewest open cases first; among equals whoever waited longest since their last case (round-robin).

    Someone at capacity is skipped unless ``over_capacity`` (an urgent case must reach a supervisor
    even when every supervisor is busy).
    """
    pool = [c for c in candidates if over_capacity or c.has_room]
    if not pool:
        return None
    return min(pool, key=lambda c: (c.load, c.last_assigned_at or _NEVER, c.staff_id))
