"""When two feedback are the same complaint: precision over recall.

Two different customers with similar words are a group complaint (群體性投訴), never a duplicate;
routing must see each of them. So a pair is a duplicate only when
- both carry the same customer, within ``customer_window``, and the texts are nearly the same; or
- at least one is anonymous, both concern the same store within the shorter ``store_window``, and the
  texts are long enough to be distinctive and almost identical.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from rapidfuzz import fuzz


@dataclass(frozen=True)
class Sighting:
    """What duplicate detection needs of one feedback."""

    feedback_id: str
    customer_id: str | None
    store_id: str
    key: str  # matching key: normalised text, letters and digits only
    received_at: datetime
    duplicate_of: str | None = None


@dataclass(frozen=True)
class DuplicatePolicy:
    customer_window: timedelta = timedelta(hours=72)
    customer_similarity: float = 85.0
    store_window: timedelta = timedelta(minutes=120)
    store_similarity: float = 93.0
    store_min_chars: int = 12


def similarity(a: str, b: str) -> float:
    """0-100: normalised Indel similarity of two matching keys."""
    if not a or not b:
        return 0.0
    return float(fuzz.ratio(a, b))


def score(new: Sighting, earlier: Sighting, policy: DuplicatePolicy) -> float | None:
    """The similarity if ``new`` duplicates ``earlier`` under the policy, else None."""
    gap = new.received_at - earlier.received_at
    if gap < timedelta(0):
        return None
    if new.customer_id and earlier.customer_id:
        if new.customer_id != earlier.customer_id or gap > policy.customer_window:
            return None
        value = similarity(new.key, earlier.key)
        return value if value >= policy.customer_similarity else None
    if new.store_id != earlier.store_id or gap > policy.store_window:
        return None
    if min(len(new.key), len(earlier.key)) < policy.store_min_chars:
        return None
    value = similarity(new.key, earlier.key)
    return value if value >= policy.store_similarity else None


def first_of(new: Sighting, candidates: list[Sighting], policy: DuplicatePolicy) -> tuple[str, float] | None:
    """The original (the first of its cluster) that ``new`` duplicates, with the score, or None."""
    best: tuple[float, Sighting] | None = None
    for earlier in candidates:
        if earlier.feedback_id == new.feedback_id:
            continue
        value = score(new, earlier, policy)
        if value is not None and (best is None or value > best[0]):
            best = (value, earlier)
    if best is None:
        return None
    value, earlier = best
    return earlier.duplicate_of or earlier.feedback_id, value
