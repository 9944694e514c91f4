"""Group complaints at one store and product incidents across stores link their cases as one."""

from __future__ import annotations

import uuid

from closeloop.contracts.feedback import ItemRef
from fleet.testing import eventually

QUEUE_COMPLAINT = "收銀台只開一個,排隊排了半個小時"


async def test_several_customers_with_the_same_problem_at_one_store_form_a_linked_group_complaint(routing):
    store = await routing.new_store()
    cases = [
        await routing.case_opened_for(routing.feedback(store, QUEUE_COMPLAINT, customer=f"c-{uuid.uuid4()}"))
        for _ in range(routing.settings.group_complaint_min_customers)
    ]

    async def linked() -> list[dict]:
        found = [await routing.case(c["id"]) for c in cases]
        return found if all(c["incidents"] for c in found) else []

    found = await eventually(linked, what="every case linked")
    incident_ids = {c["incidents"][0]["id"] for c in found}
    assert len(incident_ids) == 1 and found[0]["incidents"][0]["kind"] == "group_complaint"
    assert all(c["urgency"] in ("important", "urgent") and "group_complaint" in c["raised_by"] for c in found)
    # the cases announced before the group formed are re-announced with their new urgency
    assert "closeloop.case.urgency_raised.v1" in await routing.outbox_types(cases[0]["id"])
    incident = (await routing.client.get(f"/v1/incidents/{incident_ids.pop()}", headers=routing.headers())).json()
    assert sorted(c["id"] for c in incident["cases"]) == sorted(c["id"] for c in cases)


async def test_one_customer_complaining_twice_is_no_group_but_a_repeat_complaint(routing):
    store = await routing.new_store()
    customer = f"c-{uuid.uuid4()}"
    await routing.case_opened_for(routing.feedback(store, QUEUE_COMPLAINT, customer=customer))
    first_again = await routing.case_opened_for(routing.feedback(store, QUEUE_COMPLAINT, customer=customer))
    third = await routing.case_opened_for(routing.feedback(store, QUEUE_COMPLAINT, customer=customer))

    assert third["incidents"] == [] and first_again["incidents"] == []
    assert "repeat_complaint" in third["raised_by"] and third["repeat_of"] is not None
    assert third["urgency"] in ("important", "urgent")


async def test_complaints_about_one_sku_and_batch_across_stores_become_one_product_incident(routing):
    north, south = await routing.new_store(region="north"), await routing.new_store(region="south")
    batch = f"L{uuid.uuid4().hex[:6]}"
    item = [ItemRef(sku="690123456789", name="鮮牛奶 1L", batch=batch)]
    text = "買的鮮奶打開已經發臭,日期還沒過期"
    first = await routing.case_opened_for(routing.feedback(north, text, customer=f"c-{uuid.uuid4()}", items=item))
    second = await routing.case_opened_for(routing.feedback(south, text, customer=f"c-{uuid.uuid4()}", items=item))

    response = await routing.client.get("/v1/incidents", params={"kind": "product_incident",
                                                                 "department": "purchasing"}, headers=routing.headers())
    incidents = [i for i in response.json() if i["batch"] == batch]
    assert len(incidents) == 1
    assert incidents[0]["store_ids"] == sorted([north, south])
    assert {"purchasing", "food_safety"} <= set(incidents[0]["departments"])
    assert incidents[0]["case_count"] == 2
    assert {i["id"] for i in (await routing.case(first["id"]))["incidents"]} == {incidents[0]["id"]}
    assert second["incidents"][0]["id"] == incidents[0]["id"]
