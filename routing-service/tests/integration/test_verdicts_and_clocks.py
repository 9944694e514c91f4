"""Survey verdicts from intake and clocks from sla, delivered by Kafka, land on the case."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from closeloop.contracts.feedback import FeedbackPiiErased, SurveyRecorded
from closeloop.contracts.sla import ClockBreached, EscalationRequested
from fleet.testing import eventually


async def _resolved_case(routing) -> tuple[str, dict]:  # type: ignore[no-untyped-def]
    store = await routing.new_store()
    item = routing.feedback(store, customer=f"c-{uuid.uuid4()}")
    case = await routing.case_opened_for(item)
    response = await routing.act(case["id"], {"type": "resolve", "resolution": "refunded", "first_contact": True})
    assert response.json()["status"] == "resolved", response.text
    return item.feedback_id, case


async def test_unsatisfied_survey_reopens_the_case(routing):
    feedback_id, case = await _resolved_case(routing)

    await routing.publish(SurveyRecorded(
        survey_id=str(uuid.uuid4()), feedback_id=feedback_id, satisfied=False, csat=1, recorded_at=datetime.now(UTC),
    ))

    async def reopened() -> dict | None:
        found = await routing.case(case["id"])
        return found if found["status"] == "reopened" else None

    found = await eventually(reopened, what="the case reopened")
    assert found["satisfied"] is False and found["csat"] == 1 and found["reopen_count"] == 1
    types = await routing.outbox_types(case["id"])
    assert types[-2:] == ["closeloop.case.status_changed.v1", "closeloop.case.reopened.v1"]


async def test_satisfied_survey_closes_a_resolved_case_with_the_loop_confirmed(routing):
    feedback_id, case = await _resolved_case(routing)

    await routing.publish(SurveyRecorded(
        survey_id=str(uuid.uuid4()), feedback_id=feedback_id, satisfied=True, csat=5, nps=10,
        recorded_at=datetime.now(UTC),
    ))

    async def closed() -> dict | None:
        found = await routing.case(case["id"])
        return found if found["status"] == "closed" else None

    found = await eventually(closed, what="the case closed")
    assert found["loop_confirmed"] is True and found["nps"] == 10


async def test_sla_breach_and_escalation_show_on_the_case(routing):
    store = await routing.new_store()
    case = await routing.case_opened_for(routing.feedback(store, customer=f"c-{uuid.uuid4()}"))
    due = datetime.now(UTC) - timedelta(minutes=1)

    await routing.publish(ClockBreached(case_id=case["id"], clock_id=str(uuid.uuid4()), clock="first_contact",
                                        occurred_at=due, due_at=due, store_id=store))
    await routing.publish(EscalationRequested(
        case_id=case["id"], clock_id=str(uuid.uuid4()), clock="first_contact", occurred_at=due, store_id=store,
        escalation_id=str(uuid.uuid4()), level=2, role="manager", reason="breached", due_at=due,
    ))

    async def escalated() -> dict | None:
        found = await routing.case(case["id"])
        return found if found["escalation_level"] == 2 else None

    found = await eventually(escalated, what="the escalation applied")
    assert found["breached"] is True and found["breached_clocks"] == ["first_contact"]
    assert f"{store}-MGR" in found["watchers"]
    breached = await routing.client.get("/v1/cases", params={"breached": "true", "store_id": store},
                                         headers=routing.headers())
    assert [c["id"] for c in breached.json()["items"]] == [case["id"]]
    assert "closeloop.case.escalated.v1" in await routing.outbox_types(case["id"])


async def test_a_late_callback_on_a_resolved_case_still_reaches_the_supervisor(routing):
    _, case = await _resolved_case(routing)
    due = datetime.now(UTC) - timedelta(minutes=1)

    await routing.publish(EscalationRequested(
        case_id=case["id"], clock_id=str(uuid.uuid4()), clock="callback", occurred_at=due, store_id=case["store_id"],
        escalation_id=str(uuid.uuid4()), level=1, role="supervisor", reason="breached", due_at=due,
    ))

    async def escalated() -> dict | None:
        found = await routing.case(case["id"])
        return found if found["escalation_level"] == 1 else None

    found = await eventually(escalated, what="the callback escalation applied")
    assert found["status"] == "resolved" and f"{case['store_id']}-SUP" in found["watchers"]


async def test_erased_personal_data_leaves_routing_too(routing):
    store = await routing.new_store()
    customer = f"c-{uuid.uuid4()}"
    item = routing.feedback(store, "我是張三,電話13812345678,收銀員態度很差", customer=customer)
    case = await routing.case_opened_for(item)
    await routing.act(case["id"], {"type": "reclassify", "category": "service", "subcategory": "attitude",
                                   "urgency": "important"})

    await routing.publish(FeedbackPiiErased(feedback_id=item.feedback_id, customer_id=customer,
                                            erased_at=datetime.now(UTC)))

    async def erased() -> dict | None:
        found = await routing.case(case["id"])
        return found if found["content"] is None else None

    found = await eventually(erased, what="the feedback text erased")
    assert found["customer"]["masked_phone"] is None
    assert await routing.sql("SELECT 1 FROM routing.corrections WHERE case_id = :c", c=case["id"]) == []
