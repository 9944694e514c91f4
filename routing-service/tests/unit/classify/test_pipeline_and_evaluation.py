"""classify() as the routing service uses it, evaluate() and the hand-labelled sets."""

from pathlib import Path

import pytest

from routing.classify import Example, classify, classify_many, evaluate, load_examples
from routing.classify.pipeline import builtin_model


def test_batch_and_single_give_the_same_result() -> None:
    texts = ["冇貨", "三樓安全出口被紙箱堵住了", "Thanks to the cashier", "我要找你們的經理談一談"]

    assert classify_many(texts) == [classify(t) for t in texts]


def test_empty_text_is_refused_with_a_clear_error() -> None:
    with pytest.raises(ValueError, match="empty"):
        classify("  \u200b ")


def test_classification_carries_every_field() -> None:
    result = classify("買的鮮奶已經過期了,我很生氣")

    assert "過期" in result.theme_words
    assert -1.0 <= result.sentiment < 0
    assert 0.0 < result.confidence <= 1.0
    assert result.subcategory == "food_safety"
    assert result.as_dict()["explanation"][0]["rule"].startswith(("situation.", "negation"))


def test_praise_has_positive_sentiment() -> None:
    assert classify("謝謝收銀台的陳小姐,服務很好").sentiment > 0


def test_report_counts_right_and_wrong_labels() -> None:
    examples = [
        Example("三樓安全出口被紙箱堵住了", "safety", "urgent", "complaint"),
        Example("冇貨", "other", "minor", "inquiry"),  # deliberately wrong labels
    ]

    report = evaluate(builtin_model(), examples)

    assert report.accuracy == {"category": 0.5, "urgency": 0.5, "kind": 0.5}
    assert report.exact == 0.5
    assert report.urgent_recall == 1.0
    assert report.confusion["category"]["other"]["product"] == 1
    assert report.per_class["category"]["safety"].precision == 1.0


def test_report_is_no_worse_only_when_urgent_recall_and_accuracy_hold() -> None:
    examples = [Example("三樓安全出口被紙箱堵住了", "safety", "urgent", "complaint"), Example("冇貨", "product", "general", "complaint")]
    good = evaluate(builtin_model(), examples)
    bad = evaluate(builtin_model(), [Example(e.text, "other", "minor", "praise") for e in examples])

    assert good.no_worse_than(bad)
    assert not bad.no_worse_than(good)


@pytest.mark.parametrize(("name", "floor"), [("validation", 0.97), ("sealed", 0.95), ("fresh", 0.93)])
def test_hand_labelled_set_stays_above_its_floor(name: str, floor: float, hand_sets: dict[str, Path]) -> None:
    report = evaluate(builtin_model(), load_examples(hand_sets[name]))

    assert report.exact >= floor
    assert report.urgent_recall == 1.0
