"""Idempotency-Key: replay without a second record, 422 for another body, 409 while in flight, per client."""

from __future__ import annotations

import asyncio
import uuid

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine


def _feedback(store: str, content: str = "退货排队一个小时没人处理") -> dict:
    return {"channel": "pos", "store_id": store, "content": content}


def _store() -> str:
    return "S" + uuid.uuid4().hex[:8].upper()


async def _count(intake, store: str) -> int:  # type: ignore[no-untyped-def]
    return (await intake.sql("SELECT count(*) FROM intake.feedback WHERE store_id = :s", s=store))[0][0]


async def test_same_key_and_body_replays_the_first_answer_without_a_second_record(intake):
    store, key = _store(), str(uuid.uuid4())
    headers = intake.headers() | {"Idempotency-Key": key}

    first = await intake.client.post("/v1/feedback", json=_feedback(store), headers=headers)
    again = await intake.client.post("/v1/feedback", json=_feedback(store), headers=headers)

    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert {k: again.json()[k] for k in ("id", "number", "received_at", "status")} == {
        k: first.json()[k] for k in ("id", "number", "received_at", "status")
    }
    assert await _count(intake, store) == 1


async def test_same_key_with_another_body_is_rejected(intake):
    store, key = _store(), str(uuid.uuid4())
    headers = intake.headers() | {"Idempotency-Key": key}
    await intake.client.post("/v1/feedback", json=_feedback(store), headers=headers)

    other = await intake.client.post("/v1/feedback", json=_feedback(store, "另一件事"), headers=headers)

    assert other.status_code == 422
    assert other.json()["type"].endswith("idempotency-key-reused")
    assert await _count(intake, store) == 1


async def test_key_in_flight_is_a_409_with_retry_after(intake):
    store, key = _store(), str(uuid.uuid4())
    engine = create_async_engine(intake.settings.database_url)
    try:
        async with engine.connect() as holder:  # what the first request holds until it commits
            await holder.execute(
                text("SELECT pg_advisory_lock(hashtextextended(:n, 0))"), {"n": f"idempotency:pos-fleet:{key}"}
            )
            response = await intake.client.post(
                "/v1/feedback", json=_feedback(store), headers=intake.headers() | {"Idempotency-Key": key}
            )
    finally:
        await engine.dispose()

    assert response.status_code == 409
    assert response.headers["retry-after"] == "1"
    assert await _count(intake, store) == 0


async def test_twenty_parallel_identical_requests_make_one_record(intake):
    store, key = _store(), str(uuid.uuid4())
    headers = intake.headers() | {"Idempotency-Key": key}

    responses = await asyncio.gather(
        *[intake.client.post("/v1/feedback", json=_feedback(store), headers=headers) for _ in range(20)]
    )

    statuses = sorted(r.status_code for r in responses)
    assert set(statuses) <= {201, 409}
    created = {r.json()["id"] for r in responses if r.status_code == 201}
    assert len(created) == 1
    assert await _count(intake, store) == 1
    retry = await intake.client.post("/v1/feedback", json=_feedback(store), headers=headers)
    assert retry.json()["id"] in created


async def test_keys_are_scoped_per_client(intake):
    store, key = _store(), str(uuid.uuid4())

    a = await intake.client.post(
        "/v1/feedback", json=_feedback(store), headers=intake.headers(client_id="app") | {"Idempotency-Key": key}
    )
    b = await intake.client.post(
        "/v1/feedback", json=_feedback(store), headers=intake.headers(client_id="web") | {"Idempotency-Key": key}
    )

    assert a.status_code == b.status_code == 201
    assert a.json()["id"] != b.json()["id"]


async def test_failed_request_does_not_burn_the_key(intake):
    store, key = _store(), str(uuid.uuid4())
    headers = intake.headers() | {"Idempotency-Key": key}
    bad = await intake.client.post(
        "/v1/feedback", json=_feedback(store) | {"occurred_at": "2099-01-01T00:00:00Z"}, headers=headers
    )

    good = await intake.client.post("/v1/feedback", json=_feedback(store), headers=headers)

    assert bad.status_code == 422
    assert good.status_code == 201 and "idempotent-replayed" not in good.headers


async def test_keys_are_kept_at_least_a_day(intake):
    key = str(uuid.uuid4())
    await intake.client.post(
        "/v1/feedback", json=_feedback(_store()), headers=intake.headers() | {"Idempotency-Key": key}
    )

    (kept,) = await intake.sql(
        "SELECT expires_at - created_at >= interval '24 hours' FROM intake.idempotency_keys WHERE key = :k", k=key
    )

    assert kept[0] is True


async def test_malformed_key_is_rejected_naming_the_header(intake):
    response = await intake.client.post(
        "/v1/feedback", json=_feedback(_store()), headers=intake.headers() | {"Idempotency-Key": "x" * 300}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "header.Idempotency-Key"
