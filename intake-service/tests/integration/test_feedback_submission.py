"""Submitting one feedback: stored once, numbered, personal data sealed, errors that name the field."""

from __future__ import annotations

import re
import uuid


def unique_phone() -> str:
    return "139" + str(uuid.uuid4().int)[:8]


def unique_store() -> str:
    return "S" + uuid.uuid4().hex[:8].upper()


def _feedback(**overrides):  # type: ignore[no-untyped-def]
    return {"channel": "app", "store_id": unique_store(), "content": "冷柜里的酸奶已经过期三天了"} | overrides


async def test_submission_is_numbered_and_returned(intake):
    response = await intake.client.post("/v1/feedback", json=_feedback(kind="complaint", rating=2), headers=intake.headers())

    assert response.status_code == 201, response.text
    body = response.json()
    assert re.fullmatch(r"FB-\d{8}-\d{6}", body["number"])
    assert body["status"] == "received"
    assert body["duplicate_of"] is None
    assert body["received_at"].endswith(("Z", "+00:00")) and "." not in body["received_at"]
    assert response.headers["location"] == f"/v1/feedback/{body['id']}"


async def test_phone_is_encrypted_at_rest(intake):
    phone = unique_phone()
    payload = _feedback(customer={"name": "张三丰", "phone": phone, "email": "zhang.sanfeng@example.com"},
                        content=f"请回电 {phone[:3]}-{phone[3:7]}-{phone[7:]}，收银员多收了钱")

    created = (await intake.client.post("/v1/feedback", json=payload, headers=intake.headers())).json()

    dump = await intake.sql(
        "SELECT row_to_json(c)::text FROM intake.customers c UNION ALL SELECT row_to_json(f)::text FROM intake.feedback f"
        " UNION ALL SELECT envelope::text FROM intake.outbox"
    )
    everything = "\n".join(row[0] for row in dump)
    assert created["customer"]["customer_id"]
    assert phone not in everything
    assert phone[3:7] + "-" + phone[7:] not in everything
    assert "张三丰" not in everything
    assert "zhang.sanfeng" not in everything


async def test_personal_data_is_masked_without_pii_read(intake):
    phone = unique_phone()
    payload = _feedback(customer={"name": "李四", "phone": phone}, content=f"我的电话{phone}，请联系我")
    scopes = ("feedback:write", "feedback:read")

    created = (await intake.client.post("/v1/feedback", json=payload, headers=intake.headers(scopes=scopes))).json()
    read = (await intake.client.get(f"/v1/feedback/{created['id']}", headers=intake.headers(scopes=scopes))).json()

    for body in (created, read):
        assert body["customer"]["phone"] == f"{phone[:3]}****{phone[-4:]}"
        assert body["customer"]["name"] == "李*"
        assert phone not in body["content"] and f"{phone[:3]}****{phone[-4:]}" in body["content"]


async def test_pii_read_reveals_the_exact_words_and_the_phone(intake):
    phone = unique_phone()
    content = f"我的电话{phone}，请联系我"
    created = (
        await intake.client.post("/v1/feedback", json=_feedback(customer={"phone": phone}, content=content),
                                 headers=intake.headers())
    ).json()

    read = (await intake.client.get(f"/v1/feedback/{created['number']}", headers=intake.headers())).json()

    assert read["content"] == content
    assert read["customer"]["phone"] == f"+86{phone}"


async def test_unknown_channel_is_rejected_naming_the_field(intake):
    response = await intake.client.post("/v1/feedback", json=_feedback(channel="fax"), headers=intake.headers())

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == ["channel"]


async def test_bad_phone_is_rejected_naming_the_field_without_echoing_it(intake):
    response = await intake.client.post(
        "/v1/feedback", json=_feedback(customer={"phone": "1234567"}), headers=intake.headers()
    )

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["customer.phone"]
    assert "1234567" not in response.text


async def test_empty_and_oversized_content_are_rejected(intake):
    for content in ("", "   ", "好" * 5001):
        response = await intake.client.post("/v1/feedback", json=_feedback(content=content), headers=intake.headers())
        assert response.status_code == 422, content[:10]
        assert [e["field"] for e in response.json()["errors"]] == ["content"]


async def test_future_occurred_at_is_rejected(intake):
    response = await intake.client.post(
        "/v1/feedback", json=_feedback(occurred_at="2099-01-01T10:00:00+08:00"), headers=intake.headers()
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "occurred_at"


async def test_malformed_json_is_a_400_problem(intake):
    response = await intake.client.post(
        "/v1/feedback", content=b'{"channel": "app", ', headers=intake.headers() | {"content-type": "application/json"}
    )

    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["title"] == "Malformed JSON"


async def test_wrong_content_type_is_a_415_problem(intake):
    response = await intake.client.post(
        "/v1/feedback", content=b"channel=app", headers=intake.headers() | {"content-type": "text/plain"}
    )

    assert response.status_code == 415
    assert response.headers["content-type"] == "application/problem+json"


async def test_oversized_body_is_a_413_problem_and_stores_nothing(intake):
    before = (await intake.sql("SELECT count(*) FROM intake.feedback"))[0][0]
    payload = _feedback(content="好", items=[{"name": "x" * 200}] * 50, order_ref="o" * 64) | {"pad": "x" * 300_000}

    response = await intake.client.post("/v1/feedback", json=payload, headers=intake.headers())

    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert (await intake.sql("SELECT count(*) FROM intake.feedback"))[0][0] == before


async def test_store_bound_token_cannot_write_or_read_another_store(intake):
    mine, theirs = unique_store(), unique_store()
    other = (
        await intake.client.post("/v1/feedback", json=_feedback(store_id=theirs), headers=intake.headers())
    ).json()
    bound = intake.headers(stores=[mine])

    write = await intake.client.post("/v1/feedback", json=_feedback(store_id=theirs), headers=bound)
    read = await intake.client.get(f"/v1/feedback/{other['id']}", headers=bound)
    listing = await intake.client.get("/v1/feedback", params={"store_id": theirs}, headers=bound)

    assert write.status_code == 403
    assert read.status_code == 404
    assert listing.status_code == 403


async def test_all_fields_round_trip(intake):
    payload = _feedback(
        channel="counter", kind="complaint", occurred_at="2026-11-20T19:30:00", rating=1,
        location={"floor": "B1", "area": "生鲜区"},
        items=[{"sku": "6901234567890", "name": "原味豆浆 1L", "batch": "L20261101", "quantity": 2}],
        customer={"member_id": "M001", "tier": "vip", "gender": "female", "age_range": "35_44", "special_needs": True},
        order_ref="O-1", receipt_no="R-1", external_ref="ext-" + unique_store(), language="zh-CN",
    )

    created = (await intake.client.post("/v1/feedback", json=payload, headers=intake.headers())).json()
    read = (await intake.client.get(f"/v1/feedback/{created['id']}", headers=intake.headers())).json()

    assert read["occurred_at"] == "2026-11-20T11:30:00Z"
    assert read["location"] == {"floor": "B1", "area": "生鲜区"}
    assert read["items"][0]["batch"] == "L20261101"
    assert read["customer"]["tier"] == "vip" and read["customer"]["special_needs"] is True
    assert (read["order_ref"], read["receipt_no"], read["language"]) == ("O-1", "R-1", "zh-CN")


async def test_same_external_ref_twice_is_a_conflict_naming_the_first(intake):
    payload = _feedback(channel="review_platform", external_ref="dianping-" + unique_store())
    first = (await intake.client.post("/v1/feedback", json=payload, headers=intake.headers())).json()

    again = await intake.client.post("/v1/feedback", json=payload, headers=intake.headers())

    assert again.status_code == 409
    assert again.json()["existing_id"] == first["id"]


async def test_a_client_over_its_rate_limit_gets_429_with_retry_after(intake_settings, run_intake):
    async with run_intake(intake_settings(rate_limits="3/minute", rate_limit_exempt_clients=["dev-admin"])) as intake:
        statuses = [
            (await intake.client.post("/v1/feedback", json=_feedback(), headers=intake.headers(client_id="kiosk"))).status_code
            for _ in range(4)
        ]
        limited = await intake.client.post("/v1/feedback", json=_feedback(), headers=intake.headers(client_id="kiosk"))
        other = await intake.client.post("/v1/feedback", json=_feedback(), headers=intake.headers(client_id="app"))
        exempt = [
            (await intake.client.post("/v1/feedback", json=_feedback(), headers=intake.headers(client_id="dev-admin"))).status_code
            for _ in range(5)
        ]

    assert statuses == [201, 201, 201, 429]
    assert limited.headers["content-type"] == "application/problem+json"
    assert int(limited.headers["retry-after"]) >= 1
    assert other.status_code == 201
    assert exempt == [201] * 5


async def test_openapi_documents_the_submission_with_an_example(intake):
    spec = (await intake.client.get("/openapi.json")).json()

    assert spec["components"]["schemas"]["FeedbackIn"]["examples"][0]["channel"] == "app"
    assert "Idempotency-Key" in {p["name"] for p in spec["paths"]["/v1/feedback"]["post"]["parameters"]}
