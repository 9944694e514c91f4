"""Every label says which rule and which terms decided it; versions are deterministic."""

import re

from routing.classify import RULES_VERSION, Model, build_corpus, classifier_version, classify, train
from routing.classify.labels import Example


def test_explanation_names_the_deciding_terms() -> None:
    result = classify("三樓安全出口被紙箱堵住了")

    deciding = [r for r in result.explanation if r.rule == "situation.exit_blocked"]
    assert deciding and "安全出口" in deciding[0].terms[0]
    assert "urgency=urgent" in deciding[0].effect


def test_explanation_names_negated_terms() -> None:
    result = classify("孩子没有受伤,就是购物车的轮子坏了")

    assert any(r.rule == "negation" and "受伤" in r.terms for r in result.explanation)


def test_explanation_names_the_raising_rule() -> None:
    result = classify("收银员态度很差,我要发到小红书上曝光你们")

    raised = [r for r in result.explanation if r.rule == "raise.threat_to_go_public"]
    assert result.urgency == "important" and raised and "小红书" in raised[0].terms[0]


def test_model_decision_names_its_features() -> None:
    result = classify("我要找你們的經理談一談")

    model_reasons = [r for r in result.explanation if r.rule.startswith("model.")]
    assert model_reasons and all(r.terms for r in model_reasons)


def test_classifier_version_is_rules_then_model() -> None:
    result = classify("冇貨")

    assert re.fullmatch(r"r[0-9a-f]{8}\.m[0-9a-f]{10}", result.classifier_version)
    assert result.classifier_version.startswith(RULES_VERSION + ".")
    assert len(result.classifier_version) <= 32


def test_training_twice_gives_the_same_version_and_bytes() -> None:
    first, second = train(build_corpus()), train(build_corpus())

    assert first.version == second.version
    assert first.to_bytes() == second.to_bytes()


def test_new_training_data_gives_a_new_version() -> None:
    base = train(build_corpus())
    corrected = train([*build_corpus(), Example("门口的充气拱门挡住了路", "environment", "minor", "complaint", source="correction")])

    assert corrected.version != base.version
    assert classifier_version(corrected) != classifier_version(base)


def test_stored_version_classifies_like_the_original() -> None:
    model = train(build_corpus())
    texts = ["我要找你們的經理談一談", "The app keeps crashing", "冇貨", "请问几点关门?"]

    loaded = Model.from_bytes(model.to_bytes())

    assert loaded.version == model.version
    assert [classify(t, model=loaded) for t in texts] == [classify(t, model=model) for t in texts]


def test_rules_version_is_the_same_in_every_process() -> None:
    import os
    import subprocess
    import sys

    def version_with_hash_seed(seed: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-c", "from routing.classify import RULES_VERSION; print(RULES_VERSION)"]
        return subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout.strip()

    assert version_with_hash_seed("1") == version_with_hash_seed("2") == RULES_VERSION
