"""The scripted month through the handlers into real Postgres, and GET /v1/kpis checked against hand counts."""

from __future__ import annotations

import random

import pytest

from analytics_testkit.scenario import EVENTS, EXPECTED_NOVEMBER, STORES, envelope, opened
from analytics_testkit.app import bearer

NOVEMBER = {"from": "2026-11-01", "to": "2026-11-30"}


def _rate(body: dict, name: str) -> tuple[int, int]:
    return body[name]["numerator"], body[name]["denominator"]


async def test_scripted_month_figures_match_hand_counts(feeder, client):
    await feeder.feed(envelope(p) for p in EVENTS)

    response = await client.get("/v1/kpis", params=NOVEMBER, headers=bearer())

    assert response.status_code == 200, response.text
    body = response.json()
    e = EXPECTED_NOVEMBER
    assert body["volume"] == e["volume"]
    assert body["complaints"] == e["complaints"]
    for breakdown in ("by_category", "by_urgency", "by_channel", "by_kind"):
        assert body[breakdown] == e[breakdown], breakdown
    for name in ("timeliness_rate", "satisfaction_rate", "resolution_rate", "closure_rate", "closed_rate",
                 "fcr_rate", "escalation_rate", "repeat_rate"):
        assert _rate(body, name) == e[name], name
    assert body["avg_first_response_seconds"] == pytest.approx(e["avg_first_response_seconds"])
    assert body["avg_resolution_seconds"] == pytest.approx(e["avg_resolution_seconds"])
    assert {k: body["csat"][k] for k in e["csat"]} == pytest.approx(e["csat"])
    assert {k: body["nps"][k] for k in e["nps"]} == pytest.approx(e["nps"])
    assert body["breaches"] == e["breaches"]
    assert body["csi"]["value"] == pytest.approx(e["csi"])
    assert body["timeliness_rate"]["target"] == 0.95 and body["timeliness_rate"]["target_met"] is False


async def test_redelivered_events_are_counted_once(feeder, client):
    events = [envelope(p) for p in EVENTS]
    await feeder.feed(events)
    once = (await client.get("/v1/kpis", params=NOVEMBER, headers=bearer())).json()

    await feeder.feed(events[10:20])  # the same ids again

    again = (await client.get("/v1/kpis", params=NOVEMBER, headers=bearer())).json()
    assert again == once


async def test_one_batch_gives_the_same_figures_as_one_event_at_a_time(feeder, client):
    await feeder.feed_batch(envelope(p) for p in EVENTS)

    body = (await client.get("/v1/kpis", params=NOVEMBER, headers=bearer())).json()

    assert body["volume"] == EXPECTED_NOVEMBER["volume"]
    for name in ("timeliness_rate", "satisfaction_rate", "resolution_rate", "closure_rate", "closed_rate", "fcr_rate",
                 "escalation_rate", "repeat_rate"):
        assert _rate(body, name) == EXPECTED_NOVEMBER[name], name
    assert body["csi"]["value"] == pytest.approx(EXPECTED_NOVEMBER["csi"])


async def test_events_in_any_order_give_the_same_figures(feeder, client):
    shuffled = [envelope(p) for p in EVENTS]
    random.Random(7).shuffle(shuffled)

    await feeder.feed(shuffled)

    body = (await client.get("/v1/kpis", params=NOVEMBER, headers=bearer())).json()
    assert body["volume"] == EXPECTED_NOVEMBER["volume"]
    for name in ("timeliness_rate", "satisfaction_rate", "resolution_rate", "closure_rate", "fcr_rate",
                 "escalation_rate", "repeat_rate"):
        assert _rate(body, name) == EXPECTED_NOVEMBER[name], name
    assert body["csat"]["answers"] == EXPECTED_NOVEMBER["csat"]["answers"]


async def test_store_time_zone_sets_the_day_even_when_the_store_arrives_late(feeder, client):
    late_store = STORES[1]  # S2, Europe/London
    case = opened("L1", "S2", "2026-11-30T23:30:00", category="service", urgency="general", kind="complaint",
                  channel="pos", subcategory=None, customer="Z", department=None)
    await feeder.feed([envelope(case)])
    before = (await client.get("/v1/kpis", params=NOVEMBER, headers=bearer())).json()

    await feeder.feed([envelope(late_store)])

    after = (await client.get("/v1/kpis", params=NOVEMBER, headers=bearer())).json()
    assert before["volume"] == 0  # default zone Asia/Shanghai: 1 December
    assert after["volume"] == 1  # London: 30 November


async def test_filters_and_weekly_series(feeder, client):
    await feeder.feed(envelope(p) for p in EVENTS)

    s2 = (await client.get("/v1/kpis", params={**NOVEMBER, "store_id": "S2"}, headers=bearer())).json()
    dept = (await client.get("/v1/kpis", params={**NOVEMBER, "department": "customer_service"}, headers=bearer())).json()
    weekly = (await client.get("/v1/kpis", params={**NOVEMBER, "granularity": "week"}, headers=bearer())).json()

    assert s2["volume"] == 2 and s2["by_category"] == {"environment": 1, "safety": 1}
    assert dept["volume"] == 2 and _rate(dept, "repeat_rate") == (1, 2)
    weeks = {(w["start"], w["end"]): w["volume"] for w in weekly["series"]}
    assert weeks[("2026-11-01", "2026-11-01")] == 1  # C6, in the week that began in October
    assert weeks[("2026-11-02", "2026-11-08")] == 2  # C1, C2
    assert sum(weeks.values()) == 6


async def test_a_store_restricted_token_sees_only_its_stores(feeder, client):
    await feeder.feed(envelope(p) for p in EVENTS)

    mine = (await client.get("/v1/kpis", params=NOVEMBER, headers=bearer(stores=["S2"]))).json()
    other = await client.get("/v1/kpis", params={**NOVEMBER, "store_id": "S1"}, headers=bearer(stores=["S2"]))

    assert mine["volume"] == 2
    assert other.status_code == 403
    assert other.headers["content-type"].startswith("application/problem+json")


async def test_bad_period_is_a_problem_naming_the_field(client):
    response = await client.get("/v1/kpis", params={"from": "2026-11-30", "to": "2026-11-01"}, headers=bearer())
    malformed = await client.get("/v1/kpis", params={"from": "November"}, headers=bearer())

    assert response.status_code == 400 and response.json()["invalid_params"][0]["name"] == "to"
    assert malformed.status_code in (400, 422) and "from" in malformed.text
    assert malformed.headers["content-type"].startswith("application/problem+json")
