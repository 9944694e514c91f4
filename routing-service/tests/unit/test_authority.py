import pytest

from closeloop.auth import AuthenticatedPrincipal
from closeloop.problems import Problem
from routing.cases.actions.authority import actor_of, authorise
from routing.cases.models import Case


def principal(*, roles=("staff",), stores=("S001",), department="customer_service", subject="S001-CS1",
              scopes=("case:read", "case:write")) -> AuthenticatedPrincipal:  # type: ignore[no-untyped-def]
    return AuthenticatedPrincipal(subject=subject, client_id=subject, scopes=frozenset(scopes), roles=frozenset(roles),
                                  store_ids=frozenset(stores) if stores is not None else None, department=department)


def case(**overrides) -> Case:  # type: ignore[no-untyped-def]
    values = {"number": "CS-20261123-000001", "store_id": "S001", "department": "customer_service",
              "assignee_id": None, "watchers": []}
    return Case(**(values | overrides))


def allowed(p: AuthenticatedPrincipal, c: Case, action: str) -> bool:
    try:
        authorise(p, actor_of(p), c, action)
        return True
    except Problem as refused:
        assert refused.status == 403
        return False


def test_staff_act_on_their_department_s_cases_in_their_stores():
    assert allowed(principal(), case(), "acknowledge")
    assert not allowed(principal(), case(department="security"), "acknowledge")
    assert not allowed(principal(stores=("S002",)), case(), "acknowledge")


def test_staff_holding_or_watching_a_case_act_on_it_whatever_their_department():
    assert allowed(principal(department="sales", subject="S001-SAL"), case(assignee_id="S001-SAL",
                                                                         department="purchasing"), "note")


def test_customer_service_records_callbacks_for_every_department():
    assert allowed(principal(), case(department="facilities"), "callback")
    assert not allowed(principal(department="sales"), case(department="facilities"), "callback")


def test_reopening_needs_a_supervisor():
    assert not allowed(principal(), case(), "reopen")
    assert allowed(principal(roles=("supervisor",)), case(department="security"), "reopen")


def test_supervisors_stay_inside_their_stores():
    assert not allowed(principal(roles=("supervisor",), stores=("S002",)), case(), "note")


def test_admin_may_do_everything():
    assert allowed(principal(roles=("admin",), stores=None, department=None), case(department="security"), "reopen")


def test_a_token_without_a_staff_role_cannot_act():
    with pytest.raises(Problem) as refused:
        actor_of(principal(roles=()))
    assert refused.value.status == 403
