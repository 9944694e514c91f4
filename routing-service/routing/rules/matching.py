"""Which rule applies to a case: the first active rule, by position, whose every condition holds."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar


@dataclass(frozen=True)
class CaseFacts:
    """What a routing rule may look at."""

    category: str
    subcategory: str | None
    urgency: str
    store_id: str
    channel: str
    tier: str | None = None


class Rule(Protocol):
    position: int
    id: str
    active: bool
    categories: Sequence[str]
    subcategories: Sequence[str]
    urgencies: Sequence[str]
    store_ids: Sequence[str]
    channels: Sequence[str]
    tiers: Sequence[str]


R = TypeVar("R", bound=Rule)


def _holds(allowed: Sequence[str], value: str | None) -> bool:
    return not allowed or (value is not None and value in allowed)


def matches(rule: Rule, facts: CaseFacts) -> bool:
    return (
        rule.active
        and _holds(rule.categories, facts.category)
        and _holds(rule.subcategories, facts.subcategory)
        and _holds(rule.urgencies, facts.urgency)
        and _holds(rule.store_ids, facts.store_id)
        and _holds(rule.channels, facts.channel)
        and _holds(rule.tiers, facts.tier)
    )


def first_match(rules: Iterable[R], facts: CaseFacts) -> R | None:
    for rule in sorted(rules, key=lambda r: (r.position, r.id)):
        if matches(rule, facts):
            return rule
    return None
