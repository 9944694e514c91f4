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
