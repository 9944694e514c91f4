"""Case reports: pre-filled from the case, written by their author, reviewed by the roles the rules name,
returned with a comment and resubmitted; a case whose report is required does not close before approval."""

from __future__ import annotations

import uuid

OVERCHARGED = "貨架標價 12.9 元,結賬收了 15.9 元,已經第二次了"


async def _resolved_important_case(routing) -> tuple[str, dict]:  # type: ignore[no-untyped-def]
    store = await routing.new_store()
    case = await routing.case_opened_for(routing.feedback(store, OVERCHARGED, customer=f"c-{uuid.uuid4()}"))
    if case["urgency"] != "important":
        assert (await routing.act(case["id"], {"type": "reclassify", "urgency": "important"})).status_code == 200
    case = (await routing.act(case["id"], {"type": "acknowledge"})).json()
    department = case["department"]
    assert (await routing.act(case["id"], {"type": "plan_agreed", "participants": [f"{store}-SUP", f"{store}-SAL"],
                                           "plan": "核對價簽系統，退還差價"}, routing.person(store, "SUP"))).status_code == 200
    assert (await routing.act(case["id"], {"type": "resolve", "resolution": "退還差價 3 元並致歉"})).status_code == 200
    return store, {**case, "department": department}


def _author(routing, store: str, department: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    suffix = {"sales": "SAL", "purchasing": "PUR", "customer_service": "CS1", "facilities": "FAC"}[department]
    return routing.person(store, suffix)


async def test_the_report_starts_as_a_draft_pre_filled_from_the_case(routing):
    store, case = await _resolved_important_case(routing)

    report = (await routing.client.get(f"/v1/cases/{case['id']}/reports/important", headers=routing.headers())).json()

    sections = {s["key"]: s for s in report["sections"]}
    assert (report["status"], report["waiting_for"]) == ("draft", "author")
    assert "核對價簽系統" in sections["analysis"]["text"] and sections["analysis"]["prefilled"]
    assert "退還差價 3 元" in sections["result"]["text"]
    assert sections["prevention"]["text"] == "" and sections["prevention"]["required"]


async def test_submitting_without_prevention_measures_is_refused_and_the_author_must_be_the_department(routing):
    store, case = await _resolved_important_case(routing)
    author = _author(routing, store, case["department"])
    outsider = routing.person(store, "FAC" if case["department"] != "facilities" else "SAL")

    by_outsider = await routing.act(case["id"], {"type": "report_submitted", "report": "important",
                                                 "sections": {"prevention": "x"}}, outsider)
    empty = await routing.act(case["id"], {"type": "report_submitted", "report": "important"}, author)

    assert by_outsider.status_code == 403
    assert empty.status_code == 422 and "prevention" in empty.json()["detail"]


async def test_the_supervisor_reviews_then_the_manager_approves_and_only_in_that_order(routing):
    store, case = await _resolved_important_case(routing)
    author = _author(routing, store, case["department"])
    draft = await routing.client.put(f"/v1/cases/{case['id']}/reports/important", headers=author,
                                     json={"sections": {"prevention": "每週核對價簽與收銀系統"}})
    assert draft.status_code == 200, draft.text
    assert (await routing.act(case["id"], {"type": "report_submitted", "report": "important"}, author)).status_code == 200

    manager_first = await routing.act(case["id"], {"type": "report_reviewed", "report": "important",
                                                   "verdict": "approved"}, routing.person(store, "MGR"))
    staff_review = await routing.act(case["id"], {"type": "report_reviewed", "report": "important",
                                                  "verdict": "reviewed"}, author)
    reviewed = await routing.act(case["id"], {"type": "report_reviewed", "report": "important", "verdict": "reviewed"},
                                 routing.person(store, "SUP"))
    supervisor_approves = await routing.act(case["id"], {"type": "report_reviewed", "report": "important",
                                                         "verdict": "approved"}, routing.person(store, "SUP"))
    approved = await routing.act(case["id"], {"type": "report_reviewed", "report": "important", "verdict": "approved"},
                                 routing.person(store, "MGR"))

    assert manager_first.status_code == 409 and staff_review.status_code == 403
    assert reviewed.status_code == 200 and supervisor_approves.status_code == 403
    assert approved.status_code == 200 and approved.json()["reports"] == [{"kind": "important", "status": "approved"}]
    report = (await routing.client.get(f"/v1/cases/{case['id']}/reports/important", headers=routing.headers())).json()
    assert [r["verdict"] for r in report["reviews"]] == ["reviewed", "approved"]
    assert {s["key"]: s["text"] for s in report["sections"]}["prevention"] == "每週核對價簽與收銀系統"


async def test_a_returned_report_carries_the_comment_reopens_handling_and_is_resubmitted(routing):
    store, case = await _resolved_important_case(routing)
    author = _author(routing, store, case["department"])
    await routing.act(case["id"], {"type": "report_submitted", "report": "important",
                                   "sections": {"prevention": "提醒店員"}}, author)
    await routing.act(case["id"], {"type": "report_reviewed", "report": "important", "verdict": "reviewed"},
                      routing.person(store, "SUP"))

    no_comment = await routing.act(case["id"], {"type": "report_reviewed", "report": "important",
                                                "verdict": "returned"}, routing.person(store, "MGR"))
    returned = await routing.act(case["id"], {"type": "report_reviewed", "report": "important", "verdict": "returned",
                                              "comment": "預防措施太空泛，請列出核對頻率", "reopen": True},
                                 routing.person(store, "MGR"))

    assert no_comment.status_code == 422
    assert returned.status_code == 200 and returned.json()["status"] == "reopened"
    report = (await routing.client.get(f"/v1/cases/{case['id']}/reports/important", headers=routing.headers())).json()
    assert report["status"] == "returned" and report["reviews"][-1]["comment"] == "預防措施太空泛，請列出核對頻率"
    assert report["reviews"][-1]["reopened_handling"] is True

    await routing.act(case["id"], {"type": "resolve", "resolution": "全店價簽重新核對"})
    resubmitted = await routing.act(case["id"], {"type": "report_submitted", "report": "important",
                                                 "sections": {"prevention": "每週一核對全店價簽與收銀系統"}}, author)
    assert resubmitted.status_code == 200
    assert resubmitted.json()["reports"] == [{"kind": "important", "status": "submitted"}]
    steps = await routing.sql("SELECT step FROM routing.case_steps WHERE case_id = :id ORDER BY id", id=case["id"])
    assert [r.step for r in steps][-1] == "report_revision"
    changes = await routing.sql("SELECT envelope->'data'->>'step' AS step FROM routing.outbox WHERE key = :key AND "
                                "event_type = 'closeloop.case.report_changed.v1' ORDER BY id", key=case["id"])
    assert [r.step for r in changes] == ["report_submitted", "report_reviewed", "report_returned", "report_submitted"]


async def test_a_case_whose_report_is_not_approved_does_not_close(routing):
    store, case = await _resolved_important_case(routing)
    satisfied = await routing.act(case["id"], {"type": "callback", "satisfied": True})

    closing = await routing.act(case["id"], {"type": "close", "reason": "done"}, routing.person(store, "SUP"))

    assert satisfied.json()["status"] == "resolved" and satisfied.json()["loop_confirmed"] is True
    assert closing.status_code == 409 and closing.json()["report"] == "important"

    author = _author(routing, store, case["department"])
    await routing.act(case["id"], {"type": "report_submitted", "report": "important",
                                   "sections": {"prevention": "每週核對"}}, author)
    await routing.act(case["id"], {"type": "report_reviewed", "report": "important", "verdict": "reviewed"},
                      routing.person(store, "SUP"))
    approved = await routing.act(case["id"], {"type": "report_reviewed", "report": "important", "verdict": "approved"},
                                 routing.person(store, "MGR"))
    assert approved.json()["status"] == "closed"


async def test_the_report_renders_as_html_with_its_sections_escaped(routing):
    store, case = await _resolved_important_case(routing)
    author = _author(routing, store, case["department"])
    await routing.client.put(f"/v1/cases/{case['id']}/reports/important", headers=author,
                             json={"sections": {"prevention": "<script>alert(1)</script> 每週核對"}})

    response = await routing.client.get(f"/v1/cases/{case['id']}/reports/important", params={"format": "html"},
                                        headers=routing.headers())

    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "重要反饋處理報告" in response.text and "預防措施" in response.text
    assert "<script>" not in response.text and "&lt;script&gt;" in response.text


async def test_a_report_the_procedure_does_not_require_is_refused(routing):
    store = await routing.new_store()
    case = await routing.case_opened_for(routing.feedback(store, "收银员态度很差,找零还扔在台面上",
                                                          customer=f"c-{uuid.uuid4()}"))
    await routing.act(case["id"], {"type": "resolve", "resolution": "致歉", "first_contact": True})

    response = await routing.act(case["id"], {"type": "report_submitted", "report": "important"})

    assert response.status_code == 409 and "requires no report" in response.json()["detail"]
