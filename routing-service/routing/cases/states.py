"""The case state machine: new → assigned → acknowledged → in_progress → resolved → closed, and reopened.

One table says which action may move a case from which status to which; anything else is refused
with 409 and the reason, so a client never leaves a case in a state the handling rules do not know.
"""

from __future__ import annotations

from enum import StrEnum

from closeloop.problems import Conflict


class Status(StrEnum):
    NEW = "new"
    ASSIGNED = "assigned"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REOPENED = "reopened"


S = Status
OPEN_STATUSES: tuple[str, ...] = (S.NEW, S.ASSIGNED, S.ACKNOWLEDGED, S.IN_PROGRESS, S.REOPENED)
_OPEN = {s: s for s in map(Status, OPEN_STATUSES)}
_EVERY = {s: s for s in Status}

# action → {from status: to status}; a status absent from an action's row is illegal for it.
TRANSITIONS: dict[str, dict[Status, Status]] = {
    "assign": {S.NEW: S.ASSIGNED, S.ASSIGNED: S.ASSIGNED, S.ACKNOWLEDGED: S.ACKNOWLEDGED,
               S.IN_PROGRESS: S.IN_PROGRESS, S.REOPENED: S.REOPENED},
    "acknowledge": {S.NEW: S.ACKNOWLEDGED, S.ASSIGNED: S.ACKNOWLEDGED},
    "start": {S.ACKNOWLEDGED: S.IN_PROGRESS, S.REOPENED: S.IN_PROGRESS},
    "resolve": {S.ACKNOWLEDGED: S.RESOLVED, S.IN_PROGRESS: S.RESOLVED, S.REOPENED: S.RESOLVED},
    "callback": {S.RESOLVED: S.RESOLVED, S.CLOSED: S.CLOSED},
    "reopen": {S.RESOLVED: S.REOPENED, S.CLOSED: S.REOPENED},
    "close": {S.RESOLVED: S.CLOSED},
    "escalate": dict(_OPEN),
    "reclassify": dict(_OPEN) | {S.RESOLVED: S.RESOLVED},
    "complete_task": dict(_OPEN) | {S.RESOLVED: S.RESOLVED},
    "note": dict(_EVERY),
    # the procedure's steps: recorded while the case is handled, without moving it
    "plan_started": dict(_OPEN),
    "appoint_liaison": dict(_OPEN),
    "on_site": dict(_OPEN),
    "plan_agreed": dict(_OPEN),
    "plan_recorded": dict(_OPEN),
    "assessed": dict(_OPEN),
    "report_hazard": dict(_OPEN),
    "contact_customer": dict(_EVERY),  # the first that reaches the customer acknowledges a new case
    "pause": {S.ACKNOWLEDGED: S.ACKNOWLEDGED, S.IN_PROGRESS: S.IN_PROGRESS, S.REOPENED: S.REOPENED},
    "resume": {S.ACKNOWLEDGED: S.ACKNOWLEDGED, S.IN_PROGRESS: S.IN_PROGRESS, S.REOPENED: S.REOPENED},
    "report_submitted": {S.RESOLVED: S.RESOLVED},
    "report_reviewed": {S.RESOLVED: S.RESOLVED},
}

_WHY = {
    "acknowledge": "first contact is recorded once, on a new or assigned case",
    "start": "handling starts after first contact (acknowledge) or when a case is reopened",
    "resolve": "a case is resolved after first contact (acknowledge it, or resolve with first_contact: true)",
    "callback": "the customer's verdict is recorded once the case is resolved",
    "reopen": "only a resolved or closed case can be reopened",
    "close": "only a resolved case can be closed",
    "assign": "resolved and closed cases are not reassigned; reopen first",
    "escalate": "resolved and closed cases are not escalated",
    "reclassify": "a closed case keeps its classification; reopen it first",
    "complete_task": "a closed case has no open tasks",
    "plan_started": "steps of the procedure are recorded while the case is handled",
    "appoint_liaison": "a liaison keeps the customer informed while the case is handled",
    "on_site": "steps of the procedure are recorded while the case is handled",
    "plan_agreed": "steps of the procedure are recorded while the case is handled",
    "plan_recorded": "steps of the procedure are recorded while the case is handled",
    "assessed": "steps of the procedure are recorded while the case is handled",
    "report_hazard": "hazards are reported while the case is handled",
    "pause": "a case waits on the customer after first contact and before it is resolved",
    "resume": "a case waits on the customer after first contact and before it is resolved",
    "report_submitted": "the report is filed once the case is resolved",
    "report_reviewed": "the report is reviewed while the case is resolved and not yet closed",
}


class IllegalTransition(Conflict):
    def __init__(self, *, action: str, status: Status) -> None:
        allowed = sorted(TRANSITIONS.get(action, {}))
        super().__init__(
            f"cannot {action.replace('_', ' ')} a case that is {status}: {_WHY.get(action, 'not allowed')}",
            action=action, case_status=str(status), allowed_from=[str(s) for s in allowed],
        )


def next_status(status: str, action: str) -> Status:
    """Where ``action`` takes a case in ``status``; raises IllegalTransition (409) when it may not."""
    current = Status(status)
    target = TRANSITIONS.get(action, {}).get(current)
    if target is None:
        raise IllegalTransition(action=action, status=current)
    return target


def allowed_actions(status: str) -> list[str]:
    """The actions a case in ``status`` accepts now: what a client may offer its user."""
    current = Status(status)
    return sorted(action for action, row in TRANSITIONS.items() if current in row)
