"""Queue views, store scoping, masking, and routing rules changed through the API."""

from __future__ import annotations

import uuid


async def test_queue_pages_with_a_cursor_and_filters_by_store_and_status(routing):
    store = await routing.new_store()
    opened = [await routing.case_opened_for(routing.feedback(store, f"第{i}次,冷氣太冷了")) for i in range(3)]

    first = await routing.client.get("/v1/cases", params={"store_id": store, "limit": 2}, headers=routing.headers())
    second = await routing.client.get("/v1/cases", params={"store_id": store, "limit": 2,
                                                           "cursor": first.json()["next_cursor"]},
                                      headers=routing.headers())

    ids = [c["id"] for c in first.json()["items"] + second.json()["items"]]
    assert ids == [c["id"] for c in reversed(opened)]
    assert second.json()["next_cursor"] is None
    none_closed = await routing.client.get("/v1/cases", params={"store_id": store, "status": "closed"},
                                           headers=routing.headers())
    assert none_closed.json()["items"] == []


async def test_a_token_limited_to_some_stores_sees_only_their_cases(routing):
    mine, other = await routing.new_store(), await routing.new_store()
    await routing.case_opened_for(routing.feedback(mine))
    theirs = await routing.case_opened_for(routing.feedback(other))
    limited = routing.headers(stores=[mine])

    listed = await routing.client.get("/v1/cases", params={"limit": 200}, headers=limited)
    direct = await routing.client.get(f"/v1/cases/{theirs['id']}", headers=limited)

    assert {c["store_id"] for c in listed.json()["items"]} == {mine}
    assert direct.status_code == 403


async def test_phone_numbers_in_feedback_text_are_masked_without_pii_read(routing):
    store = await routing.new_store()
    case = await routing.case_opened_for(routing.feedback(store, "請回電 13812345678,收銀員態度很差"))

    masked = await routing.client.get(f"/v1/cases/{case['id']}",
                                      headers=routing.headers(scopes=["case:read"]))
    clear = await routing.client.get(f"/v1/cases/{case['id']}",
                                     headers=routing.headers(scopes=["case:read", "pii:read"]))

    assert "13812345678" not in masked.json()["content"] and "138****5678" in masked.json()["content"]
    assert "13812345678" in clear.json()["content"]


async def test_a_new_routing_rule_sends_new_cases_to_its_department(routing):
    store = await routing.new_store()
    rule_id = f"store-{store.lower()}"
    response = await routing.client.put(f"/v1/routing-rules/{rule_id}", headers=routing.headers(), json={
        "position": 1, "name": "everything at this store goes to security", "store_ids": [store],
        "department_id": "security",
    })
    assert response.status_code == 201, response.text

    case = await routing.case_opened_for(routing.feedback(store, customer=f"c-{uuid.uuid4()}"))

    assert case["department"] == "security" and case["routing_rule_id"] == rule_id
    assert case["assignee"] in (f"{store}-SEC", f"{store}-SUP")
    await routing.client.delete(f"/v1/routing-rules/{rule_id}", headers=routing.headers())


async def test_nobody_on_shift_leaves_the_case_in_the_department_queue(routing):
    store = await routing.new_store(on_shift=False)

    case = await routing.case_opened_for(routing.feedback(store, "冷氣太冷了", kind="complaint"))

    assert case["assignee"] is None and case["status"] == "new"
    queue = await routing.client.get("/v1/cases", params={"store_id": store, "assignee": "none",
                                                          "department": case["department"]},
                                     headers=routing.headers())
    assert [c["id"] for c in queue.json()["items"]] == [case["id"]]


async def test_staff_take_a_queued_case_by_acknowledging_it(routing):
    store = await routing.new_store(on_shift=False)
    case = await routing.case_opened_for(routing.feedback(store, "冷氣太冷了"))
    staff_id = next(f"{store}-{s}" for s, d in (("CS1", "customer_service"), ("SAL", "sales"), ("FAC", "facilities"),
                                              ("PUR", "purchasing"), ("FS", "food_safety"), ("SEC", "security"))
                    if d == case["department"])

    response = await routing.act(case["id"], {"type": "acknowledge"},
                                 routing.staff_headers(staff_id, store=store, department=case["department"]))

    assert response.status_code == 200, response.text
    assert response.json()["assignee"] == staff_id and response.json()["status"] == "acknowledged"


async def test_open_queue_leaves_out_closed_cases(routing):
    store = await routing.new_store()
    done = await routing.case_opened_for(routing.feedback(store, "謝謝生鮮區的王師傅幫我挑魚", kind="praise"))
    waiting = await routing.case_opened_for(routing.feedback(store, "洗手間好臭,地上都是水"))
    await routing.act(done["id"], {"type": "resolve", "resolution": "thanked the team", "first_contact": True})

    response = await routing.client.get("/v1/cases", params={"store_id": store, "open": "true"},
                                        headers=routing.headers())

    assert [c["id"] for c in response.json()["items"]] == [waiting["id"]]


async def test_a_cursor_the_api_never_handed_out_is_a_400_problem(routing):
    response = await routing.client.get("/v1/cases", params={"cursor": "not-a-cursor"}, headers=routing.headers())

    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "cursor" in response.json()["detail"]
