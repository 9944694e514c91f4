"""A safety case carries the tasks the rules require and cannot close while one is open."""

from __future__ import annotations

import uuid


async def _food_safety_case(routing) -> tuple[str, dict]:  # type: ignore[no-untyped-def]
    store = await routing.new_store()
    case = await routing.case_opened_for(routing.feedback(store, "孩子喝了鮮奶就吐了", customer=f"c-{uuid.uuid4()}"))
    if case["subcategory"] != "food_safety":  # whatever the classifier said, staff say what it is
        response = await routing.act(case["id"], {"type": "reclassify", "category": "safety",
                                                  "subcategory": "food_safety", "urgency": "urgent"})
        assert response.status_code == 200, response.text
        case = response.json()
    return store, case


async def test_food_safety_case_gets_its_tasks_and_goes_to_food_safety(routing):
    store, case = await _food_safety_case(routing)

    assert case["department"] == "food_safety"
    assert {t["code"] for t in case["tasks"]} == {"seal_product", "keep_sample", "record_illness"}
    assert all(t["status"] == "open" and t["due_at"] for t in case["tasks"])
    assert next(t for t in case["tasks"] if t["code"] == "seal_product")["owner_id"] == f"{store}-FS"
    assert "closeloop.case.task_opened.v1" in await routing.outbox_types(case["id"])


async def test_safety_case_cannot_close_while_a_task_is_open(routing):
    _, case = await _food_safety_case(routing)
    await routing.act(case["id"], {"type": "resolve", "resolution": "batch sealed", "first_contact": True})
    await routing.act(case["id"], {"type": "callback", "satisfied": True})

    response = await routing.act(case["id"], {"type": "close", "reason": "customer happy"})

    assert response.status_code == 409
    assert set(response.json()["open_tasks"]) == {"seal_product", "keep_sample", "record_illness"}


async def test_two_people_ill_brings_the_regulator_task_and_completed_tasks_let_the_case_close(routing):
    _, case = await _food_safety_case(routing)

    for task, details in (("seal_product", {}), ("keep_sample", {}),
                          ("record_illness", {"ill_count": 2, "foods": ["鮮牛奶 1L"]})):
        response = await routing.act(case["id"], {"type": "complete_task", "task": task, "details": details})
        assert response.status_code == 200, response.text
    tasks = {t["code"]: t["status"] for t in response.json()["tasks"]}
    assert tasks["notify_regulator"] == "open"

    for action in ({"type": "complete_task", "task": "notify_regulator"}, {"type": "acknowledge"},
                   {"type": "resolve", "resolution": "batch withdrawn, regulator told"}):
        assert (await routing.act(case["id"], action)).status_code == 200
    response = await routing.act(case["id"], {"type": "callback", "satisfied": True})

    assert response.json()["status"] == "closed"


async def test_record_illness_without_a_count_is_refused(routing):
    _, case = await _food_safety_case(routing)

    response = await routing.act(case["id"], {"type": "complete_task", "task": "record_illness", "details": {}})

    assert response.status_code == 422
    assert "ill_count" in response.json()["detail"]
