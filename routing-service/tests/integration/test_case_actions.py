"""Staff actions through POST /v1/cases/{id}/actions: the state machine, authority, corrections, verdicts."""

from __future__ import annotations

import uuid


async def _assigned_case(routing, store: str) -> dict:  # type: ignore[no-untyped-def]
    return await routing.case_opened_for(routing.feedback(store, customer=f"c-{uuid.uuid4()}"))


async def test_illegal_transition_is_refused_with_409_problem(routing):
    store = await routing.new_store()
    case = await _assigned_case(routing, store)

    response = await routing.act(case["id"], {"type": "close"})

    assert response.status_code == 409
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == 409 and body["action"] == "close" and body["case_status"] == "assigned"
    assert "only a resolved case can be closed" in body["detail"]
    assert (await routing.case(case["id"]))["status"] == "assigned"


async def test_case_goes_from_assigned_to_closed_through_its_lifecycle(routing):
    store = await routing.new_store()
    case = await _assigned_case(routing, store)
    staff = routing.staff_headers(case["assignee"], store=store, department=case["department"])

    for action in ({"type": "acknowledge"}, {"type": "start", "plan": "call the cashier's lead"},
                   {"type": "resolve", "resolution": "apologised, coupon given"},
                   {"type": "callback", "satisfied": True, "csat": 5, "nps": 9}):
        response = await routing.act(case["id"], action, staff)
        assert response.status_code == 200, response.text

    final = await routing.case(case["id"])
    assert final["status"] == "closed" and final["loop_confirmed"] and final["csat"] == 5
    assert [t for t in await routing.outbox_types(case["id"]) if "status_changed" not in t] == [
        "closeloop.case.opened.v1", "closeloop.case.assigned.v1", "closeloop.case.acknowledged.v1",
        "closeloop.case.resolved.v1", "closeloop.case.callback_recorded.v1", "closeloop.case.closed.v1",
    ]


async def test_unsatisfied_callback_reopens_case(routing):
    store = await routing.new_store()
    case = await _assigned_case(routing, store)
    await routing.act(case["id"], {"type": "resolve", "resolution": "refunded", "first_contact": True})

    response = await routing.act(case["id"], {"type": "callback", "satisfied": False, "csat": 2})

    assert response.status_code == 200, response.text
    assert response.json()["status"] == "reopened" and response.json()["reopen_count"] == 1
    assert "closeloop.case.reopened.v1" in await routing.outbox_types(case["id"])


async def test_reclassify_is_stored_as_a_labelled_correction(routing):
    store = await routing.new_store()
    case = await _assigned_case(routing, store)

    response = await routing.act(case["id"], {
        "type": "reclassify", "category": "product", "subcategory": "price", "urgency": "important",
        "reason": "overcharged at the till",
    })

    assert response.status_code == 200, response.text
    assert response.json()["category"] == "product" and response.json()["urgency"] == "important"
    corrections = await routing.sql("SELECT * FROM routing.corrections WHERE case_id = :c", c=case["id"])
    assert len(corrections) == 1
    assert corrections[0].corrected == {"category": "product", "subcategory": "price", "urgency": "important",
                                        "kind": case["kind"]}
    assert corrections[0].predicted["category"] == case["category"]
    assert corrections[0].text_sealed and "收银员" not in corrections[0].text_sealed  # sealed at rest
    assert "closeloop.case.reclassified.v1" in await routing.outbox_types(case["id"])


async def test_staff_of_another_store_cannot_touch_the_case(routing):
    store, other = await routing.new_store(), await routing.new_store()
    case = await _assigned_case(routing, store)
    outsider = routing.staff_headers(f"{other}-CS1", store=other, department=case["department"])

    response = await routing.act(case["id"], {"type": "acknowledge"}, outsider)

    assert response.status_code == 403
    assert store in response.json()["detail"]
    assert (await routing.case(case["id"]))["status"] == "assigned"


async def test_staff_of_another_department_cannot_touch_the_case(routing):
    store = await routing.new_store()
    case = await _assigned_case(routing, store)
    other_department = "security" if case["department"] != "security" else "purchasing"
    outsider = routing.staff_headers(f"{store}-SEC", store=store, department=other_department)

    response = await routing.act(case["id"], {"type": "note", "text": "looking"}, outsider)

    assert response.status_code == 403
    assert case["department"] in response.json()["detail"]


async def test_retried_action_with_the_same_idempotency_key_applies_once(routing):
    store = await routing.new_store()
    case = await _assigned_case(routing, store)
    headers = routing.headers() | {"Idempotency-Key": f"k-{uuid.uuid4()}"}

    first = await routing.act(case["id"], {"type": "note", "text": "called, no answer"}, headers)
    second = await routing.act(case["id"], {"type": "note", "text": "called, no answer"}, headers)

    assert first.status_code == second.status_code == 200
    notes = await routing.sql("SELECT 1 FROM routing.timeline WHERE case_id = :c AND entry = 'note'", c=case["id"])
    assert len(notes) == 1


async def test_invalid_action_names_the_field(routing):
    store = await routing.new_store()
    case = await _assigned_case(routing, store)

    response = await routing.act(case["id"], {"type": "callback", "satisfied": True, "csat": 9})

    assert response.status_code == 422
    assert "csat" in response.json()["detail"]


async def test_timeline_shows_every_step_with_its_actor(routing):
    store = await routing.new_store()
    case = await _assigned_case(routing, store)
    staff = routing.staff_headers(case["assignee"], store=store, department=case["department"])
    await routing.act(case["id"], {"type": "acknowledge"}, staff)

    response = await routing.client.get(f"/v1/cases/{case['id']}/timeline", headers=routing.headers())

    entries = [(e["entry"], e["actor"]) for e in response.json()]
    assert entries[0] == ("opened", "routing")
    assert ("acknowledge", case["assignee"]) in entries


async def test_a_supervisor_reassigns_to_another_department_and_staff_may_not(routing):
    store = await routing.new_store()
    case = await _assigned_case(routing, store)
    staff = routing.staff_headers(case["assignee"], store=store, department=case["department"])
    supervisor = routing.staff_headers(f"{store}-SUP", store=store, department="customer_service", role="supervisor")

    refused = await routing.act(case["id"], {"type": "reassign", "department": "security"}, staff)
    moved = await routing.act(case["id"], {"type": "reassign", "department": "security",
                                           "reason": "guard saw it happen"}, supervisor)

    assert refused.status_code == 403
    assert moved.status_code == 200, moved.text
    assert moved.json()["department"] == "security" and moved.json()["assignee"] == f"{store}-SEC"
    assert (await routing.outbox_types(case["id"])).count("closeloop.case.assigned.v1") == 2


async def test_staff_escalate_to_their_supervisor_who_then_watches_the_case(routing):
    store = await routing.new_store()
    case = await _assigned_case(routing, store)
    staff = routing.staff_headers(case["assignee"], store=store, department=case["department"])

    response = await routing.act(case["id"], {"type": "escalate", "reason": "customer very angry"}, staff)

    assert response.status_code == 200, response.text
    assert f"{store}-SUP" in response.json()["watchers"] and response.json()["escalation_level"] == 1
    to_manager = await routing.act(case["id"], {"type": "escalate", "to": "manager"}, staff)
    assert to_manager.status_code == 403


async def test_without_the_customer_s_confirmation_only_a_supervisor_closes_and_must_say_why(routing):
    store = await routing.new_store()
    case = await _assigned_case(routing, store)
    staff = routing.staff_headers(case["assignee"], store=store, department=case["department"])
    supervisor = routing.staff_headers(f"{store}-SUP", store=store, department="customer_service", role="supervisor")
    await routing.act(case["id"], {"type": "resolve", "resolution": "refunded", "first_contact": True}, staff)

    by_staff = await routing.act(case["id"], {"type": "close", "reason": "no answer"}, staff)
    without_reason = await routing.act(case["id"], {"type": "close"}, supervisor)
    with_reason = await routing.act(case["id"], {"type": "close", "reason": "customer unreachable after 3 calls"},
                                    supervisor)

    assert by_staff.status_code == 403 and without_reason.status_code == 422
    assert with_reason.status_code == 200, with_reason.text
    assert with_reason.json()["status"] == "closed" and with_reason.json()["loop_confirmed"] is False
