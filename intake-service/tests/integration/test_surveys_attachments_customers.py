"""Survey verdicts, evidence uploads, customer lookup and erasure (PIPL right to deletion)."""

from __future__ import annotations

import struct
import uuid
import zlib

from closeloop.auth import ALL_SCOPES


def _store() -> str:
    return "S" + uuid.uuid4().hex[:8].upper()


def _phone() -> str:
    return "139" + str(uuid.uuid4().int)[:8]


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")


async def _submit(intake, **extra):  # type: ignore[no-untyped-def]
    body = {"channel": "app", "store_id": _store(), "content": "蔬菜不新鲜，叶子都黄了"} | extra
    response = await intake.client.post("/v1/feedback", json=body, headers=intake.headers())
    assert response.status_code == 201, response.text
    return response.json()


async def test_survey_response_is_recorded_once_per_token(intake):
    feedback = await _submit(intake)
    answer = {"token": feedback["survey_token"], "satisfied": True, "csat": 5, "nps": 9, "resolved": True}

    first = await intake.client.post("/v1/surveys", json=answer, headers=intake.headers())
    same = await intake.client.post("/v1/surveys", json=answer, headers=intake.headers())
    changed = await intake.client.post("/v1/surveys", json=answer | {"csat": 1}, headers=intake.headers())

    assert first.status_code == 201 and first.json()["feedback_id"] == feedback["id"]
    assert same.status_code == 200 and same.headers["idempotent-replayed"] == "true"
    assert changed.status_code == 409
    rows = await intake.sql("SELECT count(*) FROM intake.survey_responses WHERE feedback_id = :f", f=feedback["id"])
    assert rows[0][0] == 1


async def test_forged_survey_token_is_rejected(intake):
    feedback = await _submit(intake)
    forged = feedback["survey_token"][:-4] + "0000"

    response = await intake.client.post("/v1/surveys", json={"token": forged, "csat": 1}, headers=intake.headers())

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "token"


async def test_new_survey_round_allows_a_second_verdict(intake):
    feedback = await _submit(intake)
    await intake.client.post("/v1/surveys", json={"token": feedback["survey_token"], "satisfied": False},
                             headers=intake.headers())

    issued = await intake.client.post(f"/v1/feedback/{feedback['id']}/survey-tokens", headers=intake.headers())
    second = await intake.client.post("/v1/surveys", json={"token": issued.json()["token"], "satisfied": True},
                                      headers=intake.headers())

    assert issued.status_code == 201 and issued.json()["round"] == 2
    assert second.status_code == 201


async def test_survey_comment_is_stored_without_phone_numbers(intake):
    feedback = await _submit(intake)
    phone = _phone()

    await intake.client.post(
        "/v1/surveys", json={"token": feedback["survey_token"], "comment": f"有事打我电话 {phone}"},
        headers=intake.headers(),
    )

    rows = await intake.sql("SELECT comment FROM intake.survey_responses WHERE feedback_id = :f", f=feedback["id"])
    assert phone not in rows[0][0]


async def test_uploaded_photo_is_attached_and_readable(intake):
    png = _png()
    upload = await intake.client.post(
        "/v1/attachments", files={"file": ("evidence.jpg", png, "image/jpeg")}, headers=intake.headers()
    )
    assert upload.status_code == 201, upload.text
    attachment = upload.json()

    feedback = await _submit(intake, attachments=[attachment["id"]])
    content = await intake.client.get(attachment["url"], headers=intake.headers())

    assert attachment["content_type"] == "image/png"  # the bytes decide, not the client's label
    assert feedback["attachments"][0]["id"] == attachment["id"]
    assert content.status_code == 200 and content.content == png


async def test_upload_of_an_unaccepted_type_is_a_415(intake):
    response = await intake.client.post(
        "/v1/attachments", files={"file": ("x.jpg", b"#!/bin/sh\nrm -rf /\n", "image/jpeg")}, headers=intake.headers()
    )

    assert response.status_code == 415
    assert response.headers["content-type"] == "application/problem+json"


async def test_upload_over_the_size_limit_is_a_413(intake_settings, run_intake):
    async with run_intake(intake_settings(attachment_max_bytes=1000)) as intake:
        response = await intake.client.post(
            "/v1/attachments", files={"file": ("big.png", _png() + b"\0" * 5000, "image/png")},
            headers=intake.headers(),
        )

    assert response.status_code == 413


async def test_someone_elses_upload_cannot_be_attached(intake):
    upload = await intake.client.post(
        "/v1/attachments", files={"file": ("a.png", _png(), "image/png")}, headers=intake.headers(client_id="app")
    )

    response = await intake.client.post(
        "/v1/feedback",
        json={"channel": "web", "store_id": _store(), "content": "照片见附件", "attachments": [upload.json()["id"]]},
        headers=intake.headers(client_id="web"),
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "attachments.0"


async def test_customer_lookup_by_phone_finds_them(intake):
    phone = _phone()
    feedback = await _submit(intake, customer={"name": "王五", "phone": phone})

    found = await intake.client.post("/v1/customers:lookup", json={"phone": phone}, headers=intake.headers())

    assert [c["customer_id"] for c in found.json()["items"]] == [feedback["customer"]["customer_id"]]


async def test_erasure_leaves_no_personal_data_and_keeps_the_feedback(intake):
    phone, email = _phone(), f"u{uuid.uuid4().hex[:8]}@example.com"
    feedback = await _submit(
        intake, customer={"name": "赵六", "phone": phone, "email": email, "member_id": "M-ERASE"},
        content=f"请打 {phone} 或发邮件 {email} 联系我",
    )
    customer_id = feedback["customer"]["customer_id"]
    await intake.client.post("/v1/surveys", json={"token": feedback["survey_token"], "comment": f"电话{phone}"},
                             headers=intake.headers())

    erased = await intake.client.delete(f"/v1/customers/{customer_id}", headers=intake.headers())

    assert erased.status_code == 200 and erased.json()["feedback_anonymised"] == 1
    dump = "\n".join(
        row[0]
        for row in await intake.sql(
            "SELECT row_to_json(t)::text FROM intake.customers t UNION ALL "
            "SELECT row_to_json(t)::text FROM intake.feedback t UNION ALL "
            "SELECT row_to_json(t)::text FROM intake.survey_responses t UNION ALL "
            "SELECT envelope::text FROM intake.outbox"
        )
    )
    for trace in (phone, phone[-4:] + '"', f"{phone[:3]}****{phone[-4:]}", email, email.split("@")[0], "赵六", "M-ERASE"):
        assert trace not in dump, trace
    kept = (await intake.client.get(f"/v1/feedback/{feedback['id']}", headers=intake.headers())).json()
    assert kept["content"].startswith("请打 ")
    assert kept["customer"]["erased"] is True and kept["customer"]["phone"] is None
    events = await intake.sql(
        "SELECT count(*) FROM intake.outbox WHERE event_type = 'closeloop.feedback.pii_erased.v1' AND key = :f",
        f=feedback["id"],
    )
    assert events[0][0] == 1


async def test_erasure_needs_a_chain_wide_token(intake):
    feedback = await _submit(intake, customer={"phone": _phone()})

    response = await intake.client.delete(
        f"/v1/customers/{feedback['customer']['customer_id']}", headers=intake.headers(stores=["S1"])
    )

    assert response.status_code == 403


async def test_erasure_needs_the_pii_erase_scope(intake):
    feedback = await _submit(intake, customer={"phone": _phone()})
    without = tuple(s for s in ALL_SCOPES if s != "pii:erase")

    response = await intake.client.delete(
        f"/v1/customers/{feedback['customer']['customer_id']}", headers=intake.headers(scopes=without)
    )

    assert response.status_code == 403
    assert "pii:erase" in response.json()["detail"]
