"""The chain's standard procedures, from the store's feedback-handling rules; seeded, then edited as data.

Every step names who owns it (a role, and the department whose people do it), when its deadline starts
running and how long it is, and the sla clock it stops. ``SIGNALS`` is the vocabulary: the steps routing can
record, and the signal (case event name or ``step`` value) by which sla sees each one done.
"""

from __future__ import annotations

from typing import Any

SIGNALS: dict[str, str] = {
    "first_contact": "acknowledged",  # acknowledge, or the first contact that reaches the customer
    "plan_started": "plan_started",
    "liaison_appointed": "liaison_appointed",
    "on_site": "on_site",  # once every department concerned has recorded its own arrival
    "progress_contact": "progress_contact",  # every contact that reaches the customer
    "plan_agreed": "plan_agreed",
    "plan_recorded": "plan_recorded",
    "assessed": "assessed",
    "resolution": "resolved",
    "rehandling": "resolved",  # the resolution after a reopen
    "callback": "callback_recorded",
    "report_submitted": "report_submitted",
    "report_revision": "report_submitted",  # the resubmission of a returned report
    "report_reviewed": "report_reviewed",
    "report_approved": "report_approved",
}
"""Step → the signal sla stops its clock on."""

STARTS = ("opened", "resolved", "reopened", "report_returned", *SIGNALS)
"""What a step's deadline may run from: the case opening, its resolution, a reopen, a returned report, or a step."""

H = 60
DAY = 24 * H


def _step(step: str, title: str, role: str, minutes: int | None, *, clock: str | None = None,
          department: str | None = None, starts_on: str = "opened", **more: Any) -> dict[str, Any]:
    return {"step": step, "title": title, "owner_role": role, "owner_department": department, "starts_on": starts_on,
            "due_minutes": minutes, "clock": clock, **more}


FIRST_CONTACT = _step("first_contact", "初次溝通：確認細節、告知已受理、說明流程及預計時間 First contact with the customer",
                      "staff", 30, clock="first_contact")


def _resolution(minutes: int) -> dict[str, Any]:
    return _step("resolution", "處理結果 Resolve and record the result", "staff", minutes, clock="resolution")


def _rehandling(**deadline: Any) -> dict[str, Any]:
    return {**_step("rehandling", "再次處理 Handle again after an unsatisfied callback", "staff", None,
                    clock="rehandling", starts_on="reopened"), **deadline}


STANDARD_PROCEDURES: dict[str, dict[str, Any]] = {
    "urgent": {
        "name": "緊急類 Urgent",
        "supervisor_alert": True, "callback_required": False, "confirmation_required": True, "report": "emergency",
        "steps": [
            FIRST_CONTACT,
            _step("plan_started", "客服主管啟動緊急處理預案 The supervisor starts the emergency plan", "supervisor", 5,
                  clock="emergency_plan"),
            _step("liaison_appointed", "指定專人聯絡顧客 Name the liaison (專人)", "supervisor", 5),
            _step("on_site", "相關部門到達現場 Each department concerned on site", "staff", 15, clock="on_site",
                  department="concerned", per_department=True),
            _step("progress_contact", "專人過程溝通 The liaison keeps the customer informed", "staff", 2 * H,
                  clock="progress_contact", starts_on="liaison_appointed", repeats=True),
            _resolution(4 * H),
            _step("report_submitted", "提交緊急反饋處理報告 File the emergency report", "supervisor", DAY,
                  clock="emergency_report", starts_on="resolved"),
            _step("report_approved", "行政經理審閱報告 The manager reviews the report", "manager", None,
                  starts_on="report_submitted"),
            _rehandling(due_minutes=4 * H),
        ],
    },
    "important": {
        "name": "重要類 Important",
        "supervisor_alert": False, "callback_required": False, "confirmation_required": True, "report": "important",
        "steps": [
            FIRST_CONTACT,
            _step("plan_agreed", "客服主管召開處理會議並記錄方案 Handling meeting: participants and agreed plan",
                  "supervisor", H, clock="handling_meeting"),
            _step("progress_contact", "過程溝通 Keep the customer informed", "staff", 8 * H, clock="progress_contact",
                  starts_on="plan_agreed", repeats=True),
            _resolution(DAY),
            _step("report_submitted", "責任部門提交重要反饋處理報告 The department files the important report", "staff", DAY,
                  clock="important_report", starts_on="resolved"),
            _step("report_reviewed", "客服主管審核報告 The supervisor reviews the report", "supervisor", None,
                  starts_on="report_submitted"),
            _step("report_approved", "行政經理批准報告 The manager approves the report", "manager", None,
                  starts_on="report_reviewed"),
            _step("report_revision", "修訂退回的報告 Revise and resubmit a returned report", "staff", DAY,
                  clock="report_revision", starts_on="report_returned", repeats=True),
            _rehandling(due_minutes=DAY),
        ],
    },
    "general": {
        "name": "一般類 General",
        "supervisor_alert": False, "callback_required": True, "confirmation_required": True, "report": None,
        "steps": [
            FIRST_CONTACT,
            _step("plan_recorded", "記錄原因分析及處理方案 Record the analysis and handling plan", "staff", 2 * H,
                  clock="analysis"),
            _resolution(2 * DAY),
            {**_step("callback", "客服部回訪 Customer service calls the customer back", "staff", None, clock="callback",
                     department="customer_service", starts_on="resolved", repeats=True), "due_working_days": 1},
            _rehandling(due_working_days=3),
        ],
    },
    "minor": {
        "name": "輕微類 Minor",
        "supervisor_alert": False, "callback_required": False, "confirmation_required": False, "report": None,
        "steps": [
            FIRST_CONTACT,
            _step("assessed", "部門主管評估：即時解決或處理方案 Assess: solved on the spot, or a plan", "staff", DAY,
                  clock="assessment"),
            _resolution(3 * DAY),
            _rehandling(due_minutes=3 * DAY),
        ],
    },
}
