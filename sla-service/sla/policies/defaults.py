"""The store's rules (顧客反饋處理規範) as default policies, ladders and calendars; seeded, then edited as data.

Stop signals name the case events (or procedure steps) that end each clock: `acknowledged` is the
first contact (初次溝通); `plan_started`, `on_site`, `plan_agreed`, `plan_recorded`, `assessed`,
`progress_contact` and `report_submitted` are the steps of routing's procedures (`routing/procedures/standard.py`),
published as case events. Every clock here is stopped by a step of the urgency's procedure; the cross-service
table test (tests/e2e/test_procedure.py) holds the two together.
"""

from __future__ import annotations

from typing import Any

MINUTE, HOUR = 60, 3600

FIRST_CONTACT = {"metric": "first_contact", "stops_on": ["acknowledged"], "pauses_on": [], "resumes_on": [],
                 "target_seconds": 30 * MINUTE}


def _clock(metric: str, stops_on: list[str], seconds: int, **more: Any) -> dict[str, Any]:
    return {"metric": metric, "stops_on": stops_on, "target_seconds": seconds, **more}


def _step(metric: str, step: str, seconds: int, **more: Any) -> dict[str, Any]:
    """A step of the procedure with a deadline: waiting on the customer does not stop it."""
    return _clock(metric, [step], seconds, pauses_on=[], resumes_on=[], **more)


def _resolution(seconds: int, **more: Any) -> dict[str, Any]:
    return _clock("resolution", ["resolved"], seconds, **more)


def _rehandling(**target: Any) -> dict[str, Any]:
    """Handling again after an unsatisfied callback (再次處理), once per reopen."""
    return {"metric": "rehandling", "starts_on": "reopened", "stops_on": ["resolved"], "repeats": True, **target}


def _progress(starts_on: str, seconds: int, **more: Any) -> dict[str, Any]:
    """Progress contacts (過程溝通): every contact that reaches the customer ends a round and starts the next,
    until the case is resolved."""
    return _step("progress_contact", "progress_contact", seconds, starts_on=starts_on, repeats=True,
                 restarts_on=["progress_contact"], cancels_on=["resolved", "closed"], **more)


def _report(metric: str, seconds: int, **more: Any) -> dict[str, Any]:
    """The case report is filed after the case is solved; a returned report is revised on a clock of its own."""
    return _step(metric, "report_submitted", seconds, starts_on="resolved", **more)


REPORT_REVISION = _step("report_revision", "report_submitted", 24 * HOUR, starts_on="report_returned", repeats=True)

CALLBACK = {"metric": "callback", "starts_on": "resolved", "stops_on": ["callback_recorded"], "repeats": True,
            "unit": "working_days", "target_working_days": 1, "pauses_on": [], "resumes_on": []}

BASE_POLICIES: dict[str, dict[str, Any]] = {
    "urgent": {
        "name": "Urgent (緊急類)",
        "urgency": "urgent",
        "clocks": [
            {**FIRST_CONTACT, "ladder_id": "urgent"},
            _step("emergency_plan", "plan_started", 5 * MINUTE, ladder_id="urgent"),
            _step("on_site", "on_site", 15 * MINUTE, ladder_id="urgent"),
            # the liaison (專人) keeps the customer informed every 2 h until it is solved
            _progress("liaison_appointed", 2 * HOUR, ladder_id="urgent"),
            # "track and escalate continuously": a short target and a ladder that keeps reminding. Longer than one
            # progress interval, so the liaison's duty falls due before the case is late
            _resolution(4 * HOUR, ladder_id="urgent"),
            _report("emergency_report", 24 * HOUR),
            _rehandling(target_seconds=4 * HOUR, ladder_id="urgent"),
        ],
    },
    "important": {
        "name": "Important (重要類)",
        "urgency": "important",
        "clocks": [
            FIRST_CONTACT,
            _step("handling_meeting", "plan_agreed", 1 * HOUR),
            _progress("plan_agreed", 8 * HOUR),
            _resolution(24 * HOUR),
            _report("important_report", 24 * HOUR),
            REPORT_REVISION,
            _rehandling(target_seconds=24 * HOUR),
        ],
    },
    "general": {
        "name": "General (一般類)",
        "urgency": "general",
        "clocks": [
            FIRST_CONTACT,
            _step("analysis", "plan_recorded", 2 * HOUR),
            _resolution(48 * HOUR),
            CALLBACK,
            _rehandling(unit="working_days", target_working_days=3),
        ],
    },
    "minor": {
        "name": "Minor (輕微類)",
        "urgency": "minor",
        "clocks": [
            FIRST_CONTACT,
            _step("assessment", "assessed", 24 * HOUR),
            _resolution(72 * HOUR),
            _rehandling(target_seconds=72 * HOUR),
        ],
    },
}


def default_policies() -> dict[str, dict[str, Any]]:
    """Base policies per urgency, and a VIP variant of each that halves every target."""
    policies = dict(BASE_POLICIES)
    for key, policy in BASE_POLICIES.items():
        policies[f"{key}-vip"] = {**policy, "name": f"{policy['name']} VIP", "tier": "vip", "target_factor": 0.5}
    return policies


OFFICE_HOURS = {d: [["09:00", "18:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}

DEFAULT_CALENDARS: dict[str, dict[str, Any]] = {
    "default-CN": {"name": "Mainland customer service (CN holidays, 調休)", "timezone": "Asia/Shanghai",
                   "holiday_region": "CN", "hours": OFFICE_HOURS},
    "default-HK": {"name": "Hong Kong customer service", "timezone": "Asia/Hong_Kong", "holiday_region": "HK",
                   "hours": OFFICE_HOURS},
    "default-TW": {"name": "Taiwan customer service", "timezone": "Asia/Taipei", "holiday_region": "TW",
                   "hours": OFFICE_HOURS},
}

DEFAULT_LADDERS: dict[str, dict[str, Any]] = {
    "default": {
        "name": "Assignee → supervisor (客服主管) → manager (行政經理) → region",
        "steps": [
            {"role": "assignee", "after_seconds": 0},
            {"role": "supervisor", "after_seconds": 0},
            {"role": "manager", "after_seconds": 2 * HOUR},
            {"role": "region", "after_seconds": 8 * HOUR},
        ],
        "repeat_seconds": 8 * HOUR,
    },
    "urgent": {
        "name": "Urgent: supervisor at once, manager within minutes, keep reminding",
        "steps": [
            {"role": "assignee", "after_seconds": 0},
            {"role": "supervisor", "after_seconds": 0},
            {"role": "manager", "after_seconds": 5 * MINUTE},
            {"role": "region", "after_seconds": 30 * MINUTE},
        ],
        "repeat_seconds": 15 * MINUTE,
    },
}
