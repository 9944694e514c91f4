"""Contacts recorded on the case, replies from templates, messages through the development adapter, the
automatic urgent reply, the supervisor alert and the work group's announcements and digest."""

from __future__ import annotations

import uuid

from fleet.testing import eventually

RUDE = "收银员态度很差,找零还扔在台面上"
SPOILED_MILK = "買的鮮奶打開已經發臭,孩子喝了一口就吐了"


async def _messages(routing, case_id: str, purpose: str, *, sent: bool = True) -> list[dict]:  # type: ignore[no-untyped-def]
    async def found() -> list[dict] | None:  # type: ignore[type-arg]
        response = await routing.client.get("/v1/messages", params={"case_id": case_id, "purpose": purpose},
                                            headers=routing.headers())
        rows = [m for m in response.json() if m["status"] == "sent" or not sent]
        return rows or None
    return await eventually(found, timeout=20, what=f"{purpose} message of case {case_id}")  # type: ignore[return-value]


async def test_the_first_contact_that_reaches_the_customer_acknowledges_the_case(routing):
    store = await routing.new_store()
    case = await routing.case_opened_for(routing.feedback(store, RUDE, customer=f"c-{uuid.uuid4()}"))
    staff = routing.person(store, "CS1")

    missed = await routing.act(case["id"], {"type": "contact_customer", "channel": "phone", "outcome": "no_answer",
                                            "summary": "no answer"}, staff)
    reached = await routing.act(case["id"], {"type": "contact_customer", "channel": "phone",
                                             "summary": "確認細節，說明流程，預計兩天內答覆"}, staff)

    assert missed.json()["status"] == "assigned"
    body = reached.json()
    assert body["status"] == "acknowledged"
    first = next(s for s in body["procedure"]["steps"] if s["step"] == "first_contact")
    assert (first["status"], first["done_by"]) == ("done", f"{store}-CS1")
    contacts = (await routing.client.get(f"/v1/cases/{case['id']}/contacts", headers=routing.headers())).json()
    assert [(c["outcome"], c["purpose"], c["staff_id"]) for c in contacts] == [
        ("no_answer", "first_contact", f"{store}-CS1"), ("reached", "first_contact", f"{store}-CS1")]
    types = await routing.outbox_types(case["id"])
    assert types.count("closeloop.case.customer_contacted.v1") == 2 and types.count("closeloop.case.acknowledged.v1") == 1


async def test_a_contact_sent_from_a_template_goes_out_through_the_adapter_with_the_case_s_details(routing):
    store = await routing.new_store()
    customer = f"c-{uuid.uuid4()}"
    case = await routing.case_opened_for(routing.feedback(store, RUDE, customer=customer))

    response = await routing.act(case["id"], {"type": "contact_customer", "channel": "sms", "template": "acknowledgement",
                                              "language": "en", "send": True}, routing.person(store, "CS1"))

    assert response.status_code == 200, response.text
    [message] = await _messages(routing, case["id"], "acknowledgement")
    assert (message["channel"], message["recipient"], message["adapter"]) == ("sms", f"customer:{customer}", "development")
    sent = routing.development_adapter.to(f"customer:{customer}")
    assert len(sent) == 1 and case["feedback_number"] in sent[0].body and f"{store} CS1" in sent[0].body
    assert "expect our answer by 20" in sent[0].body
    contacts = (await routing.client.get(f"/v1/cases/{case['id']}/contacts", headers=routing.headers())).json()
    assert (contacts[0]["template_id"], contacts[0]["message_id"]) == ("acknowledgement.en", message["id"])


async def test_replies_come_in_the_three_languages_and_a_revised_template_is_used_next(routing):
    store = await routing.new_store()
    case = await routing.case_opened_for(routing.feedback(store, RUDE, customer=f"c-{uuid.uuid4()}"))
    url = f"/v1/cases/{case['id']}/replies"

    texts = {lang: (await routing.client.post(url, json={"purpose": "progress", "language": lang},
                                              headers=routing.headers(subject=f"{store}-CS2"))).json()["text"]
             for lang in ("zh-Hant", "zh-Hans", "en")}
    bad = await routing.client.put("/v1/message-templates/progress/en", headers=routing.headers(),
                                   json={"body": "Dear {customer_name}, still on it"})
    good = await routing.client.put("/v1/message-templates/progress/en", headers=routing.headers(),
                                    json={"body": "Case {case_number} is moving; done by {expected_completion}."})
    revised = (await routing.client.post(url, json={"purpose": "progress", "language": "en"},
                                         headers=routing.headers())).json()

    assert "正在處理中" in texts["zh-Hant"] and "正在处理中" in texts["zh-Hans"] and "being handled" in texts["en"]
    assert all(case["feedback_number"] in t and f"{store} CS2" in t for t in texts.values())
    assert bad.status_code == 422 and "customer_name" in bad.json()["detail"]
    assert good.json()["version"] == 2
    assert f"Case {case['number']} is moving" in revised["text"] and "progress.en@2" in revised["template_ids"]
    await routing.client.put("/v1/message-templates/progress/en", headers=routing.headers(), json={"body": (
        "Your feedback (number {feedback_number}) is being handled; we expect to finish by {expected_completion} "
        "and will keep you informed.")})


async def test_urgent_online_feedback_gets_an_automatic_reply_through_its_own_channel(routing):
    store = await routing.new_store()
    customer = f"c-{uuid.uuid4()}"
    case = await routing.case_opened_for(routing.feedback(store, SPOILED_MILK, customer=customer, channel="app"))
    assert case["urgency"] == "urgent", case

    [message] = await _messages(routing, case["id"], "auto_reply")

    assert (message["channel"], message["recipient"]) == ("app_push", f"customer:{customer}")
    assert case["feedback_number"] in message["body"] and "立即處理" in message["body"]
    assert not [c for c in (await routing.client.get(f"/v1/cases/{case['id']}/contacts",
                                                     headers=routing.headers())).json()]


async def test_feedback_at_the_counter_gets_no_automatic_reply(routing):
    store = await routing.new_store()
    case = await routing.case_opened_for(routing.feedback(store, SPOILED_MILK, customer=f"c-{uuid.uuid4()}"))

    await _messages(routing, case["id"], "announcement")
    response = await routing.client.get("/v1/messages", params={"case_id": case["id"], "purpose": "auto_reply"},
                                        headers=routing.headers())

    assert response.json() == []


async def test_an_urgent_case_alerts_the_supervisor_when_it_opens(routing):
    store = await routing.new_store()
    case = await routing.case_opened_for(routing.feedback(store, SPOILED_MILK, customer=f"c-{uuid.uuid4()}"))

    [alert] = await _messages(routing, case["id"], "supervisor_alert")

    assert (alert["audience"], alert["recipient"], alert["channel"]) == ("staff", f"staff:{store}-SUP", "app_push")
    assert case["number"] in alert["body"] and "緊急處理預案" in alert["body"]
    timeline = (await routing.client.get(f"/v1/cases/{case['id']}/timeline", headers=routing.headers())).json()
    assert any(e["entry"] == "supervisor_alerted" for e in timeline)


async def test_the_work_group_hears_of_every_new_case_without_personal_data(routing):
    store = await routing.new_store()
    text = "我叫陳大文，電話 13812345678，email chan.taiman@example.com，收銀員態度很差，找零還扔在台面上"
    case = await routing.case_opened_for(routing.feedback(store, text, customer=f"c-{uuid.uuid4()}"))

    [announcement] = await _messages(routing, case["id"], "announcement")

    body = announcement["body"]
    assert announcement["recipient"] == "group:feedback-work-group" and case["number"] in body
    assert "陳大文" not in body and "13812345678" not in body and "example.com" not in body and "138****" not in body
    assert "台面上" not in body  # the customer's own words stay out: labels and theme words (主題詞) only
    sent = [r.message for r in routing.development_adapter.sent if r.message.case_id == case["id"]
            and r.message.purpose == "announcement"]
    assert sent and all("13812345678" not in m.body and "陳大文" not in m.body for m in sent)


async def test_a_supervisor_posts_the_store_s_digest_to_the_work_group(routing):
    store = await routing.new_store()
    await routing.case_opened_for(routing.feedback(store, RUDE, customer=f"c-{uuid.uuid4()}"))

    refused = await routing.client.post("/v1/work-group/digests", json={"store_id": store},
                                        headers=routing.person(store, "CS1"))
    posted = await routing.client.post("/v1/work-group/digests", json={"store_id": store},
                                       headers=routing.person(store, "SUP"))

    assert refused.status_code == 403 and posted.status_code == 201, posted.text

    async def digest() -> dict | None:  # type: ignore[type-arg]
        rows = (await routing.client.get("/v1/messages", params={"purpose": "digest"}, headers=routing.headers())).json()
        return next((m for m in rows if m["id"] == posted.json()["message_id"] and m["status"] == "sent"), None)

    message = await eventually(digest, timeout=20, what="the digest sent")
    assert "新工單 1" in message["body"] and "處理中 1" in message["body"]  # type: ignore[index]


async def test_the_daily_digest_goes_out_once_per_store_after_its_time(routing):
    from datetime import UTC, datetime

    from closeloop.db import Database
    from routing.work_group.digest import DigestTimer

    store = await routing.new_store()
    await routing.case_opened_for(routing.feedback(store, RUDE, customer=f"c-{uuid.uuid4()}"))
    database = Database(routing.settings.database_url, pool_size=1)
    timer = DigestTimer(database=database, settings=routing.settings.model_copy(update={"digest_local_time": "18:00"}))
    try:
        before_time = await timer.post_due(datetime(2099, 1, 5, 9, 0, tzinfo=UTC))  # 17:00 in Shanghai
        first = await timer.post_due(datetime(2099, 1, 5, 10, 30, tzinfo=UTC))  # 18:30
        again = await timer.post_due(datetime(2099, 1, 5, 11, 0, tzinfo=UTC))
    finally:
        await database.dispose()

    stores = await routing.sql("SELECT count(*) AS n FROM routing.stores WHERE active")
    assert (before_time, first, again) == (0, stores[0].n, 0)
    rows = await routing.sql("SELECT dedupe_key FROM routing.outbound_messages WHERE dedupe_key = :key",
                             key=f"digest:{store}:2099-01-05")
    assert len(rows) == 1
