"""The standard procedures are valid data and say what the store's rules say."""

import pytest
from pydantic import ValidationError

from routing.procedures.schemas import ProcedureIn
from routing.procedures.standard import SIGNALS, STANDARD_PROCEDURES


def _procedure(urgency: str) -> ProcedureIn:
    return ProcedureIn.model_validate(STANDARD_PROCEDURES[urgency])


def _deadlines(urgency: str) -> dict[str, int | None]:
    return {s.step: s.due_minutes for s in _procedure(urgency).steps}


def test_every_urgency_starts_with_first_contact_within_30_minutes():
    for urgency in ("urgent", "important", "general", "minor"):
        first = _procedure(urgency).steps[0]
        assert (first.step, first.due_minutes, first.clock) == ("first_contact", 30, "first_contact")


def test_urgent_emergency_plan_in_5_minutes_on_site_in_15_by_every_department_concerned():
    urgent = _procedure("urgent")
    assert _deadlines("urgent")["plan_started"] == 5 and urgent.spec("plan_started").owner_role == "supervisor"
    on_site = urgent.spec("on_site")
    assert (on_site.due_minutes, on_site.owner_department, on_site.per_department) == (15, "concerned", True)
    progress = urgent.spec("progress_contact")
    assert (progress.due_minutes, progress.starts_on, progress.repeats) == (120, "liaison_appointed", True)
    assert (urgent.supervisor_alert, urgent.report) == (True, "emergency")


def test_important_meeting_in_an_hour_resolution_in_a_day_report_reviewed_then_approved():
    important = _procedure("important")
    assert _deadlines("important")["plan_agreed"] == 60 and _deadlines("important")["resolution"] == 24 * 60
    roles = {s.step: s.owner_role for s in important.steps}
    assert (roles["report_submitted"], roles["report_reviewed"], roles["report_approved"]) == (
        "staff", "supervisor", "manager")


def test_general_callback_is_customer_service_s_within_one_working_day_and_required():
    general = _procedure("general")
    callback = general.spec("callback")
    assert (callback.owner_department, callback.due_working_days, general.callback_required) == (
        "customer_service", 1, True)
    assert _deadlines("general")["plan_recorded"] == 120 and general.spec("rehandling").due_working_days == 3


def test_minor_needs_no_callback_nor_the_customer_s_confirmation():
    minor = _procedure("minor")
    assert (minor.callback_required, minor.confirmation_required) == (False, False)
    assert _deadlines("minor")["assessed"] == 24 * 60 and _deadlines("minor")["resolution"] == 72 * 60


def test_a_step_routing_cannot_record_is_refused():
    bad = dict(STANDARD_PROCEDURES["minor"])
    bad["steps"] = [*bad["steps"], {"step": "dance", "title": "x", "owner_role": "staff"}]
    with pytest.raises(ValidationError, match="dance"):
        ProcedureIn.model_validate(bad)


def test_a_procedure_without_first_contact_is_refused():
    bad = dict(STANDARD_PROCEDURES["minor"])
    bad["steps"] = bad["steps"][1:]
    with pytest.raises(ValidationError, match="first_contact"):
        ProcedureIn.model_validate(bad)


def test_every_clocked_step_has_the_signal_sla_stops_it_on():
    for procedure in STANDARD_PROCEDURES.values():
        for step in ProcedureIn.model_validate(procedure).steps:
            assert step.step in SIGNALS
