"""Batches of up to 500 with per-item results, and feedback numbers unique under concurrency."""

from __future__ import annotations

import asyncio
import re
import uuid


def _store() -> str:
    return "S" + uuid.uuid4().hex[:8].upper()


def _item(store: str, n: int) -> dict:
    return {"channel": "suggestion_box", "store_id": store, "content": f"意见箱第{n}张：希望增加购物车数量"}


async def test_batch_with_bad_items_stores_the_good_ones(intake):
    store = _store()
    items = [
        _item(store, 0),
        {"channel": "fax", "store_id": store, "content": "x"},
        _item(store, 2),
        _item(store, 3) | {"customer": {"phone": "12"}},
        _item(store, 4) | {"occurred_at": "2099-01-01T00:00:00Z"},
    ]

    response = await intake.client.post("/v1/feedback:batch", json={"items": items}, headers=intake.headers())

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["accepted"], body["rejected"]) == (2, 3)
    assert [r["status"] for r in body["results"]] == [201, 422, 201, 422, 422]
    assert body["results"][1]["problem"]["errors"][0]["field"] == "items.1.channel"
    assert body["results"][3]["problem"]["errors"][0]["field"] == "items.3.customer.phone"
    assert body["results"][4]["problem"]["errors"][0]["field"] == "items.4.occurred_at"
    stored = await intake.sql("SELECT count(*) FROM intake.feedback WHERE store_id = :s", s=store)
    assert stored[0][0] == 2


async def test_batch_item_for_a_forbidden_store_fails_alone(intake):
    mine, theirs = _store(), _store()

    response = await intake.client.post(
        "/v1/feedback/batch", json={"items": [_item(mine, 0), _item(theirs, 1)]}, headers=intake.headers(stores=[mine])
    )

    assert [r["status"] for r in response.json()["results"]] == [201, 403]


async def test_batch_over_the_limit_is_rejected_whole(intake):
    store = _store()

    response = await intake.client.post(
        "/v1/feedback:batch", json={"items": [_item(store, i) for i in range(501)]}, headers=intake.headers()
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "items"
    assert (await intake.sql("SELECT count(*) FROM intake.feedback WHERE store_id = :s", s=store))[0][0] == 0


async def test_retried_batch_replays_stored_items_and_adds_nothing(intake):
    store, key = _store(), str(uuid.uuid4())
    items = [_item(store, i) for i in range(5)] + [{"channel": "fax", "store_id": store, "content": "x"}]
    headers = intake.headers() | {"Idempotency-Key": key}

    first = (await intake.client.post("/v1/feedback:batch", json={"items": items}, headers=headers)).json()
    again = (await intake.client.post("/v1/feedback:batch", json={"items": items}, headers=headers)).json()

    assert [r["status"] for r in again["results"]] == [200] * 5 + [422]
    assert [r["feedback"]["id"] for r in again["results"][:5]] == [r["feedback"]["id"] for r in first["results"][:5]]
    assert (await intake.sql("SELECT count(*) FROM intake.feedback WHERE store_id = :s", s=store))[0][0] == 5


async def test_batch_key_reused_with_other_items_is_rejected(intake):
    store, key = _store(), str(uuid.uuid4())
    headers = intake.headers() | {"Idempotency-Key": key}
    await intake.client.post("/v1/feedback:batch", json={"items": [_item(store, 0)]}, headers=headers)

    other = await intake.client.post("/v1/feedback:batch", json={"items": [_item(store, 1)]}, headers=headers)

    assert other.status_code == 422


async def test_numbers_stay_unique_under_concurrent_submissions_to_two_replicas(intake_replicas):
    store = _store()
    intake = intake_replicas[0]

    responses = await asyncio.gather(
        *[
            intake_replicas[i % 2].client.post("/v1/feedback", json=_item(store, i), headers=intake.headers())
            for i in range(60)
        ]
    )

    numbers = [r.json()["number"] for r in responses]
    assert all(r.status_code == 201 for r in responses)
    assert len(set(numbers)) == 60
    assert all(re.fullmatch(r"FB-\d{8}-\d{6}", n) for n in numbers)
    (duplicates,) = await intake.sql("SELECT count(*) - count(DISTINCT number) FROM intake.feedback")
    assert duplicates[0] == 0


async def test_numbers_follow_the_order_of_receipt(intake):
    store = _store()
    first = (await intake.client.post("/v1/feedback", json=_item(store, 0), headers=intake.headers())).json()
    second = (await intake.client.post("/v1/feedback", json=_item(store, 1), headers=intake.headers())).json()

    assert first["number"] < second["number"]


async def test_first_numbers_of_a_new_day_are_unique_when_taken_concurrently(intake):
    from datetime import UTC, datetime, timedelta  # noqa: PLC0415
    from zoneinfo import ZoneInfo  # noqa: PLC0415

    from closeloop.db import Database  # noqa: PLC0415
    from intake.feedback.numbering import next_number  # noqa: PLC0415

    day = datetime(2031, 1, 1, 12, tzinfo=UTC) + timedelta(days=int(uuid.uuid4().int % 1000))
    database = Database(intake.settings.database_url, pool_size=20)

    async def take() -> str:
        async with database.unit_of_work() as session:
            return await next_number(session=session, at=day, zone=ZoneInfo("Asia/Shanghai"))

    try:
        numbers = await asyncio.gather(*[take() for _ in range(30)])
    finally:
        await database.dispose()

    assert len(set(numbers)) == 30
    assert sorted(int(n[-6:]) for n in numbers) == list(range(1, 31))
