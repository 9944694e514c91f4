"""Near-duplicates join the first feedback; different customers with similar words stay apart."""

from __future__ import annotations

import uuid


def _store() -> str:
    return "S" + uuid.uuid4().hex[:8].upper()


def _phone() -> str:
    return "139" + str(uuid.uuid4().int)[:8]


TEXT = "你們門口的地板很滑，我媽媽差點摔倒，也沒有放警示牌"
ALMOST = "你们门口的地板很滑,我妈妈差点摔倒了,也没有放警示牌!"


async def _post(intake, **fields):  # type: ignore[no-untyped-def]
    response = await intake.client.post("/v1/feedback", json=fields, headers=intake.headers())
    assert response.status_code == 201, response.text
    return response.json()


async def test_same_customer_same_words_on_two_channels_is_merged_into_the_first(intake):
    store, phone = _store(), _phone()
    first = await _post(intake, channel="app", store_id=store, content=TEXT, customer={"phone": phone})

    second = await _post(intake, channel="hotline", store_id=store, content=ALMOST, customer={"phone": phone})

    assert first["status"] == "received"
    assert second["status"] == "merged"
    assert second["duplicate_of"] == first["id"]
    assert second["number"] != first["number"]


async def test_third_copy_links_to_the_first_not_the_second(intake):
    store, phone = _store(), _phone()
    first = await _post(intake, channel="app", store_id=store, content=TEXT, customer={"phone": phone})
    await _post(intake, channel="hotline", store_id=store, content=ALMOST, customer={"phone": phone})

    third = await _post(intake, channel="wechat", store_id=store, content=TEXT, customer={"phone": phone})

    assert third["duplicate_of"] == first["id"]


async def test_two_customers_with_similar_complaints_are_not_duplicates(intake):
    store = _store()
    await _post(intake, channel="app", store_id=store, content=TEXT, customer={"phone": _phone()})

    other = await _post(intake, channel="app", store_id=store, content=TEXT, customer={"phone": _phone()})

    assert other["status"] == "received"
    assert other["duplicate_of"] is None


async def test_anonymous_repeat_at_the_same_store_is_merged(intake):
    store = _store()
    first = await _post(intake, channel="web", store_id=store, content=TEXT)

    second = await _post(intake, channel="wechat", store_id=store, content=ALMOST)

    assert second["duplicate_of"] == first["id"]


async def test_short_anonymous_texts_are_never_merged(intake):
    store = _store()
    await _post(intake, channel="pos", store_id=store, content="排队太久了")

    second = await _post(intake, channel="pos", store_id=store, content="排队太久了")

    assert second["duplicate_of"] is None


async def test_same_words_at_another_store_are_not_merged(intake):
    await _post(intake, channel="web", store_id=_store(), content=TEXT)

    other = await _post(intake, channel="web", store_id=_store(), content=TEXT)

    assert other["duplicate_of"] is None


async def test_same_customer_with_a_different_problem_is_not_merged(intake):
    store, phone = _store(), _phone()
    await _post(intake, channel="app", store_id=store, content=TEXT, customer={"phone": phone})

    other = await _post(
        intake, channel="app", store_id=store, content="收银员找错钱了，少找了二十元", customer={"phone": phone}
    )

    assert other["duplicate_of"] is None
