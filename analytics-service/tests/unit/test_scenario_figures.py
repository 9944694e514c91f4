"""Every figure of the scripted month, computed in memory from the events (no database) against hand counts."""

from __future__ import annotations

import pytest

from analytics.facts.state import CaseState, apply, mark_repeats
from analytics.kpis.figures import figures
from analytics.rollups.contributions import Rules, accumulate, contributions
from analytics_testkit.scenario import EVENTS, EXPECTED_NOVEMBER, STORES

RULES = Rules()


def november_sums() -> dict[str, int]:
    zones = {s.store_id: s.timezone for s in STORES}
    states: dict[str, CaseState] = {}
    by_feedback: dict[str, str] = {}
    for payload in EVENTS:
        case_id = getattr(payload, "case_id", None) or by_feedback.get(getattr(payload, "feedback_id", ""))
        if case_id is None:
            continue
        state = states.setdefault(case_id, CaseState(case_id=case_id))
        apply(state, payload.event_type, payload)
        if state.feedback_id:
            by_feedback[state.feedback_id] = case_id
    for state in states.values():
        state.timezone = zones[state.store_id]
    mark_repeats(states.values(), {(s.customer_key, s.subcategory) for s in states.values()}, window=RULES.repeat_window)
    total: dict = {}
    for state in states.values():
        accumulate(total, contributions(state, RULES))
    sums: dict[str, int] = {}
    for (table, day, _), measures in total.items():
        if table == "case_rollups" and day.year == 2026 and day.month == 11:
            for name, amount in measures.items():
                sums[name] = sums.get(name, 0) + amount
    return sums


def test_every_figure_of_the_scripted_month_matches_the_hand_count():
    result = figures(november_sums(), targets={}, csi_weights={"csat": 0.4, "satisfaction": 0.4, "nps": 0.2}, sqs_weights={})
    e = EXPECTED_NOVEMBER
    assert result.volume == e["volume"] and result.complaints == e["complaints"]
    for name in ("timeliness_rate", "satisfaction_rate", "resolution_rate", "closure_rate", "closed_rate", "fcr_rate",
                 "escalation_rate", "repeat_rate"):
        rate = getattr(result, name)
        assert (rate.numerator, rate.denominator) == e[name], name
    assert result.avg_first_response_seconds == pytest.approx(e["avg_first_response_seconds"])
    assert result.avg_resolution_seconds == pytest.approx(e["avg_resolution_seconds"])
    assert result.csat.mean == pytest.approx(e["csat"]["mean"]) and result.nps.score == pytest.approx(e["nps"]["score"])
    assert result.breaches == e["breaches"]
    assert result.csi.value == pytest.approx(e["csi"])
