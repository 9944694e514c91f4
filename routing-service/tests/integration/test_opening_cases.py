"""feedback.received and feedback.merged, delivered by Kafka, become exactly one case each feedback."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from closeloop.contracts.feedback import CustomerRef, FeedbackMerged
from fleet.testing import eventually


async def test_feedback_event_opens_a_case_with_department_assignee_and_events(routing):
    store = await routing.new_store()

    case = await routing.case_opened_for(routing.feedback(store, customer=f"c-{uuid.uuid4()}"))

    assert case["number"].startswith("CS-")
    assert case["department"] is not None
    assert case["assignee"] is not None and case["assignee"].startswith(store)
    assert case["status"] == "assigned"
    assert await routing.outbox_types(case["id"]) == [
        "closeloop.case.opened.v1", "closeloop.case.assigned.v1",
    ]


async def test_redelivered_feedback_event_opens_no_second_case(routing):
    store = await routing.new_store()
    item = routing.feedback(store)
    first = await routing.publish(item)
    await routing.case_of(item.feedback_id)

    await routing.publish(item, event_id=first.id)  # the same event again: a consumer died before committing
    retried = await routing.publish(item)  # the same feedback under a new event id: a producer retried
    # one key, one partition: once the last event is applied, the redelivery before it was handled too
    await eventually(
        lambda: routing.sql("SELECT 1 FROM routing.inbox WHERE event_id = :e", e=retried.id),
        what="the retried event consumed",
    )

    cases = await routing.sql("SELECT id FROM routing.cases WHERE feedback_id = :f", f=item.feedback_id)
    assert len(cases) == 1
    assert await routing.outbox_types(cases[0].id) == ["closeloop.case.opened.v1", "closeloop.case.assigned.v1"]


async def test_merged_feedback_joins_the_case_it_duplicates(routing):
    store = await routing.new_store()
    original = routing.feedback(store, customer=f"c-{uuid.uuid4()}")
    case = await routing.case_opened_for(original)

    await routing.publish(FeedbackMerged(
        feedback_id=str(uuid.uuid4()), number="FB-20261123-999001", duplicate_of=original.feedback_id,
        channel="app", store_id=store, received_at=datetime.now(UTC), customer=CustomerRef(customer_id="c-other"),
    ))

    async def attached() -> list[str]:
        return (await routing.case(case["id"]))["duplicates"]

    assert len(await eventually(attached, what="the duplicate attached")) == 1
    assert "closeloop.case.duplicate_attached.v1" in await routing.outbox_types(case["id"])


async def test_merged_feedback_arriving_before_its_original_waits_for_the_case(routing):
    store = await routing.new_store()
    original = routing.feedback(store)
    duplicate_id = str(uuid.uuid4())
    await routing.publish(FeedbackMerged(
        feedback_id=duplicate_id, number="FB-20261123-999002", duplicate_of=original.feedback_id,
        channel="app", store_id=store, received_at=datetime.now(UTC),
    ))
    await eventually(
        lambda: routing.sql("SELECT 1 FROM routing.case_feedback WHERE feedback_id = :f", f=duplicate_id),
        what="the waiting duplicate recorded",
    )

    case = await routing.case_opened_for(original)

    assert case["duplicates"] == [duplicate_id]
    by_duplicate = await routing.cases_of_feedback(duplicate_id)
    assert [c["id"] for c in by_duplicate] == [case["id"]]
