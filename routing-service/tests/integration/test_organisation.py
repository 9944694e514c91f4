"""The organisation API: every change announced on the org topic, bad references refused."""

from __future__ import annotations

import asyncio
import uuid

from routing.seed import seed


async def test_put_store_announces_it_and_an_unchanged_put_announces_nothing(routing):
    store_id = f"T{uuid.uuid4().hex[:8].upper()}"
    body = {"name": "測試店", "region_id": "south", "timezone": "Asia/Hong_Kong", "calendar": "HK"}

    created = await routing.client.put(f"/v1/stores/{store_id}", json=body, headers=routing.headers())
    again = await routing.client.put(f"/v1/stores/{store_id}", json=body, headers=routing.headers())
    renamed = await routing.client.put(f"/v1/stores/{store_id}", json=body | {"name": "新名字"}, headers=routing.headers())

    assert (created.status_code, again.status_code, renamed.status_code) == (201, 200, 200)
    rows = await routing.sql("SELECT envelope FROM routing.outbox WHERE key = :k ORDER BY id", k=store_id)
    assert [r.envelope["type"] for r in rows] == ["closeloop.org.store_upserted.v1"] * 2
    assert rows[-1].envelope["data"]["name"] == "新名字"
    assert rows[-1].envelope["data"]["calendar"] == "HK"


async def test_store_in_an_unknown_region_is_refused_naming_the_field(routing):
    response = await routing.client.put("/v1/stores/TNOWHERE", json={"name": "x", "region_id": "atlantis"},
                                        headers=routing.headers())

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "region_id"
    assert await routing.sql("SELECT 1 FROM routing.stores WHERE id = 'TNOWHERE'") == []


async def test_store_with_an_unknown_time_zone_is_refused(routing):
    response = await routing.client.put("/v1/stores/TBADZONE", json={"name": "x", "timezone": "Mars/Olympus"},
                                        headers=routing.headers())

    assert response.status_code == 422
    assert "timezone" in response.json()["detail"]


async def test_staff_announced_without_their_name(routing):
    store = await routing.new_store()

    rows = await routing.sql("SELECT envelope FROM routing.outbox WHERE key = :k", k=f"{store}-SUP")

    data = rows[0].envelope["data"]
    assert data["role"] == "supervisor" and data["store_ids"] == [store]
    assert "name" not in data


async def test_writing_the_organisation_needs_org_write(routing):
    response = await routing.client.put("/v1/regions/east", json={"name": "華東區"},
                                        headers=routing.headers(scopes=["org:read"]))

    assert response.status_code == 403


async def test_seed_twice_creates_and_announces_nothing_new(routing):
    before = await routing.sql("SELECT count(*) AS n FROM routing.outbox")

    await seed(routing.settings)

    after = await routing.sql("SELECT count(*) AS n FROM routing.outbox")
    assert after[0].n == before[0].n
    stores = (await routing.client.get("/v1/stores", params={"region_id": "north"}, headers=routing.headers())).json()
    assert {"S001", "S002"} <= {s["id"] for s in stores}
    departments = {d["name"] for d in (await routing.client.get("/v1/departments", headers=routing.headers())).json()}
    assert {"客服部", "銷售部/門店營運", "採購部", "後勤保障部", "食品安全部", "安保部"} <= departments


async def test_staff_clock_themselves_on_shift_but_not_others(routing):
    store = await routing.new_store(on_shift=False)
    own = routing.staff_headers(f"{store}-CS1", store=store, department="customer_service")

    mine = await routing.client.put(f"/v1/staff/{store}-CS1/shift", json={"on_shift": True}, headers=own)
    theirs = await routing.client.put(f"/v1/staff/{store}-CS2/shift", json={"on_shift": True}, headers=own)

    assert mine.status_code == 200 and mine.json()["on_shift"] is True
    assert theirs.status_code == 403


async def test_two_puts_creating_the_same_store_at_once_both_succeed_and_one_creates_it(routing):
    store_id = f"T{uuid.uuid4().hex[:8].upper()}"
    body = {"name": "同時建立", "region_id": "north"}

    responses = await asyncio.gather(*(routing.client.put(f"/v1/stores/{store_id}", json=body,
                                                          headers=routing.headers()) for _ in range(4)))

    assert sorted(r.status_code for r in responses) == [200, 200, 200, 201]
    events = await routing.sql("SELECT 1 FROM routing.outbox WHERE key = :k", k=store_id)
    assert len(events) == 1
