"""Top issues, SLA breach views, appraisal, CSV export, initiatives, the monthly report and the dashboard, on the
scripted month (expected values worked out from the scenario's comments)."""

from __future__ import annotations

import csv
import io

import pytest

from analytics_testkit.app import JWT_SECRET, bearer
from analytics_testkit.scenario import EVENTS, breached, clock, envelope, opened
from closeloop.auth import mint_token

NOVEMBER = {"from": "2026-11-01", "to": "2026-11-30"}


@pytest.fixture
async def month(feeder):  # type: ignore[no-untyped-def]
    await feeder.feed_batch(envelope(p) for p in EVENTS)
    return feeder


async def test_top_issues_rank_subcategories_with_their_theme_words(month, client):
    body = (await client.get("/v1/top-issues", params={**NOVEMBER, "n": 3}, headers=bearer())).json()

    assert [(i["subcategory"], i["cases"]) for i in body["issues"]] == [
        ("staff_attitude", 2), ("food_safety", 1), ("price_mismatch", 1)]
    first = body["issues"][0]
    assert first["previous_cases"] == 0 and first["change"] == 2 and first["change_rate"] is None
    assert [(w["word"], w["cases"]) for w in first["theme_words"]] == [("態度", 2), ("收銀", 1)]
    assert [(w["word"], w["cases"]) for w in body["theme_words"]] == [("態度", 2), ("價格", 1), ("收銀", 1)]
    assert (body["previous_start"], body["previous_end"]) == ("2026-10-01", "2026-10-31")


async def test_top_issues_change_against_the_previous_month(month, client):
    body = (await client.get("/v1/top-issues", params={"from": "2026-12-01", "to": "2026-12-31"}, headers=bearer())).json()

    assert body["issues"] == []  # nothing opened in December: November's issues are only 'previous'


async def test_breaches_by_clock_department_and_store(month, client):
    body = (await client.get("/v1/sla/breaches", params=NOVEMBER, headers=bearer())).json()

    assert body["total"] == 1
    assert body["by_clock"] == {"resolution": 1}
    assert body["by_department"] == {"purchasing": 1}
    assert body["by_store"] == {"S1": 1}


async def test_breached_cases_lists_open_cases_past_a_deadline(month, client):
    await month.feed(envelope(p) for p in [
        opened("C7", "S1", "2026-11-25T02:00:00", category="service", urgency="general", kind="complaint",
               channel="pos", subcategory=None, customer="F", department="customer_service"),
        clock("C7", "first_contact", "2026-11-25T02:00:00", "2026-11-25T02:30:00"),
        breached("C7", "first_contact", "2026-11-25T02:30:00"),
    ])

    body = (await client.get("/v1/sla/breached-cases", headers=bearer())).json()

    assert body["total"] == 1  # C2's breached clock was stopped later: not open-and-late any more
    assert body["items"][0]["case_id"] == "C7" and body["items"][0]["breached_clocks"] == ["first_contact"]


async def test_appraisal_gives_the_figures_per_department(month, client):
    body = (await client.get("/v1/appraisal", params={**NOVEMBER, "level": "department"}, headers=bearer())).json()

    volumes = {card["key"]: card["figures"]["volume"] for card in body["scorecards"]}
    assert volumes == {"customer_service": 2, "purchasing": 1, "facilities": 1, "food_safety": 1, "": 1}
    purchasing = next(c for c in body["scorecards"] if c["key"] == "purchasing")["figures"]
    assert (purchasing["timeliness_rate"]["numerator"], purchasing["timeliness_rate"]["denominator"]) == (0, 1)
    assert sorted(c["rank"] for c in body["scorecards"]) == [1, 2, 3, 4, 5]


async def test_csv_export_streams_the_period_facts_without_personal_data(month, client):
    response = await client.get("/v1/exports/cases.csv", params={**NOVEMBER, "store_id": "S2"}, headers=bearer())

    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert sorted(r["case_id"] for r in rows) == ["C4", "C5"]
    assert next(r for r in rows if r["case_id"] == "C4")["opened_day"] == "2026-11-30"
    assert "customer_key" not in rows[0]


async def test_initiative_shows_its_figures_before_and_after(month, client):
    created = await client.post("/v1/initiatives", headers=bearer(), json={
        "title": "Fewer price complaints at S1", "owner_department": "purchasing", "scope": {"store_id": "S1"},
        "start_date": "2026-11-05", "target_figure": "volume", "target_value": 1, "theme_words": ["價格"],
    })
    assert created.status_code == 201, created.text

    body = (await client.get(f"/v1/initiatives/{created.json()['id']}", params={"days": 4}, headers=bearer())).json()

    comparison = body["comparison"]
    assert (comparison["before_start"], comparison["before_end"]) == ("2026-11-01", "2026-11-04")
    assert comparison["before_value"] == 2 and comparison["after_value"] == 1  # C6, C1 | C2
    assert comparison["target_met"] is True


async def test_initiative_with_an_unknown_scope_is_a_problem(client):
    response = await client.post("/v1/initiatives", headers=bearer(), json={
        "title": "x", "scope": {"shelf": "A"}, "start_date": "2026-11-05", "target_figure": "volume", "target_value": 1,
    })

    assert response.status_code == 422 and "scope" in response.text
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_monthly_report_as_json_and_html(month, client):
    body = (await client.get("/v1/reports/monthly", params={"month": "2026-11"}, headers=bearer())).json()
    html = await client.get("/v1/reports/monthly", params={"month": "2026-11", "format": "html"}, headers=bearer())

    assert body["figures"]["volume"] == 6 and len(body["daily"]) == 30 and len(body["trend"]) == 6
    assert [i["subcategory"] for i in body["top_issues"]["issues"]][:1] == ["staff_attitude"]
    assert {r["key"] for r in body["store_ranking"]} == {"S1", "S2"}
    assert body["breaches"]["total"] == 1
    assert {r["figure"]: r["met"] for r in body["against_targets"]}["timeliness_rate"] is False
    assert html.status_code == 200 and html.text.count("<svg") >= 8 and "staff_attitude" in html.text


async def test_dashboard_renders_figures_and_charts_and_keeps_the_token_in_a_cookie(month, client):
    token = mint_token(secret=JWT_SECRET, subject="supervisor", scopes=["kpi:read"])

    entry = await client.get("/dashboard", params={**NOVEMBER, "access_token": token})
    page = await client.get(entry.headers["location"])  # the client keeps the cookie, as a browser does
    client.cookies.clear()
    anonymous = await client.get("/dashboard", params=NOVEMBER)

    assert entry.status_code == 303 and "access_token" not in entry.headers["location"]
    assert "closeloop_token" in entry.headers["set-cookie"] and "HttpOnly" in entry.headers["set-cookie"]
    assert page.status_code == 200
    assert '<div class="value" id="volume">6</div>' in page.text
    assert page.text.count('class="chart"') == 7
    assert anonymous.status_code == 401
