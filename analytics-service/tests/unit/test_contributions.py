"""What one case adds to the rollups, and the retract-and-add difference an event makes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from analytics.facts.state import CaseState
from analytics.rollups.contributions import (
    Rules, accepted_resolution, closed_loop, contributions, difference, duration_bucket, local_day,
)

RULES = Rules()


def t(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def case(**changes) -> CaseState:  # type: ignore[no-untyped-def]
    values = dict(case_id="K1", opened=True, store_id="S1", region_id="R1", category="service", urgency="general",
                  kind="complaint", channel="pos", department="cs", timezone="Asia/Shanghai",
                  opened_at=t("2026-11-02T02:00:00"))
    return CaseState(**(values | changes))


DIMS = ("R1", "S1", "service", "general", "pos", "complaint", "cs", "")


def row(contribution, day: date, dims: tuple[str, ...] = DIMS) -> dict:  # type: ignore[no-untyped-def]
    return contribution.get(("case_rollups", day, dims), {})


def test_a_case_not_yet_opened_contributes_nothing():
    assert contributions(CaseState(case_id="K1", clocks={"c": {"clock": "resolution", "met": True}}), RULES) == {}


def test_an_opened_case_adds_one_to_its_row_of_its_opening_day():
    added = contributions(case(), RULES)
    assert [k for k in added if k[0] == "case_rollups"] == [("case_rollups", date(2026, 11, 2), DIMS)]
    assert added[("case_rollups", date(2026, 11, 2), DIMS)] == {"opened": 1, "complaints": 1}


def test_local_day_follows_the_store_time_zone():
    moment = t("2026-10-31T17:00:00")
    assert local_day(moment, "Asia/Shanghai") == date(2026, 11, 1)
    assert local_day(moment, "Europe/London") == date(2026, 10, 31)


def test_a_handling_clock_counts_on_the_day_it_fell_due():
    state = case(clocks={"k": {"clock": "resolution", "due_at": t("2026-11-04T01:00:00"), "met": True,
                              "stopped_at": t("2026-11-03T00:00:00")}})
    assert row(contributions(state, RULES), date(2026, 11, 4)) == {"clocks_due": 1, "clocks_met": 1}


def test_a_cancelled_clock_counts_nowhere():
    state = case(clocks={"k": {"clock": "resolution", "due_at": t("2026-11-04T01:00:00"), "met": False,
                              "outcome": "cancelled"}})
    assert row(contributions(state, RULES), date(2026, 11, 4)) == {}


def test_a_breached_clock_is_a_breach_and_an_escalation():
    state = case(clocks={"k": {"clock": "first_contact", "due_at": t("2026-11-02T02:30:00"),
                              "breached_at": t("2026-11-02T02:30:00")}})
    added = contributions(state, RULES)
    assert row(added, date(2026, 11, 2))["breaches"] == 1 and row(added, date(2026, 11, 2))["escalated"] == 1
    assert added[("breach_rollups", date(2026, 11, 2), ("first_contact", "R1", "S1", "cs", "service", "general"))] == {"breaches": 1}


def test_durations_fall_in_log_buckets():
    assert duration_bucket(60) == 0 and duration_bucket(61) == 1 and duration_bucket(10**9) == 15
    added = contributions(case(acknowledged_at=t("2026-11-02T02:20:00")), RULES)
    assert row(added, date(2026, 11, 2))["ack_seconds"] == 1200 and row(added, date(2026, 11, 2))["ack_h03"] == 1


def test_the_difference_retracts_what_moved_and_keeps_what_did_not():
    before = contributions(case(acknowledged_at=t("2026-11-02T02:20:00")), RULES)
    after = contributions(case(acknowledged_at=t("2026-11-02T02:20:00"), department="purchasing"), RULES)
    delta = difference(before, after)
    assert delta[("case_rollups", date(2026, 11, 2), DIMS)] == {"opened": -1, "complaints": -1, "acknowledged": -1,
                                                                "ack_seconds": -1200, "ack_h03": -1}
    moved = DIMS[:6] + ("purchasing", "")
    assert delta[("case_rollups", date(2026, 11, 2), moved)]["opened"] == 1


def test_an_event_that_changes_nothing_counted_gives_no_difference():
    assert difference(contributions(case(), RULES), contributions(case(assigned_at=t("2026-11-02T03:00:00")), RULES)) == {}


def test_a_minor_case_closed_without_callback_is_resolved_unless_reopened_within_the_window():
    closed = case(urgency="minor", closed_at=t("2026-11-03T00:00:00"))
    assert accepted_resolution(closed, RULES) is True
    reopened_soon = case(urgency="minor", closed_at=t("2026-11-03T00:00:00"), reopened_at=t("2026-11-05T00:00:00"))
    assert accepted_resolution(reopened_soon, RULES) is False
    reopened_late = case(urgency="minor", closed_at=t("2026-11-03T00:00:00"),
                         reopened_at=t("2026-11-03T00:00:00") + RULES.resolution_reopen_window + timedelta(hours=1))
    assert accepted_resolution(reopened_late, RULES) is True


def test_an_objection_after_a_satisfied_verdict_undoes_the_resolution():
    state = case(verdict_at=t("2026-11-03T00:00:00"), verdict_satisfied=True, reopened_at=t("2026-11-04T00:00:00"))
    assert accepted_resolution(state, RULES) is False


def test_closure_by_score_uses_the_threshold_and_otherwise_the_confirmation():
    assert closed_loop(case(closure_score=80), RULES) is True
    assert closed_loop(case(closure_score=79, loop_confirmed=True), RULES) is False
    assert closed_loop(case(loop_confirmed=True), RULES) is True
