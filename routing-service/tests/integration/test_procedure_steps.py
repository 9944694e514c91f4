"""Each step of a case's procedure is an action its owner records; the case shows where it stands."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from closeloop.contracts.sla import ClockStarted
from fleet.testing import eventually

BLOCKED_EXIT = "三樓安全出口被紙箱堵住了，推車都過不去"


async def _case(routing, store: str, text: str, **labels: str) -> dict:  # type: ignore[no-untyped-def]
    """A case with the labels the test needs, whatever the classifier said (staff would correct it)."""
    case = await routing.case_opened_for(routing.feedback(store, text, customer=f"c-{uuid.uuid4()}"))
    wanted = {k: v for k, v in labels.items() if case[k] != v}
    if wanted:
        response = await routing.act(case["id"], {"type": "reclassify", **wanted})
        assert response.status_code == 200, response.text
        case = response.json()
    return case


def _step(case: dict, step: str, department: str | None = None) -> dict:  # type: ignore[type-arg]
    return next(s for s in case["procedure"]["steps"] if s["step"] == step and s["department"] == department)


async def test_an_urgent_case_shows_its_procedure_with_owners_and_due_times(routing):
    store = await routing.new_store()
    case = await _case(routing, store, BLOCKED_EXIT, category="safety", urgency="urgent")

    procedure = case["procedure"]
    assert (procedure["urgency"], procedure["version"], procedure["report"]) == ("urgent", 1, "emergency")
    plan = _step(case, "plan_started")
    assert (plan["owner"]["role"], plan["clock"], plan["status"]) == ("supervisor", "emergency_plan", "pending")
    assert datetime.fromisoformat(plan["due_at"]) == datetime.fromisoformat(case["received_at"]) + timedelta(minutes=5)
    assert plan["due_source"] == "computed"
    assert _step(case, "report_submitted")["status"] == "not_started"
    assert {s["department"] for s in procedure["steps"] if s["step"] == "on_site"} == set(
        procedure["departments_concerned"])


async def test_the_emergency_plan_is_the_supervisor_s_and_is_announced_to_sla_once(routing):
    store = await routing.new_store()
    case = await _case(routing, store, BLOCKED_EXIT, category="safety", urgency="urgent")

    refused = await routing.act(case["id"], {"type": "plan_started"}, routing.person(store, "CS1"))
    started = await routing.act(case["id"], {"type": "plan_started", "plan": "封鎖三樓出口區域，搬走紙箱",
                                             "liaison_id": f"{store}-CS1"}, routing.person(store, "SUP"))
    again = await routing.act(case["id"], {"type": "plan_started"}, routing.person(store, "SUP"))

    assert refused.status_code == 403 and "supervisor" in refused.json()["detail"]
    assert started.status_code == 200, started.text
    body = started.json()
    assert (_step(body, "plan_started")["status"], _step(body, "plan_started")["done_by"]) == ("done", f"{store}-SUP")
    assert body["liaison"] == f"{store}-CS1" and _step(body, "liaison_appointed")["status"] == "done"
    assert again.status_code == 409
    steps = await routing.sql("SELECT envelope->'data'->>'step' AS step FROM routing.outbox WHERE key = :key AND "
                              "event_type = 'closeloop.case.step_recorded.v1' ORDER BY id", key=case["id"])
    assert [r.step for r in steps] == ["plan_started", "liaison_appointed"]


async def test_a_step_that_is_not_in_the_case_s_procedure_is_refused(routing):
    store = await routing.new_store()
    case = await _case(routing, store, "收银员态度很差,找零还扔在台面上", category="service", urgency="general")

    response = await routing.act(case["id"], {"type": "plan_agreed", "participants": [f"{store}-SUP"], "plan": "x"})

    assert response.status_code == 409
    assert "not a step of the general procedure" in response.json()["detail"]
    assert "plan_agreed" not in case["allowed_actions"] and "plan_recorded" in case["allowed_actions"]


async def test_each_department_concerned_records_its_own_arrival_and_the_last_one_puts_the_case_on_site(routing):
    store = await routing.new_store()
    case = await _case(routing, store, BLOCKED_EXIT, category="safety", urgency="urgent")
    concerned = case["procedure"]["departments_concerned"]
    people = {"facilities": "FAC", "security": "SEC", "customer_service": "CS1", "food_safety": "FS", "sales": "SAL",
              "purchasing": "PUR"}

    wrong = await routing.act(case["id"], {"type": "on_site", "department": concerned[0]},
                              routing.person(store, "PUR" if concerned[0] != "purchasing" else "SAL"))
    for department in concerned:
        response = await routing.act(case["id"], {"type": "on_site"}, routing.person(store, people[department]))
        assert response.status_code == 200, response.text

    assert wrong.status_code == 403
    assert all(_step(response.json(), "on_site", d)["status"] == "done" for d in concerned)
    steps = await routing.sql("SELECT envelope->'data'->>'step' AS step FROM routing.outbox WHERE key = :key AND "
                              "event_type = 'closeloop.case.step_recorded.v1' ORDER BY id", key=case["id"])
    assert [r.step for r in steps] == ["department_arrived"] * len(concerned) + ["on_site"]


async def test_a_step_shows_the_due_time_sla_reports_for_its_clock(routing):
    store = await routing.new_store()
    case = await _case(routing, store, "收银员态度很差,找零还扔在台面上", category="service", urgency="general")
    due = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=97)
    await routing.publish(ClockStarted(case_id=case["id"], clock_id=str(uuid.uuid4()), clock="analysis",
                                       occurred_at=datetime.now(UTC), due_at=due, target_seconds=7200))

    async def analysis() -> dict | None:  # type: ignore[type-arg]
        step = _step(await routing.case(case["id"]), "plan_recorded")
        return step if step["due_source"] == "sla" else None

    step = await eventually(analysis, timeout=20, what="sla's due time on the analysis step")
    assert datetime.fromisoformat(step["due_at"]) == due  # type: ignore[index]


async def test_waiting_on_the_customer_pauses_and_resumes_the_clocks(routing):
    store = await routing.new_store()
    case = await _case(routing, store, "收银员态度很差,找零还扔在台面上", category="service", urgency="general")
    staff = routing.person(store, "CS1")
    await routing.act(case["id"], {"type": "acknowledge"})

    paused = await routing.act(case["id"], {"type": "pause", "reason": "waiting for the receipt photo"}, staff)
    twice = await routing.act(case["id"], {"type": "pause", "reason": "again"}, staff)
    resumed = await routing.act(case["id"], {"type": "resume"}, staff)

    assert paused.json()["waiting_since"] is not None and twice.status_code == 409
    assert resumed.json()["waiting_since"] is None
    types = await routing.outbox_types(case["id"])
    assert types.count("closeloop.case.paused.v1") == 1 and types.count("closeloop.case.resumed.v1") == 1


async def test_the_analysis_belongs_to_the_owning_department(routing):
    store = await routing.new_store()
    case = await _case(routing, store, "收银员态度很差,找零还扔在台面上", category="service", urgency="general")
    body = {"type": "plan_recorded", "analysis": "收銀員培訓不足", "plan": "培訓並致歉"}

    other = await routing.act(case["id"], body, routing.person(store, "SAL"))
    own = await routing.act(case["id"], body, routing.person(store, "CS2"))

    assert other.status_code == 403
    assert own.status_code == 200 and _step(own.json(), "plan_recorded")["done_by"] == f"{store}-CS2"


async def test_a_hazard_found_later_brings_its_template_s_removal_tasks(routing):
    store = await routing.new_store()
    case = await _case(routing, store, BLOCKED_EXIT, category="safety", urgency="urgent")

    response = await routing.act(case["id"], {"type": "report_hazard", "hazard": "wet_floor"},
                                 routing.person(store, "SUP"))

    body = response.json()
    assert "wet_floor" in body["hazards"]
    assert "secure_wet_floor" in {t["code"] for t in body["tasks"]}


async def test_a_revised_procedure_applies_to_new_cases_while_open_ones_keep_their_version(routing):
    store = await routing.new_store()
    before = await _case(routing, store, "希望會員日活動可以提前在 APP 通知", urgency="minor")
    current = (await routing.client.get("/v1/procedures/minor", headers=routing.headers())).json()
    revised = {k: current[k] for k in ("name", "steps", "callback_required", "confirmation_required", "report",
                                       "supervisor_alert")}
    for step in revised["steps"]:
        if step["step"] == "assessed":
            step["due_minutes"] = 12 * 60

    refused = await routing.client.put("/v1/procedures/minor", json=revised, headers=routing.person(store, "SUP"))
    response = await routing.client.put("/v1/procedures/minor", json=revised, headers=routing.headers())
    after = await _case(routing, store, "希望會員日活動可以提前一天在 APP 通知大家", urgency="minor")

    assert refused.status_code == 403 and response.status_code == 200, response.text
    version = response.json()["version"]
    assert version == current["version"] + 1
    assert (await routing.case(before["id"]))["procedure"]["version"] == current["version"]
    assert after["procedure"]["version"] == version
    assessed = _step(after, "assessed")
    assert datetime.fromisoformat(assessed["due_at"]) == datetime.fromisoformat(after["received_at"]) + timedelta(hours=12)
    versions = (await routing.client.get("/v1/procedures/minor/versions", headers=routing.headers())).json()
    assert [v["version"] for v in versions][-2:] == [current["version"], version]
    await routing.client.put("/v1/procedures/minor", json={**revised, "steps": current["steps"]},
                             headers=routing.headers())


async def test_a_procedure_with_a_step_routing_cannot_record_is_refused_with_the_reason(routing):
    current = (await routing.client.get("/v1/procedures/general", headers=routing.headers())).json()
    body = {k: current[k] for k in ("name", "callback_required", "confirmation_required", "report", "supervisor_alert")}

    response = await routing.client.put("/v1/procedures/general", headers=routing.headers(),
                                        json={**body, "steps": [*current["steps"], {"step": "teleport", "title": "x",
                                                                                    "owner_role": "staff"}]})

    assert response.status_code == 422 and "teleport" in response.text
