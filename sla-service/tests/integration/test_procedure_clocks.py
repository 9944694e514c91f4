"""Clocks driven by the steps of routing's procedures: periodic progress contacts, reports, waiting on the customer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from closeloop.contracts.case import (
    CaseCustomerContacted, CasePaused, CaseReportChanged, CaseResolved, CaseResumed, CaseStepRecorded,
)

from .conftest import opened


def _contact(case_id: str, at: datetime, n: int) -> CaseCustomerContacted:
    return CaseCustomerContacted(case_id=case_id, occurred_at=at, contact_id=f"c{n}", channel="phone",
                                 direction="outbound", purpose="progress", outcome="reached", step="progress_contact")


async def test_each_progress_contact_ends_a_round_and_starts_the_next_until_the_case_is_resolved(sla):
    t0 = datetime.now(UTC) - timedelta(hours=3)
    case = opened(urgency="urgent", at=t0)
    await sla.send(case)
    await sla.send(CaseStepRecorded(case_id=case.case_id, occurred_at=t0 + timedelta(minutes=3), step="liaison_appointed",
                                    staff_id="S001-CS1"))
    await sla.send(_contact(case.case_id, t0 + timedelta(minutes=90), 1))
    await sla.send(_contact(case.case_id, t0 + timedelta(minutes=200), 2))
    await sla.send(CaseResolved(case_id=case.case_id, occurred_at=t0 + timedelta(minutes=210)))

    clocks = await sla.clocks_until(
        case.case_id, lambda c: sum(x["metric"] == "progress_contact" for x in c) == 3
        and any(x["metric"] == "resolution" and x["status"] == "met" for x in c), "three progress rounds",
    )

    rounds = sorted((c for c in clocks if c["metric"] == "progress_contact"), key=lambda c: c["round"])
    assert [r["status"] for r in rounds] == ["met", "met", "cancelled"]
    assert [datetime.fromisoformat(r["started_at"]) - t0 for r in rounds] == [
        timedelta(minutes=3), timedelta(minutes=90), timedelta(minutes=200)]
    assert datetime.fromisoformat(rounds[1]["due_at"]) == t0 + timedelta(minutes=90, hours=2)


async def test_a_late_progress_contact_still_starts_the_next_round(sla):
    t0 = datetime.now(UTC) - timedelta(hours=4)
    case = opened(urgency="urgent", at=t0)
    await sla.send(case)
    await sla.send(CaseStepRecorded(case_id=case.case_id, occurred_at=t0, step="liaison_appointed"))
    await sla.send(_contact(case.case_id, t0 + timedelta(hours=3), 1))

    clocks = await sla.clocks_until(
        case.case_id, lambda c: sum(x["metric"] == "progress_contact" for x in c) == 2, "the second round"
    )

    rounds = sorted((c for c in clocks if c["metric"] == "progress_contact"), key=lambda c: c["round"])
    assert [r["status"] for r in rounds] == ["breached", "running"]


async def test_the_report_clock_runs_from_the_resolution_and_a_returned_report_gets_a_revision_clock(sla):
    t0 = datetime.now(UTC) - timedelta(hours=2)
    case = opened(urgency="important", at=t0)
    await sla.send(case)
    await sla.send(CaseResolved(case_id=case.case_id, occurred_at=t0 + timedelta(minutes=30)))
    report = {"case_id": case.case_id, "report_id": "r1", "report": "important"}
    await sla.send(CaseReportChanged(**report, occurred_at=t0 + timedelta(minutes=40), status="submitted",
                                     step="report_submitted"))
    await sla.send(CaseReportChanged(**report, occurred_at=t0 + timedelta(minutes=50), status="returned",
                                     step="report_returned"))

    clocks = await sla.clocks_until(
        case.case_id, lambda c: any(x["metric"] == "report_revision" for x in c), "the revision clock"
    )

    by_metric = {c["metric"]: c for c in clocks}
    assert by_metric["important_report"]["status"] == "met"
    assert datetime.fromisoformat(by_metric["important_report"]["started_at"]) == t0 + timedelta(minutes=30)
    assert by_metric["report_revision"]["status"] == "running"
    assert datetime.fromisoformat(by_metric["report_revision"]["due_at"]) == t0 + timedelta(minutes=50, hours=24)


async def test_waiting_on_the_customer_pauses_the_resolution_clock_but_not_the_steps(sla):
    t0 = datetime.now(UTC) - timedelta(minutes=50)
    case = opened(urgency="general", at=t0)
    await sla.send(case)
    await sla.send(CasePaused(case_id=case.case_id, occurred_at=t0 + timedelta(minutes=10)))
    await sla.send(CaseResumed(case_id=case.case_id, occurred_at=t0 + timedelta(minutes=40), paused_seconds=1800))

    clocks = await sla.clocks_until(
        case.case_id, lambda c: any(x["metric"] == "resolution" and x["paused_seconds"] == 1800 for x in c), "the pause"
    )

    by_metric = {c["metric"]: c for c in clocks}
    assert datetime.fromisoformat(by_metric["resolution"]["due_at"]) == t0 + timedelta(hours=48, minutes=30)
    assert by_metric["analysis"]["paused_seconds"] == 0
