"""Policies, calendars, stores and ladders through HTTP: bad input is a problem naming the field, never a
half-written record; the store copy comes from the org topic."""

from __future__ import annotations

from datetime import UTC, datetime

from closeloop.auth import mint_token
from closeloop.contracts.org import StoreUpserted
from fleet.testing import eventually

from .conftest import SECRET


async def test_a_policy_with_a_clock_missing_its_target_is_refused_and_nothing_is_written(sla):
    before = (await sla.client.get("/v1/policies/general/versions", headers=sla.headers)).json()
    bad = {"name": "broken", "urgency": "general", "clocks": [{"metric": "resolution", "stops_on": ["resolved"]}]}

    response = await sla.client.put("/v1/policies/general", json=bad, headers=sla.headers)

    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "clocks" in response.json()["detail"]
    assert (await sla.client.get("/v1/policies/general/versions", headers=sla.headers)).json() == before


async def test_revising_a_policy_adds_a_version_and_keeps_the_old_one(sla):
    current = (await sla.client.get("/v1/policies/minor", headers=sla.headers)).json()
    body = {k: current[k] for k in ("name", "urgency", "store_id", "region_id", "channel", "tier", "target_factor", "clocks")}

    revised = await sla.client.put("/v1/policies/minor", json=body | {"target_factor": 0.8}, headers=sla.headers)
    versions = (await sla.client.get("/v1/policies/minor/versions", headers=sla.headers)).json()

    assert revised.status_code == 200 and revised.json()["version"] == 2
    assert [(v["version"], v["current"], v["target_factor"]) for v in versions] == [(1, False, 1.0), (2, True, 0.8)]


async def test_calendar_preview_puts_the_national_day_eve_callback_on_the_8th(sla):
    response = await sla.client.get(
        "/v1/calendars/default-CN/working-time", params={"start": "2026-09-30T21:30:00+08:00", "days": 1}, headers=sla.headers
    )

    assert response.status_code == 200, response.text
    assert datetime.fromisoformat(response.json()["due_at"]) == datetime.fromisoformat("2026-10-08T18:00:00+08:00")


async def test_a_calendar_with_an_unknown_time_zone_is_refused(sla):
    body = {"id": "mars", "name": "Mars", "timezone": "Mars/Olympus", "hours": {"mon": [["09:00", "18:00"]]}}

    response = await sla.client.post("/v1/calendars", json=body, headers=sla.headers)

    assert response.status_code == 422
    assert "timezone" in response.json()["detail"]
    assert (await sla.client.get("/v1/calendars/mars", headers=sla.headers)).status_code == 404


async def test_a_store_inherits_its_regions_calendar_unless_it_overrides_it(sla):
    await sla.send(StoreUpserted(store_id="HK01", name="Mong Kok", region_id="HK", timezone="Asia/Hong_Kong",
                                 calendar="HK", updated_at=datetime.now(UTC)))
    async def copied() -> dict | None:
        response = await sla.client.get("/v1/stores/HK01", headers=sla.headers)
        return response.json() if response.status_code == 200 else None
    store = await eventually(copied, timeout=20, what="the store copied from the org topic")
    assert store["effective_calendar_id"] == "default-HK"

    await sla.client.put("/v1/overrides/region/HK", json={"calendar_id": "default-TW"}, headers=sla.headers)
    assert (await sla.client.get("/v1/stores/HK01", headers=sla.headers)).json()["effective_calendar_id"] == "default-TW"
    await sla.client.put("/v1/overrides/store/HK01", json={"calendar_id": "default-HK"}, headers=sla.headers)
    assert (await sla.client.get("/v1/stores/HK01", headers=sla.headers)).json()["effective_calendar_id"] == "default-HK"


async def test_an_override_naming_a_missing_ladder_is_a_404(sla):
    response = await sla.client.put("/v1/overrides/store/S9", json={"ladder_id": "nope"}, headers=sla.headers)

    assert response.status_code == 404
    assert "nope" in response.json()["detail"]


async def test_writing_a_policy_needs_the_sla_write_scope(sla):
    token = mint_token(secret=SECRET, subject="reader", scopes=["sla:read"])

    response = await sla.client.delete("/v1/policies/minor", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 403
