"""A safety case carries the tasks the rules require and cannot close while one is open."""

from __future__ import annotations

import uuid

FOOD_SAFETY_TASKS = {"seal_product", "keep_sample", "preliminary_test", "record_illness", "notify_regulator"}


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
    assert {t["code"] for t in case["tasks"]} == FOOD_SAFETY_TASKS
    assert all(t["status"] == "open" and t["due_at"] for t in case["tasks"])
    assert next(t for t in case["tasks"] if t["code"] == "seal_product")["owner_id"] == f"{store}-FS"
    assert "closeloop.case.task_opened.v1" in await routing.outbox_types(case["id"])


async def test_safety_case_cannot_close_while_a_task_is_open(routing):
    _, case = await _food_safety_case(routing)
    await routing.act(case["id"], {"type": "resolve", "resolution": "batch sealed", "first_contact": True})
    await routing.act(case["id"], {"type": "callback", "satisfied": True})

    response = await routing.act(case["id"], {"type": "close", "reason": "customer happy"})

    assert response.status_code == 409
    assert set(response.json()["open_tasks"]) == FOOD_SAFETY_TASKS


async def test_one_person_ill_is_still_reported_to_the_regulator_and_the_number_stays_on_the_case(routing):
    _, case = await _food_safety_case(routing)

    for task, details in (("seal_product", {}), ("keep_sample", {}), ("preliminary_test", {}),
                          ("record_illness", {"ill_count": 1, "foods": ["鮮牛奶 1L"]}), ("notify_regulator", {})):
        response = await routing.act(case["id"], {"type": "complete_task", "task": task, "details": details})
        assert response.status_code == 200, response.text

    body = response.json()
    assert body["ill_count"] == 1
    assert {t["code"]: t["status"] for t in body["tasks"]} == dict.fromkeys(FOOD_SAFETY_TASKS, "done")


async def test_completed_tasks_and_an_approved_emergency_report_let_a_food_safety_case_close(routing):
    _, case = await _food_safety_case(routing)
    for task in sorted(FOOD_SAFETY_TASKS):
        details = {"ill_count": 0} if task == "record_illness" else {}
        assert (await routing.act(case["id"], {"type": "complete_task", "task": task, "details": details})).status_code == 200
    for action in ({"type": "acknowledge"}, {"type": "resolve", "resolution": "batch withdrawn, regulator told"}):
        assert (await routing.act(case["id"], action)).status_code == 200
    waiting = (await routing.act(case["id"], {"type": "callback", "satisfied": True})).json()
    assert (waiting["status"], waiting["reports"]) == ("resolved", [{"kind": "emergency", "status": "draft"}])

    await routing.act(case["id"], {"type": "report_submitted", "report": "emergency"})
    response = await routing.act(case["id"], {"type": "report_reviewed", "report": "emergency", "verdict": "approved"})

    assert response.json()["status"] == "closed"


async def test_record_illness_without_a_count_is_refused(routing):
    _, case = await _food_safety_case(routing)

    response = await routing.act(case["id"], {"type": "complete_task", "task": "record_illness", "details": {}})

    assert response.status_code == 422
    assert "ill_count" in response.json()["detail"]


async def test_a_task_is_done_by_its_own_department_not_by_any_other(routing):
    store, case = await _food_safety_case(routing)
    seal = {"type": "complete_task", "task": "seal_product"}

    by_sales = await routing.act(case["id"], seal, routing.person(store, "SAL"))
    by_food_safety = await routing.act(case["id"], seal, routing.person(store, "FS"))
    by_customer_service = await routing.act(case["id"], {"type": "complete_task", "task": "record_illness",
                                                         "details": {"ill_count": 3}}, routing.person(store, "CS1"))

    assert by_sales.status_code == 403
    assert by_food_safety.status_code == 200 and by_customer_service.status_code == 200
    assert by_customer_service.json()["ill_count"] == 3
