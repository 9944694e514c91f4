"""Duplicate judgement: the same customer repeating themselves merges; different customers never do."""

from datetime import UTC, datetime, timedelta

from intake.duplicates.similarity import DuplicatePolicy, Sighting, first_of, score
from intake.feedback.text import matching_key, normalise

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
POLICY = DuplicatePolicy()


def _seen(fid: str, text: str, *, customer: str | None = None, store: str = "S1", ago: timedelta = timedelta(0),
          duplicate_of: str | None = None) -> Sighting:
    return Sighting(fid, customer, store, matching_key(normalise(text)), NOW - ago, duplicate_of)


def test_traditional_and_simplified_versions_of_one_complaint_match():
    earlier = _seen("a", "你們門口的地板很滑，我媽媽差點摔倒", customer="c1", ago=timedelta(hours=2))
    new = _seen("b", "你们门口的地板很滑,我妈妈差点摔倒!", customer="c1")

    assert score(new, earlier, POLICY) == 100.0


def test_different_customers_with_the_same_words_are_not_duplicates():
    earlier = _seen("a", "你们门口的地板很滑，我妈妈差点摔倒", customer="c1", ago=timedelta(minutes=5))
    new = _seen("b", "你们门口的地板很滑，我妈妈差点摔倒", customer="c2")

    assert score(new, earlier, POLICY) is None


def test_same_customer_outside_the_window_is_not_a_duplicate():
    earlier = _seen("a", "你们门口的地板很滑，我妈妈差点摔倒", customer="c1", ago=timedelta(hours=73))
    new = _seen("b", "你们门口的地板很滑，我妈妈差点摔倒", customer="c1")

    assert score(new, earlier, POLICY) is None


def test_anonymous_short_texts_are_too_common_to_merge():
    earlier = _seen("a", "排队太久了", ago=timedelta(minutes=1))
    new = _seen("b", "排队太久了")

    assert score(new, earlier, POLICY) is None


def test_anonymous_long_text_at_the_same_store_merges_within_the_store_window_only():
    text = "你们门口的地板很滑，我妈妈差点摔倒，也没有放警示牌"

    assert score(_seen("b", text), _seen("a", text, ago=timedelta(minutes=30)), POLICY) == 100.0
    assert score(_seen("b", text), _seen("a", text, ago=timedelta(hours=3)), POLICY) is None
    assert score(_seen("b", text, store="S2"), _seen("a", text, ago=timedelta(minutes=30)), POLICY) is None


def test_a_different_problem_from_the_same_customer_is_not_a_duplicate():
    earlier = _seen("a", "你们门口的地板很滑，我妈妈差点摔倒", customer="c1", ago=timedelta(hours=1))
    new = _seen("b", "收银员找错钱了，少找了二十元", customer="c1")

    assert score(new, earlier, POLICY) is None


def test_the_original_is_the_first_of_its_cluster():
    text = "你们门口的地板很滑，我妈妈差点摔倒"
    candidates = [_seen("second", text, customer="c1", ago=timedelta(hours=1), duplicate_of="first")]

    assert first_of(_seen("third", text, customer="c1"), candidates, POLICY) == ("first", 100.0)


def test_normalisation_folds_width_case_and_space():
    assert normalise("  ＡＢＣ　１２３\n\t門店  ") == "abc 123 门店"
