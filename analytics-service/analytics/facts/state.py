"""A case's facts as the events describe them, and how each event changes them (pure, no database).

Events arrive late, twice and out of order across topics, so every change here is written to give the
same state whatever the order: earliest wins for first times, latest wins for current values, and
clocks and survey answers are keyed by their own ids.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from typing import Any

from closeloop.contracts.case import (
    CaseAcknowledged, CaseAssigned, CaseCallbackRecorded, CaseClosed, CaseEscalated, CaseOpened, CaseReclassified,
    CaseReopened, CaseResolved, CaseUrgencyRaised,
)
from closeloop.contracts.envelope import EventPayload
from closeloop.contracts.feedback import SurveyRecorded
from closeloop.contracts.sla import ClockBreached, ClockResumed, ClockStarted, ClockStopped, EscalationRequested


@dataclass
class CaseState:
    """One row of ``analytics.case_facts``; ``opened`` is false until the case's opening arrives."""

    case_id: str
    feedback_id: str | None = None
    opened: bool = False
    store_id: str | None = None
    region_id: str | None = None
    channel: str | None = None
    category: str | None = None
    subcategory: str | None = None
    urgency: str | None = None
    kind: str | None = None
    department: str | None = None
    assignee_id: str | None = None
    assigned_at: datetime | None = None
    classified_at: datetime | None = None
    customer_key: str | None = None
    theme_words: list[str] = field(default_factory=list)
    timezone: str | None = None
    received_at: datetime | None = None
    opened_at: datetime | None = None
    acknowledged_at: datetime | None = None
    resolved_at: datetime | None = None
    first_contact_resolution: bool = False
    closed_at: datetime | None = None
    closure_score: int | None = None
    loop_confirmed: bool = False
    reopened_at: datetime | None = None
    reopens: int = 0
    escalations: int = 0
    repeat: bool = False
    verdict_id: str | None = None
    verdict_at: datetime | None = None
    verdict_satisfied: bool | None = None
    verdict_resolved: bool | None = None
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    clocks: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def is_closed(self) -> bool:
        """Closed and not reopened since."""
        return self.closed_at is not None and (self.reopened_at is None or self.reopened_at < self.closed_at)

    @property
    def is_breached_open(self) -> bool:
        """Still open with a clock past its deadline that has not been stopped."""
        if self.is_closed or not self.opened:
            return False
        return any(c.get("breached_at") and c.get("stopped_at") is None for c in self.clocks.values())

    def row(self) -> dict[str, Any]:
        values = {name: getattr(self, name) for name in _FIELDS}
        values["clocks"] = {k: _jsonable(v) for k, v in self.clocks.items()}
        values["answers"] = {k: _jsonable(v) for k, v in self.answers.items()}
        values["breached_open"] = self.is_breached_open
        values["closed"] = self.is_closed
        return values

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "CaseState":
        state = cls(**{k: v for k, v in row.items() if k in _FIELD_SET})
        state.clocks = {k: _typed(v) for k, v in (state.clocks or {}).items()}
        state.answers = {k: _typed(v) for k, v in (state.answers or {}).items()}
        state.theme_words = list(state.theme_words or [])
        return state


_FIELDS = tuple(f.name for f in fields(CaseState))
_FIELD_SET = frozenset(_FIELDS)
_TIME_KEYS = ("due_at", "stopped_at", "breached_at", "started_at", "at")


def _jsonable(value: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in value.items()}


def _typed(value: dict[str, Any]) -> dict[str, Any]:
    return {k: (datetime.fromisoformat(v) if k in _TIME_KEYS and isinstance(v, str) else v) for k, v in value.items()}


def _earliest(a: datetime | None, b: datetime | None) -> datetime | None:
    return b if a is None else a if b is None else min(a, b)


def _latest(a: datetime | None, b: datetime | None) -> datetime | None:
    return b if a is None else a if b is None else max(a, b)


def customer_key(case: CaseOpened) -> str | None:
    """The customer as repeat detection matches them: id, then member, then the keyed phone hash."""
    c = case.customer
    if c.customer_id:
        return f"c:{c.customer_id}"
    if c.member_id:
        return f"m:{c.member_id}"
    if c.phone_hash:
        return f"p:{c.phone_hash}"
    return None


def apply(state: CaseState, event_type: str, payload: EventPayload) -> None:
    """Fold one event into the case's state; types this build does not count change nothing."""
    if isinstance(payload, CaseOpened):
        state.opened = True
        state.feedback_id = payload.feedback_id
        state.store_id = payload.store_id
        state.region_id = payload.region_id or state.region_id
        state.channel = payload.channel
        if state.classified_at is None:
            state.category = payload.category
            state.subcategory = payload.subcategory
            state.urgency = payload.urgency
            state.kind = payload.kind
        if state.assigned_at is None:
            state.department = payload.department
            state.assignee_id = payload.assignee_id
        state.customer_key = customer_key(payload)
        state.theme_words = sorted(set(payload.theme_words))
        state.received_at = payload.received_at
        state.opened_at = payload.occurred_at
    elif isinstance(payload, CaseReclassified):
        if state.classified_at is None or payload.occurred_at >= state.classified_at:
            state.classified_at = payload.occurred_at
            state.category, state.subcategory = payload.category, payload.subcategory
            state.urgency, state.kind = payload.urgency, payload.kind
    elif isinstance(payload, CaseUrgencyRaised):
        if state.classified_at is None or payload.occurred_at >= state.classified_at:
            state.classified_at = payload.occurred_at
            state.urgency = payload.urgency
    elif isinstance(payload, CaseAssigned):
        if state.assigned_at is None or payload.occurred_at >= state.assigned_at:
            state.assigned_at = payload.occurred_at
            state.department = payload.department
            state.assignee_id = payload.assignee_id
    elif isinstance(payload, CaseAcknowledged):
        state.acknowledged_at = _earliest(state.acknowledged_at, payload.occurred_at)
    elif isinstance(payload, CaseResolved):
        if state.resolved_at is None or payload.occurred_at >= state.resolved_at:
            state.resolved_at = payload.occurred_at
            state.first_contact_resolution = payload.first_contact_resolution
    elif isinstance(payload, CaseClosed):
        if state.closed_at is None or payload.occurred_at >= state.closed_at:
            state.closed_at = payload.occurred_at
            state.loop_confirmed = payload.loop_confirmed
            score = getattr(payload, "confirmation_score", None)
            state.closure_score = score if score is not None else state.closure_score
    elif isinstance(payload, CaseReopened):
        state.reopens += 1
        state.reopened_at = _latest(state.reopened_at, payload.occurred_at)
    elif isinstance(payload, CaseEscalated):
        state.escalations += 1
    elif isinstance(payload, EscalationRequested):
        if payload.reason != "reminder":
            state.escalations += 1
    elif isinstance(payload, CaseCallbackRecorded):
        record_verdict(
            state, answer_id=payload.survey_id or f"callback:{payload.occurred_at.isoformat()}",
            at=payload.occurred_at, satisfied=payload.satisfied, resolved=None, csat=payload.csat, nps=payload.nps,
        )
    elif isinstance(payload, SurveyRecorded):
        record_verdict(
            state, answer_id=payload.survey_id, at=payload.recorded_at, satisfied=payload.satisfied,
            resolved=payload.resolved, csat=payload.csat, nps=payload.nps,
        )
    elif isinstance(payload, ClockStarted):
        clock = state.clocks.setdefault(payload.clock_id, {})
        clock.update(clock=payload.clock, started_at=payload.occurred_at)
        clock.setdefault("due_at", payload.due_at)
    elif isinstance(payload, ClockResumed):
        clock = state.clocks.setdefault(payload.clock_id, {"clock": payload.clock})
        clock["due_at"] = payload.due_at
    elif isinstance(payload, ClockStopped):
        clock = state.clocks.setdefault(payload.clock_id, {"clock": payload.clock})
        clock.update(stopped_at=payload.occurred_at, met=payload.met, outcome=payload.outcome)
        if payload.due_at is not None:
            clock["due_at"] = payload.due_at
    elif isinstance(payload, ClockBreached):
        clock = state.clocks.setdefault(payload.clock_id, {"clock": payload.clock})
        clock["due_at"] = payload.due_at
        clock["breached_at"] = _earliest(clock.get("breached_at"), payload.occurred_at)


def record_verdict(
    state: CaseState, *, answer_id: str, at: datetime, satisfied: bool | None, resolved: bool | None,
    csat: int | None, nps: int | None,
) -> None:
    """A survey or callback (回訪): each answer counts; the latest verdict stands for the case."""
    state.answers[answer_id] = {"csat": csat, "nps": nps, "at": at}
    if satisfied is None and resolved is None:
        return
    if state.verdict_at is None or (at, answer_id) >= (state.verdict_at, state.verdict_id or ""):
        state.verdict_id = answer_id
        state.verdict_at = at
        state.verdict_satisfied = satisfied
        state.verdict_resolved = resolved


def mark_repeats(states: Iterable[CaseState], pairs: set[tuple[str | None, str | None]], *, window: timedelta) -> None:
    """重複問題: a case is a repeat when the same customer had a case of the same subcategory in the window before it."""
    groups: dict[tuple[str | None, str | None], list[CaseState]] = defaultdict(list)
    for state in states:
        key = (state.customer_key, state.subcategory)
        if state.opened and state.opened_at is not None and key in pairs:
            groups[key].append(state)
    for group in groups.values():
        group.sort(key=lambda s: (s.opened_at, s.case_id))
        for i, state in enumerate(group):
            assert state.opened_at is not None
            state.repeat = any(
                other.opened_at is not None and state.opened_at - window <= other.opened_at
                for other in group[:i]
            )
