"""A scripted month of six cases with known outcomes, as the events that routing, sla and intake publish.

The expected figures for November 2026 are worked out by hand in ``EXPECTED_NOVEMBER`` (see each case's
comment); the unit and integration tests both check against them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from closeloop.contracts.case import (
    CaseAcknowledged, CaseAssigned, CaseCallbackRecorded, CaseClosed, CaseEscalated, CaseOpened, CaseReopened,
    CaseResolved,
)
from closeloop.contracts.envelope import CloudEvent, EventPayload
from closeloop.contracts.feedback import CustomerRef, SurveyRecorded
from closeloop.contracts.org import StoreUpserted
from closeloop.contracts.sla import ClockBreached, ClockStarted, ClockStopped


def t(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def opened(case: str, store: str, at: str, *, category: str, urgency: str, kind: str, channel: str,
           subcategory: str | None, customer: str, department: str | None, themes: list[str] = []) -> CaseOpened:
    return CaseOpened(
        case_id=case, occurred_at=t(at), feedback_id=f"fb-{case}", feedback_number=f"FB-{case}", store_id=store,
        channel=channel, received_at=t(at) - timedelta(minutes=1), category=category, subcategory=subcategory,
        urgency=urgency, kind=kind, theme_words=themes, department=department, classifier_version="test",
        customer=CustomerRef(customer_id=customer),
    )


def clock(case: str, name: str, started: str, due: str) -> ClockStarted:
    return ClockStarted(case_id=case, clock_id=f"{case}-{name}", clock=name, occurred_at=t(started), due_at=t(due),
                        target_seconds=int((t(due) - t(started)).total_seconds()))


def stopped(case: str, name: str, at: str, *, met: bool) -> ClockStopped:
    return ClockStopped(case_id=case, clock_id=f"{case}-{name}", clock=name, occurred_at=t(at), met=met,
                        elapsed_seconds=0, outcome="met" if met else "breached")


def breached(case: str, name: str, due: str) -> ClockBreached:
    return ClockBreached(case_id=case, clock_id=f"{case}-{name}", clock=name, occurred_at=t(due), due_at=t(due))


def survey(case: str, at: str, *, satisfied: bool | None, csat: int | None, nps: int | None, n: int = 1,
           with_case_id: bool = True) -> SurveyRecorded:
    return SurveyRecorded(survey_id=f"sv-{case}-{n}", feedback_id=f"fb-{case}", case_id=case if with_case_id else None,
                          satisfied=satisfied, csat=csat, nps=nps, recorded_at=t(at))


STORES = [
    StoreUpserted(store_id="S1", name="Store one", region_id="R1", timezone="Asia/Shanghai", updated_at=t("2026-01-01T00:00:00")),
    StoreUpserted(store_id="S2", name="Store two", region_id="R2", timezone="Europe/London", updated_at=t("2026-01-01T00:00:00")),
]

C1 = [  # satisfied first time; resolution clock met; ack 1200 s; resolved after 86400 s
    opened("C1", "S1", "2026-11-02T02:00:00", category="service", urgency="general", kind="complaint", channel="pos",
           subcategory="staff_attitude", customer="A", department="customer_service", themes=["態度"]),
    CaseAssigned(case_id="C1", occurred_at=t("2026-11-02T02:01:00"), department="customer_service", assignee_id="U1"),
    clock("C1", "resolution", "2026-11-02T02:00:00", "2026-11-04T02:00:00"),
    CaseAcknowledged(case_id="C1", occurred_at=t("2026-11-02T02:20:00")),
    CaseResolved(case_id="C1", occurred_at=t("2026-11-03T02:00:00")),
    stopped("C1", "resolution", "2026-11-03T02:00:00", met=True),
    survey("C1", "2026-11-03T05:00:00", satisfied=True, csat=5, nps=10),
    CaseClosed(case_id="C1", occurred_at=t("2026-11-03T06:00:00"), loop_confirmed=True),
]
C2 = [  # breached, unsatisfied callback, reopened, resolved again (259200 s after opening), then satisfied
    opened("C2", "S1", "2026-11-05T01:00:00", category="product", urgency="important", kind="complaint",
           channel="hotline", subcategory="price_mismatch", customer="B", department="purchasing", themes=["價格"]),
    CaseAssigned(case_id="C2", occurred_at=t("2026-11-05T01:01:00"), department="purchasing", assignee_id="U2"),
    clock("C2", "resolution", "2026-11-05T01:00:00", "2026-11-06T01:00:00"),
    CaseAcknowledged(case_id="C2", occurred_at=t("2026-11-05T01:45:00")),
    breached("C2", "resolution", "2026-11-06T01:00:00"),
    CaseResolved(case_id="C2", occurred_at=t("2026-11-06T13:00:00")),
    stopped("C2", "resolution", "2026-11-06T13:00:00", met=False),
    CaseCallbackRecorded(case_id="C2", occurred_at=t("2026-11-07T00:30:00"), satisfied=False, csat=2, nps=3),
    CaseReopened(case_id="C2", occurred_at=t("2026-11-07T01:00:00")),
    CaseResolved(case_id="C2", occurred_at=t("2026-11-08T01:00:00")),
    survey("C2", "2026-11-08T06:00:00", satisfied=True, csat=4, nps=8, n=2),
    CaseClosed(case_id="C2", occurred_at=t("2026-11-08T07:00:00"), loop_confirmed=True),
]
C3 = [  # same customer and subcategory as C1 ten days later: a repeat; still open, clock running
    opened("C3", "S1", "2026-11-12T02:00:00", category="service", urgency="general", kind="complaint", channel="app",
           subcategory="staff_attitude", customer="A", department="customer_service", themes=["態度", "收銀"]),
    clock("C3", "resolution", "2026-11-12T02:00:00", "2026-11-14T02:00:00"),
]
C4 = [  # London store, opened 23:30 on 30 Nov local (in Shanghai it would be 1 Dec); minor, closed, no callback
    opened("C4", "S2", "2026-11-30T23:30:00", category="environment", urgency="minor", kind="suggestion",
           channel="web", subcategory="temperature", customer="C", department="facilities"),
    CaseAcknowledged(case_id="C4", occurred_at=t("2026-12-01T00:00:00")),
    CaseResolved(case_id="C4", occurred_at=t("2026-12-01T00:00:00"), first_contact_resolution=True),
    CaseClosed(case_id="C4", occurred_at=t("2026-12-01T00:10:00"), loop_confirmed=True),
]
C5 = [  # urgent, met, escalated, resolved at first contact after 7200 s; closed without confirmation; unsatisfied
    opened("C5", "S2", "2026-11-20T10:00:00", category="safety", urgency="urgent", kind="complaint", channel="counter",
           subcategory="food_safety", customer="D", department="food_safety"),
    clock("C5", "resolution", "2026-11-20T10:00:00", "2026-11-20T10:15:00"),
    CaseAcknowledged(case_id="C5", occurred_at=t("2026-11-20T10:05:00")),
    stopped("C5", "resolution", "2026-11-20T10:10:00", met=True),
    CaseEscalated(case_id="C5", occurred_at=t("2026-11-20T10:06:00"), to_role="manager"),
    CaseResolved(case_id="C5", occurred_at=t("2026-11-20T12:00:00"), first_contact_resolution=True),
    CaseClosed(case_id="C5", occurred_at=t("2026-11-20T13:00:00"), loop_confirmed=False),
    survey("C5", "2026-11-21T02:00:00", satisfied=False, csat=3, nps=7, with_case_id=False),
]
C6 = [  # Shanghai store, 17:00 UTC on 31 Oct is 01:00 on 1 Nov local: a November case
    opened("C6", "S1", "2026-10-31T17:00:00", category="other", urgency="minor", kind="inquiry", channel="wechat",
           subcategory=None, customer="E", department=None),
]

EVENTS: list[EventPayload] = [*STORES, *C1, *C2, *C3, *C4, *C5, *C6]

EXPECTED_NOVEMBER = {
    "volume": 6,
    "complaints": 4,
    "by_category": {"service": 2, "product": 1, "environment": 1, "safety": 1, "other": 1},
    "by_urgency": {"general": 2, "important": 1, "minor": 2, "urgent": 1},
    "by_channel": {"pos": 1, "hotline": 1, "app": 1, "web": 1, "counter": 1, "wechat": 1},
    "by_kind": {"complaint": 4, "suggestion": 1, "inquiry": 1},
    "timeliness_rate": (2, 3),  # C1 met, C2 breached, C5 met; C3 still running
    "satisfaction_rate": (2, 3),  # latest verdicts: C1 yes, C2 yes (the 'no' was superseded), C5 no
    "resolution_rate": (3, 6),  # C1, C2, C4 (minor, closed, no callback, not reopened)
    "closure_rate": (3, 6),  # C1, C2, C4 closed with loop confirmed; C5 closed unconfirmed
    "closed_rate": (4, 6),
    "fcr_rate": (2, 4),  # resolved: C1, C2, C4, C5; at first contact: C4, C5
    "escalation_rate": (2, 6),  # C2 (breached clock), C5 (escalated)
    "repeat_rate": (1, 6),  # C3
    "avg_first_response_seconds": (1200 + 2700 + 1800 + 300) / 4,
    "avg_resolution_seconds": (86400 + 259200 + 1800 + 7200) / 4,
    "csat": {"answers": 4, "top2": 2, "rate": 0.5, "mean": 3.5},  # 5, 2, 4, 3
    "nps": {"answers": 4, "promoters": 1, "passives": 2, "detractors": 1, "score": 0.0},  # 10, 3, 8, 7
    "breaches": 1,
    # CSI: csat (3.5−1)/4×100 = 62.5; satisfaction 66.67; nps (0+100)/2 = 50 → 0.4·62.5 + 0.4·66.67 + 0.2·50
    "csi": 0.4 * 62.5 + 0.4 * 200 / 3 + 0.2 * 50,
}


def envelope(payload: EventPayload, *, event_id: str | None = None) -> CloudEvent:
    event = CloudEvent.wrap(payload, source="/closeloop/test")
    return event.model_copy(update={"id": event_id}) if event_id else event
