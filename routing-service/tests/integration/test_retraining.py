"""Corrections become a new classifier version only when it is no worse on the held-out split."""

from __future__ import annotations

import uuid

from sqlalchemy import text

from closeloop.db import Database
from routing.classify import Example
from routing.classify.retraining import _held_out
from routing.learning.retraining import retrain


def _text_the_candidate_trains_on(routing) -> str:  # type: ignore[no-untyped-def]
    """A new correction only changes the candidate when it falls outside the held-out share (a hash of its
    text decides), so the test picks such a text instead of leaving it to chance."""
    settings = routing.settings
    while True:
        text = f"會員積分兌換的禮品卡到現在還沒寄到,單號 {uuid.uuid4().hex[:6]}"
        example = Example(text, "other", "general", "complaint", "membership", "correction")
        if not _held_out(example, settings.retrain_holdout_fraction, settings.retrain_seed):
            return text


async def _corrected_case(routing) -> dict:  # type: ignore[no-untyped-def]
    store = await routing.new_store()
    text = _text_the_candidate_trains_on(routing)
    case = await routing.case_opened_for(routing.feedback(store, text, customer=f"c-{uuid.uuid4()}"))
    response = await routing.act(case["id"], {"type": "reclassify", "category": "other", "subcategory": "membership",
                                              "urgency": "general", "kind": "complaint"})
    assert response.status_code == 200, response.text
    return case


async def test_retrain_learns_the_corrections_and_new_cases_use_the_new_version(routing):
    await _corrected_case(routing)

    response = await routing.client.post("/v1/classifier/retrain", headers=routing.headers())

    assert response.status_code == 200, response.text
    outcome = response.json()
    assert outcome["activated"] is True and outcome["version"]["status"] == "active"
    assert outcome["version"]["corrections_used"] >= 1 and outcome["version"]["holdout_examples"] > 0
    assert outcome["version"]["metrics"]["urgent_recall"] >= outcome["version"]["baseline_metrics"]["urgent_recall"]
    store = await routing.new_store()
    # the first case after a retrain loads the new version from the database: allow a slow machine its time
    case = await routing.case_opened_for(routing.feedback(store, "冷氣太冷了"), timeout=60)
    assert case["classifier_version"] == outcome["version"]["id"]


async def test_a_candidate_short_of_the_required_gain_is_rejected_and_the_active_version_stays(routing):
    await _corrected_case(routing)
    demanding = routing.settings.model_copy(update={"retrain_required_gain": 1.0})
    database = Database(routing.settings.database_url, pool_size=1)
    try:
        async with database.unit_of_work() as session:
            before = await session.scalar(
                text("SELECT id FROM routing.classifier_versions WHERE status = 'active'")
            )
            outcome = await retrain(session=session, settings=demanding)
    finally:
        await database.dispose()

    assert outcome.activated is False and outcome.version.status == "rejected"
    assert "rejected" in (outcome.version.decision or "")
    active = await routing.sql("SELECT id FROM routing.classifier_versions WHERE status = 'active'")
    assert [r.id for r in active] == ([before] if before else [])


async def test_classify_returns_labels_and_the_routing_a_case_would_get_without_opening_one(routing):
    before = await routing.sql("SELECT count(*) AS n FROM routing.cases")

    response = await routing.client.post("/v1/classify", headers=routing.headers(scopes=["case:read"]), json={
        "text": "三樓安全出口被紙箱堵住了", "channel": "app", "store_id": "S001",
    })

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["category"], body["urgency"]) == ("safety", "urgent")
    assert body["explanation"] and body["version"]
    assert body["routing"]["department"] == "security"
    assert (await routing.sql("SELECT count(*) AS n FROM routing.cases"))[0].n == before[0].n


async def test_classify_raises_a_vip_customer_s_problem_like_a_case_would(routing):
    response = await routing.client.post("/v1/classify", headers=routing.headers(), json={
        "text": "冷氣太冷了", "customer_tier": "vip",
    })

    body = response.json()
    assert body["classified_urgency"] == "minor" and body["urgency"] == "general"
    assert body["raised_by"] == ["vip_customer"]


async def test_classify_refuses_an_empty_text_naming_the_field(routing):
    response = await routing.client.post("/v1/classify", headers=routing.headers(), json={"text": ""})

    assert response.status_code == 422
    assert "text" in response.json()["detail"]
