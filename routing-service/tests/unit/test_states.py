import pytest

from routing.cases.states import TRANSITIONS, IllegalTransition, Status, allowed_actions, next_status


@pytest.mark.parametrize(("status", "action", "target"), [
    ("new", "assign", "assigned"),
    ("new", "acknowledge", "acknowledged"),
    ("assigned", "acknowledge", "acknowledged"),
    ("acknowledged", "start", "in_progress"),
    ("in_progress", "resolve", "resolved"),
    ("resolved", "close", "closed"),
    ("resolved", "reopen", "reopened"),
    ("closed", "reopen", "reopened"),
    ("reopened", "start", "in_progress"),
    ("reopened", "resolve", "resolved"),
])
def test_the_handling_path_moves_as_the_rules_say(status, action, target):
    assert next_status(status, action) == target


@pytest.mark.parametrize(("status", "action"), [
    ("new", "close"), ("assigned", "resolve"), ("in_progress", "acknowledge"), ("closed", "escalate"),
    ("closed", "reclassify"), ("new", "reopen"), ("acknowledged", "callback"), ("resolved", "start"),
])
def test_an_illegal_transition_is_a_409_naming_the_action_and_status(status, action):
    with pytest.raises(IllegalTransition) as refused:
        next_status(status, action)
    assert refused.value.status == 409
    assert refused.value.extensions["action"] == action and refused.value.extensions["case_status"] == status
    assert action.replace("_", " ") in refused.value.detail


def test_a_note_is_allowed_in_every_status():
    assert all("note" in allowed_actions(s) for s in Status)


def test_a_closed_case_only_takes_notes_callbacks_contacts_and_reopening():
    assert allowed_actions("closed") == ["callback", "contact_customer", "note", "reopen"]


def test_steps_of_the_procedure_leave_the_status_as_it_is():
    for action in ("plan_started", "on_site", "plan_agreed", "plan_recorded", "assessed", "appoint_liaison"):
        assert next_status("acknowledged", action) == "acknowledged"
        assert next_status("assigned", action) == "assigned"


def test_reports_are_filed_and_reviewed_on_a_resolved_case_only():
    assert next_status("resolved", "report_submitted") == "resolved"
    with pytest.raises(IllegalTransition):
        next_status("in_progress", "report_submitted")


def test_every_transition_lands_on_a_known_status():
    assert all(target in Status for row in TRANSITIONS.values() for target in row.values())
