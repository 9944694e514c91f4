"""Raising rules (taxonomy.md): what lifts a case's urgency beyond what its words say.

A group complaint, a repeat complaint, a product incident or a strategic customer make a problem
at least ``important``; a VIP customer's problem goes one step up, to at most ``important``.
Raising never lowers an urgency, and praise or a question without a problem is not raised.
"""

from __future__ import annotations

ORDER = ("minor", "general", "important", "urgent")
FLOORS = {
    "group_complaint": "important",
    "repeat_complaint": "important",
    "product_incident": "important",
    "strategic_customer": "important",
}
TIER_REASONS = {"vip": "vip_customer", "strategic": "strategic_customer"}


def raised(urgency: str, reason: str) -> str:
    """The urgency after one raising rule applies."""
    rank = ORDER.index(urgency)
    if reason == "vip_customer":
        return ORDER[max(rank, min(rank + 1, ORDER.index("important")))]
    floor = FLOORS[reason]
    return ORDER[max(rank, ORDER.index(floor))]


def tier_reason(tier: str | None, *, kind: str, urgency: str) -> str | None:
    """The raising reason a customer's tier gives, for a problem they report (not for praise or questions)."""
    if tier not in TIER_REASONS:
        return None
    if kind in ("praise", "inquiry", "suggestion") and urgency == "minor":
        return None
    return TIER_REASONS[tier]
