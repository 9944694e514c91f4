"""The seeded policies are the store's rules: every urgency, every clock valid, VIP halves the targets."""

from __future__ import annotations

from sla.policies.defaults import DEFAULT_CALENDARS, DEFAULT_LADDERS, default_policies
from sla.policies.schemas import PolicyIn
from sla.calendars.schemas import CalendarIn
from sla.escalations.schemas import LadderIn


def test_every_default_policy_validates_and_every_urgency_has_first_contact_in_30_minutes():
    policies = {key: PolicyIn.model_validate(p) for key, p in default_policies().items()}
    for urgency in ("urgent", "important", "general", "minor"):
        first = next(c for c in policies[urgency].clocks if c.metric == "first_contact")
        assert (first.target_seconds, first.stops_on) == (1800, ["acknowledged"])
        assert policies[f"{urgency}-vip"].target_factor == 0.5


def test_general_callback_is_one_working_day_and_rehandling_three():
    general = {c.metric: c for c in PolicyIn.model_validate(default_policies()["general"]).clocks}
    assert (general["callback"].unit, general["callback"].target_working_days, general["callback"].starts_on) == ("working_days", 1, "resolved")
    assert (general["rehandling"].target_working_days, general["rehandling"].starts_on) == (3, "reopened")


def test_default_calendars_and_ladders_validate():
    assert all(CalendarIn.model_validate(c) for c in DEFAULT_CALENDARS.values())
    assert [s.role for s in LadderIn.model_validate(DEFAULT_LADDERS["default"]).steps] == ["assignee", "supervisor", "manager", "region"]


def _signals_case_events_can_give() -> set[str]:
    """Every name routing's case events reduce to: event names, procedure steps, pause/resume, statuses."""
    from typing import get_args

    from closeloop.contracts import registered_events
    from closeloop.contracts.case import STANDARD_STEPS, CaseStatus
    from closeloop.contracts.topics import CASE

    names = {t.split(".")[2] for t, model in registered_events().items() if model.topic == CASE}
    return names | set(STANDARD_STEPS) | {"pause", "resume"} | {f"to:{s}" for s in get_args(CaseStatus)}


def test_every_default_clock_starts_stops_and_pauses_on_signals_routing_publishes():
    known = _signals_case_events_can_give()
    for key, policy in default_policies().items():
        for clock in PolicyIn.model_validate(policy).clocks:
            used = {clock.starts_on, *clock.stops_on, *clock.pauses_on, *clock.resumes_on, *clock.cancels_on}
            assert used <= known, f"{key}/{clock.metric} waits for {sorted(used - known)}, which no case event gives"


def test_progress_contacts_restart_on_every_contact_and_end_with_the_resolution():
    urgent = {c.metric: c for c in PolicyIn.model_validate(default_policies()["urgent"]).clocks}
    progress = urgent["progress_contact"]

    assert (progress.starts_on, progress.restarts_on, progress.repeats) == ("liaison_appointed", ["progress_contact"], True)
    assert progress.target_seconds == 2 * 3600 < urgent["resolution"].target_seconds
    assert "resolved" in progress.cancels_on


def test_a_clock_restarting_on_a_signal_that_does_not_stop_it_is_refused():
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="restarts_on"):
        PolicyIn.model_validate({"name": "x", "urgency": "urgent", "clocks": [
            {"metric": "progress_contact", "stops_on": ["progress_contact"], "restarts_on": ["resolved"],
             "repeats": True, "target_seconds": 60}]})
