"""Who may do what to a case: by role (staff < supervisor (客服主管) < manager (行政經理)), store and department.

Staff act on cases of their own department in their stores (or on cases they hold, watch, or are the liaison
(專人) of); customer service staff also record callbacks and contacts for every department, since talking to
customers is theirs. A step of the procedure is checked against the owner its procedure names.
Supervisors and managers act on any case of their stores. ``admin`` or the ``case:admin`` scope may do
everything. Every refusal names the rule it enforces.
"""

from __future__ import annotations

from dataclasses import dataclass

from closeloop.auth import AuthenticatedPrincipal
from closeloop.problems import Problem
from routing.cases.models import Case

RANK = {"staff": 1, "supervisor": 2, "manager": 3}
MINIMUM_ROLE = {"reopen": "supervisor", "appoint_liaison": "supervisor"}
CUSTOMER_SERVICE = "customer_service"
CHECKED_BY_THEIR_OWNER = ("plan_started", "on_site", "plan_agreed", "plan_recorded", "assessed", "report_submitted",
                          "report_reviewed", "complete_task")
"""Steps whose owner the case's procedure, report or task names: checked against it where they are recorded."""
CUSTOMER_SERVICE_ACTIONS = ("callback", "contact_customer")
"""Customer service talks to customers on every department's cases."""


@dataclass(frozen=True)
class Actor:
    id: str
    role: str | None
    department: str | None
    admin: bool

    @property
    def rank(self) -> int:
        return 99 if self.admin else RANK.get(self.role or "", 0)

    def at_least(self, role: str) -> bool:
        return self.rank >= RANK[role]


def forbidden(detail: str, **extensions: object) -> Problem:
    return Problem(403, "Forbidden", detail, type_="https://closeloop.dev/problems/forbidden", **extensions)


def actor_of(principal: AuthenticatedPrincipal) -> Actor:
    admin = "admin" in principal.roles or principal.has("case:admin")
    roles = [r for r in principal.roles if r in RANK]
    role = max(roles, key=RANK.__getitem__) if roles else None
    if not admin and role is None:
        raise forbidden("acting on cases needs a staff, supervisor or manager role in the token")
    return Actor(id=principal.subject, role=role, department=principal.department, admin=admin)


def check_store(principal: AuthenticatedPrincipal, case: Case) -> None:
    if not principal.may_see_store(case.store_id):
        raise forbidden(f"case {case.number} belongs to store {case.store_id}, outside the stores of your token",
                        store_id=case.store_id)


def check_store_id(principal: AuthenticatedPrincipal, store_id: str) -> None:
    if not principal.may_see_store(store_id):
        raise forbidden(f"store {store_id} is outside the stores of your token", store_id=store_id)


def authorise(principal: AuthenticatedPrincipal, actor: Actor, case: Case, action: str) -> None:
    """Raise 403 unless ``actor`` may perform ``action`` on ``case``."""
    check_store(principal, case)
    if actor.admin:
        return
    needed = MINIMUM_ROLE.get(action)
    if needed and not actor.at_least(needed):
        raise forbidden(f"{action} needs the {needed} role or above", required_role=needed)
    if actor.at_least("supervisor") or action in CHECKED_BY_THEIR_OWNER:
        return
    if case.assignee_id == actor.id or actor.id in case.watchers or actor.id == case.liaison_id:
        return
    if actor.department is not None and actor.department == case.department:
        return
    if action in CUSTOMER_SERVICE_ACTIONS and actor.department == CUSTOMER_SERVICE:
        return
    raise forbidden(
        f"case {case.number} is handled by department {case.department}; staff of "
        f"{actor.department or 'no department'} cannot {action} it",
        department=case.department,
    )
