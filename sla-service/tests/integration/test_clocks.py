"""Case events on real Kafka start, stop, pause and resume clocks in real Postgres, once each."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from closeloop.contracts import CloudEvent
from closeloop.contracts.case import CaseAcknowledged, CaseReopened, CaseResolved, CaseStatusChanged

from .conftest import opened


async def test_case_opened_starts_the_clocks_its_policy_names(sla):
    case = opened(urgency="general")
    await sla.send(case)

    clocks = await sla.clocks_until(case.case_id, lambda c: len(c) == 3, "the general policy's three clocks")

    assert sorted(c["metric"] for c in clocks) == ["analysis", "first_contact", "resolution"]
    first = next(c for c in clocks if c["metric"] == "first_contact")
    assert datetime.fromisoformat(first["due_at"]) == case.received_at + timedelta(minutes=30)
    assert (first["target_seconds"], first["calendar"], first["status"], first["policy_version"]) == (1800, "wall", "running", 1)


async def test_vip_customer_gets_halved_targets(sla):
    case = opened(urgency="important", tier="vip")
    await sla.send(case)

    clocks = await sla.clocks_until(case.case_id, lambda c: len(c) == 3, "the important policy's clocks")

    assert {c["metric"]: c["target_seconds"] for c in clocks} == {"first_contact": 900, "handling_meeting": 1800, "resolution": 43200}


async def test_redelivered_opening_starts_nothing_twice(sla):
    case = opened(urgency="minor")
    event = await sla.send(case)
    await sla.send(case, event=event)  # the same record delivered again
    await sla.send(case, event=CloudEvent.wrap(case, source="/closeloop/routing"))  # republished under a new id

    await sla.clocks_until(case.case_id, lambda c: len(c) == 3, "the minor policy's clocks")
    events = await sla.sla_events(case.case_id, expected=3)

    started = [e for e in events if e["type"] == "closeloop.sla.clock_started.v1"]
    assert sorted(e["data"]["clock"] for e in started) == ["assessment", "first_contact", "resolution"]
    assert len(await sla.clocks(case.case_id)) == 3


async def test_acknowledgement_arriving_before_the_opening_meets_first_contact(sla):
    case = opened(urgency="general", at=datetime.now(UTC) - timedelta(minutes=10))
    await sla.send(CaseAcknowledged(case_id=case.case_id, occurred_at=case.received_at + timedelta(minutes=4)))
    await sla.send(case)

    clocks = await sla.clocks_until(
        case.case_id, lambda c: any(x["metric"] == "first_contact" and x["status"] == "met" for x in c), "first contact met"
    )

    first = next(c for c in clocks if c["metric"] == "first_contact")
    assert datetime.fromisoformat(first["stopped_at"]) == case.received_at + timedelta(minutes=4)


async def test_reopen_starts_a_rehandling_clock_and_keeps_first_resolution_time(sla):
    t0 = datetime.now(UTC) - timedelta(hours=3)
    case = opened(urgency="important", at=t0)
    await sla.send(case)
    await sla.send(CaseResolved(case_id=case.case_id, occurred_at=t0 + timedelta(hours=1)))
    await sla.send(CaseReopened(case_id=case.case_id, occurred_at=t0 + timedelta(hours=2), reason="unsatisfied"))
    await sla.send(CaseResolved(case_id=case.case_id, occurred_at=t0 + timedelta(hours=2, minutes=30)))

    clocks = await sla.clocks_until(
        case.case_id, lambda c: any(x["metric"] == "rehandling" and x["status"] == "met" for x in c), "re-handling met"
    )
    summary = (await sla.client.get(f"/v1/cases/{case.case_id}/sla", headers=sla.headers)).json()

    assert next(c for c in clocks if c["metric"] == "resolution")["status"] == "met"
    assert (summary["first_resolution_seconds"], summary["total_resolution_seconds"], summary["reopen_count"]) == (3600, 9000, 1)


async def test_paused_time_survives_a_policy_change_and_a_calendar_change(sla):
    t0 = datetime.now(UTC) - timedelta(minutes=40)
    case = opened(urgency="general", at=t0)
    await sla.send(case)
    pause = CaseStatusChanged(case_id=case.case_id, occurred_at=t0 + timedelta(minutes=10), from_status="in_progress",
                              to_status="in_progress", action="pause")
    resume = CaseStatusChanged(case_id=case.case_id, occurred_at=t0 + timedelta(minutes=25), from_status="in_progress",
                               to_status="in_progress", action="resume")
    await sla.send(pause)
    await sla.send(resume)
    await sla.clocks_until(case.case_id, lambda c: any(x["paused_seconds"] == 900 for x in c), "the pause counted")

    policy = (await sla.client.get("/v1/policies/general", headers=sla.headers)).json()
    revised = {k: policy[k] for k in ("name", "urgency", "store_id", "region_id", "channel", "tier", "target_factor", "clocks")}
    for clock in revised["clocks"]:
        if clock["metric"] == "resolution":
            clock["target_seconds"] = 24 * 3600
    assert (await sla.client.put("/v1/policies/general", json=revised, headers=sla.headers)).status_code == 200
    calendar = (await sla.client.get("/v1/calendars/default-CN", headers=sla.headers)).json()
    calendar_in = {k: calendar[k] for k in ("name", "timezone", "holiday_region", "hours", "adjusted_day_hours")}
    assert (await sla.client.put("/v1/calendars/default-CN", json=calendar_in, headers=sla.headers)).status_code == 200

    resolution = next(c for c in await sla.clocks(case.case_id) if c["metric"] == "resolution")
    assert (resolution["policy_version"], resolution["paused_seconds"], resolution["status"]) == (1, 900, "running")
    assert datetime.fromisoformat(resolution["due_at"]) == t0 + timedelta(hours=48, minutes=15)

    later = opened(urgency="general")
    await sla.send(later)
    fresh = await sla.clocks_until(later.case_id, lambda c: len(c) == 3, "clocks of a case opened after the revision")
    assert next(c for c in fresh if c["metric"] == "resolution")["target_seconds"] == 24 * 3600
