"""How the rules and the model share the decision: rules where specific, the model may escalate, never lower safety."""

from dataclasses import replace

import pytest

from routing.classify import build_corpus, classify, train


@pytest.fixture(scope="module")
def alarmist_model():
    """A model trained to call everything food safety: as confident of `safety|urgent` as a model can be."""
    corpus = [e if e.category == "safety" else replace(e, category="safety", urgency="urgent") for e in build_corpus()]
    return train(corpus)


def test_confident_model_escalates_a_non_safety_rule(alarmist_model) -> None:
    result = classify("冇貨", model=alarmist_model)

    assert (result.category, result.urgency) == ("safety", "urgent")
    assert "model.escalated" in [r.rule for r in result.explanation]


def test_without_escalation_the_specific_rule_decides() -> None:
    corpus = [e if e.category == "safety" else replace(e, category="safety", urgency="urgent") for e in build_corpus()]
    model = train(corpus, {"escalate_at": 1.01, "override_at": 1.01, "urgent_at": 1.01})

    result = classify("冇貨", model=model)

    assert (result.category, result.urgency) == ("product", "general")
    assert not any(r.rule.startswith("model.") for r in result.explanation if r.rule != "model.kind")


def test_raising_rules_count_before_the_model_may_escalate() -> None:
    result = classify("I've complained about this before: the music is far too loud")

    assert (result.category, result.urgency) == ("environment", "important")
    assert "model.escalated" not in [r.rule for r in result.explanation]


def test_model_labels_what_no_rule_covers_with_a_pair_of_the_taxonomy() -> None:
    result = classify("我要找你們的經理談一談")

    rules = [r.rule for r in result.explanation]
    assert "model.category" in rules and "model.urgency" in rules
    assert (result.category, result.urgency) in {(e.category, e.urgency) for e in build_corpus()}
