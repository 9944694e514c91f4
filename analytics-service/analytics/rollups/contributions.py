"""What one case adds to the rollups (pure): the rollups are the sum of every case's contributions.

An event changes a case; the rollups then change by ``contributions(after) - contributions(before)``.
That retract-and-add step is why a late, repeated or reordered event leaves the figures exact: the
rollups always equal the sum over the cases' current states, whatever order those states were reached in.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from analytics.facts.state import CaseState
from analytics.rollups.grains import ALL, BREACHES, CASES, DURATION_EDGES, ISSUES, Family

Key = tuple[str, date, tuple[str, ...]]
"""(rollup table, local day, every dimension value in the family's order): the finest grain.

The coarser grains are summed from these rows by the database when they are written (GROUPING SETS),
so a case's change is a handful of rows whatever the number of grains.
"""
Contributions = dict[Key, dict[str, int]]


@dataclass(frozen=True)
class Rules:
    """The policy values the figures depend on (from Settings)."""

    default_timezone: str = "Asia/Shanghai"
    timeliness_clocks: tuple[str, ...] = ("resolution",)
    resolution_reopen_window: timedelta = timedelta(days=7)
    repeat_window: timedelta = timedelta(days=30)
    closure_score_threshold: int = 80


@lru_cache(maxsize=256)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_day(moment: datetime, timezone: str) -> date:
    """The store's calendar day of a moment: day, week and month boundaries follow the store's time zone."""
    return moment.astimezone(zone(timezone)).date()


def duration_bucket(seconds: float) -> int:
    """Index of the histogram bucket a duration falls in (edges are inclusive upper bounds)."""
    return bisect.bisect_left(DURATION_EDGES, seconds)


class _Adder:
    def __init__(self) -> None:
        self.out: Contributions = defaultdict(lambda: defaultdict(int))

    def add(self, key: tuple[str, tuple[str, ...]], day: date, measures: dict[str, int]) -> None:
        bucket = self.out[(key[0], day, key[1])]
        for name, amount in measures.items():
            if amount:
                bucket[name] += amount


def _place(state: CaseState, family: Family, leading: int) -> tuple[str, ...]:
    """The case's values of a family's dimensions after its first ``leading`` (term or clock) ones."""
    return tuple([getattr(state, d) or ALL for d in family.dims[leading:]])


def is_resolved(state: CaseState) -> bool:
    return state.resolved_at is not None and (state.reopened_at is None or state.reopened_at < state.resolved_at)


def clock_outcome(clock: dict[str, Any]) -> str | None:
    """met, breached, or None while the clock still runs (or was never reported ended)."""
    if clock.get("outcome") == "cancelled":
        return None
    if clock.get("breached_at") is not None or clock.get("met") is False:
        return "breached"
    if clock.get("met") is True:
        return "met"
    return None


def accepted_resolution(state: CaseState, rules: Rules) -> bool:
    """問題解決: the customer's latest verdict accepted the result with no objection since; or a minor
    case closed without a callback and not reopened within the window."""
    if state.verdict_at is not None and state.verdict_satisfied is not None:
        objected = state.reopened_at is not None and state.reopened_at > state.verdict_at
        return bool(state.verdict_satisfied) and state.verdict_resolved is not False and not objected
    if state.urgency == "minor" and state.closed_at is not None:
        reopened_in_window = state.reopened_at is not None and (
            state.closed_at < state.reopened_at <= state.closed_at + rules.resolution_reopen_window
        )
        return not reopened_in_window
    return False


def closed_loop(state: CaseState, rules: Rules) -> bool:
    """閉環: the customer confirmed the result (or a minor case needed no callback), or its confirmation score
    reached the threshold."""
    if state.closure_score is not None:
        return state.closure_score >= rules.closure_score_threshold
    return state.loop_confirmed


def contributions(state: CaseState, rules: Rules) -> Contributions:
    """Every rollup row this case adds to, with the amounts; nothing until its opening has arrived."""
    if not state.opened or state.opened_at is None:
        return {}
    tz = state.timezone or rules.default_timezone
    adder = _Adder()
    case_keys = (CASES.table, _place(state, CASES, 0))
    opened_day = local_day(state.opened_at, tz)
    closed = state.is_closed
    resolved = is_resolved(state)
    breached_clocks = [c for c in state.clocks.values() if clock_outcome(c) == "breached"]
    cohort: dict[str, int] = {
        "opened": 1,
        "complaints": int(state.kind == "complaint"),
        "closed": int(closed),
        "closed_loop": int(closed and closed_loop(state, rules)),
        "resolved": int(resolved),
        "fcr": int(resolved and state.first_contact_resolution),
        "resolved_accepted": int(accepted_resolution(state, rules)),
        "escalated": int(state.escalations > 0 or bool(breached_clocks)),
        "repeats": int(state.repeat),
    }
    if state.acknowledged_at is not None:
        seconds = max(0, int((state.acknowledged_at - state.opened_at).total_seconds()))
        cohort.update({"acknowledged": 1, "ack_seconds": seconds, f"ack_h{duration_bucket(seconds):02d}": 1})
    if resolved and state.resolved_at is not None:
        seconds = max(0, int((state.resolved_at - state.opened_at).total_seconds()))
        cohort.update({"resolution_count": 1, "resolution_seconds": seconds, f"res_h{duration_bucket(seconds):02d}": 1})
    adder.add(case_keys, opened_day, cohort)

    if state.verdict_at is not None and state.verdict_satisfied is not None:
        adder.add(case_keys, local_day(state.verdict_at, tz), {"verdicts": 1, "satisfied": int(state.verdict_satisfied)})

    for answer in state.answers.values():
        csat, nps = answer.get("csat"), answer.get("nps")
        measures = {}
        if csat is not None:
            measures.update(csat_answers=1, csat_sum=csat, csat_top2=int(csat >= 4))
        if nps is not None:
            measures.update(nps_answers=1, nps_promoters=int(nps >= 9), nps_detractors=int(nps <= 6))
        if measures:
            adder.add(case_keys, local_day(answer["at"], tz), measures)

    for clock in state.clocks.values():
        outcome = clock_outcome(clock)
        if outcome is None:
            continue
        if clock.get("clock") in rules.timeliness_clocks:
            due = clock.get("due_at") or clock.get("breached_at") or clock.get("stopped_at")
            adder.add(case_keys, local_day(due, tz), {"clocks_due": 1, "clocks_met": int(outcome == "met")})
        if outcome == "breached":
            moment = clock.get("breached_at") or clock.get("due_at") or clock.get("stopped_at")
            day = local_day(moment, tz)
            adder.add(case_keys, day, {"breaches": 1})
            breach_place = (clock.get("clock") or "unknown",) + _place(state, BREACHES, 1)
            adder.add((BREACHES.table, breach_place), day, {"breaches": 1})

    terms = [("theme", w, "") for w in state.theme_words]
    if state.subcategory:
        terms += [("subcategory", state.subcategory, "")] + [("pair", w, state.subcategory) for w in state.theme_words]
    if terms:
        place = _place(state, ISSUES, 3)
        for term in terms:
            adder.add((ISSUES.table, term + place), opened_day, {"cases": 1})
    return adder.out


def difference(before: Contributions, after: Contributions) -> Contributions:
    """after − before, without the rows and measures that did not change."""
    delta: Contributions = {}
    for key in before.keys() | after.keys():
        old, new = before.get(key, {}), after.get(key, {})
        changed = {m: new.get(m, 0) - old.get(m, 0) for m in old.keys() | new.keys()}
        changed = {m: v for m, v in changed.items() if v}
        if changed:
            delta[key] = changed
    return delta


def accumulate(total: Contributions, delta: Contributions) -> None:
    """Add one case's change to a batch's change, so each rollup row is written once per batch."""
    for key, measures in delta.items():
        bucket = total.setdefault(key, {})
        for name, amount in measures.items():
            bucket[name] = bucket.get(name, 0) + amount
