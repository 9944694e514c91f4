"""Folding events into a case's state: the same state whatever the order."""

from __future__ import annotations

import itertools
from datetime import timedelta

from analytics.facts.state import CaseState, apply, mark_repeats
from analytics_testkit.scenario import C2, opened, t
from closeloop.contracts.case import CaseAcknowledged, CaseAssigned


def fold(events) -> CaseState:  # type: ignore[no-untyped-def]
    state = CaseState(case_id="C2")
    for payload in events:
        apply(state, payload.event_type, payload)
    return state


def test_any_order_of_a_cases_events_gives_the_same_state():
    in_order = fold(C2).row()
    assert fold(list(reversed(C2))).row() == in_order
    assert fold(C2[5:] + C2[:5]).row() == in_order


def test_first_contact_is_the_earliest_acknowledgement():
    state = fold([CaseAcknowledged(case_id="X", occurred_at=t("2026-11-02T03:00:00")),
                  CaseAcknowledged(case_id="X", occurred_at=t("2026-11-02T02:00:00"))])
    assert state.acknowledged_at == t("2026-11-02T02:00:00")


def test_the_latest_assignment_wins_over_an_older_one_arriving_late():
    late = CaseAssigned(case_id="X", occurred_at=t("2026-11-02T02:00:00"), department="a", assignee_id="U1")
    newer = CaseAssigned(case_id="X", occurred_at=t("2026-11-03T02:00:00"), department="b", assignee_id="U2")
    for order in itertools.permutations([late, newer]):
        assert fold(order).department == "b"


def test_a_later_unsatisfied_verdict_replaces_an_earlier_one():
    state = fold(C2)
    assert state.verdict_satisfied is True  # the 'no' on 7 Nov was superseded by the 'yes' on 8 Nov
    assert len(state.answers) == 2


def test_a_repeat_needs_the_same_customer_and_subcategory_within_the_window():
    def case(cid: str, at: str, subcategory: str = "s") -> CaseState:
        state = CaseState(case_id=cid)
        payload = opened(cid, "S1", at, category="service", urgency="general", kind="complaint", channel="pos",
                         subcategory=subcategory, customer="A", department=None)
        apply(state, payload.event_type, payload)
        return state

    first, second, third, other = (case("a", "2026-11-01T00:00:00"), case("b", "2026-11-20T00:00:00"),
                                   case("c", "2027-01-30T00:00:00"), case("d", "2026-11-21T00:00:00", "x"))
    mark_repeats([third, second, first, other], {("c:A", "s"), ("c:A", "x")}, window=timedelta(days=30))
    assert (first.repeat, second.repeat, third.repeat, other.repeat) == (False, True, False, False)
