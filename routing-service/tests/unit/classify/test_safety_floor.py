"""Safety first: a model may refine, but never lowers a safety rule hit (food safety, present danger)."""

from dataclasses import replace

import pytest

from routing.classify import Example, build_corpus, classify, classify_many, train
from routing.classify.labels import URGENCY_RANK
from routing.classify.rules import judge
from routing.classify.text import normalise

SAFETY_TEXTS = [
    "買的鮮奶打開已經發臭,孩子喝了一口就吐了",
    "三樓安全出口被紙箱堵住了",
    "面包上长了绿色的霉点",
    "刚才有个小朋友在扶梯被夹到手,流了好多血",
    "收银台旁边的插座在冒火花",
    "The yoghurt I bought was past its use-by date",
    "冷凍櫃旁邊地上一灘水,沒有放警示牌",
]


@pytest.fixture(scope="module")
def hostile_model():
    """A model trained to call every safety case other/minor praise: the worst a bad retraining could do."""
    corpus = [
        replace(e, category="other", urgency="minor", kind="praise") if e.category == "safety" else e for e in build_corpus()
    ]
    return train(corpus)


@pytest.mark.parametrize("text", SAFETY_TEXTS)
def test_hostile_model_cannot_lower_a_safety_rule_hit(text: str, hostile_model) -> None:
    result = classify(text, model=hostile_model)

    assert (result.category, result.urgency) == ("safety", "urgent")


@pytest.fixture(scope="module")
def wrongly_corrected_model():
    """Staff "corrected" every safety text to other/minor: remembered corrections, still no downgrade."""
    return train([*build_corpus(), *(Example(t, "other", "minor", "complaint", source="correction") for t in SAFETY_TEXTS)])


@pytest.mark.parametrize("text", SAFETY_TEXTS)
def test_staff_correction_cannot_lower_a_safety_rule_hit(text: str, wrongly_corrected_model) -> None:
    result = classify(text, model=wrongly_corrected_model)

    assert (result.category, result.urgency) == ("safety", "urgent")
    assert "safety.floor" in [r.rule for r in result.explanation]


def test_no_classification_is_below_its_safety_floor(hostile_model) -> None:
    texts = [e.text for e in build_corpus()]

    results = classify_many(texts, model=hostile_model)

    below = [
        (t, r.category, r.urgency) for t, r in zip(texts, results, strict=True)
        if (floor := judge(normalise(t)).floor) is not None
        and (r.category != "safety" or URGENCY_RANK[r.urgency] < URGENCY_RANK[floor[1]])
    ]
    assert below == []
