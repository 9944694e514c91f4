"""The statistical model: scikit-learn's numbers, carried without pickle."""

import gzip
import json

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from routing.classify import Model, build_corpus, train
from routing.classify.model.features import features
from routing.classify.text import normalise


@pytest.fixture(scope="module")
def corpus_and_model():
    corpus = build_corpus()
    return corpus, train(corpus)


def test_vectorising_matches_scikit_learn(corpus_and_model) -> None:
    corpus, model = corpus_and_model
    texts = [normalise(e.text) for e in corpus]
    reference = TfidfVectorizer(analyzer=features, sublinear_tf=True, min_df=model.params["min_df"]).fit(texts)
    sample = texts[:50] + ["完全沒見過的句子 unseen words"]

    ours = model.vectorise(sample).toarray()
    theirs = reference.transform(sample).toarray()[:, [reference.vocabulary_[f] for f in model.feature_names]]

    assert np.allclose(ours, theirs)


def test_probabilities_sum_to_one_per_label(corpus_and_model) -> None:
    _, model = corpus_and_model

    probabilities = model.probabilities([normalise("牛奶过期了"), normalise("thanks")])

    for per_text in probabilities:
        assert set(per_text) == {"category", "urgency", "kind"}
        assert all(abs(sum(p.values()) - 1.0) < 1e-6 for p in per_text.values())


def test_loading_refuses_another_format(corpus_and_model) -> None:
    _, model = corpus_and_model
    document = json.loads(gzip.decompress(model.to_bytes()))
    document["format"] = "something-else/9"

    with pytest.raises(ValueError, match="not a classifier model"):
        Model.from_bytes(gzip.compress(json.dumps(document).encode()))


def test_model_learns_labels_from_its_corpus(corpus_and_model) -> None:
    _, model = corpus_and_model

    probabilities = model.probabilities([normalise("收銀員態度好差")])[0]

    assert max(probabilities["category"], key=probabilities["category"].get) == "service"


def test_category_and_urgency_are_the_marginals_of_the_joint_head(corpus_and_model) -> None:
    _, model = corpus_and_model

    full = model.all_probabilities([normalise("冷凍櫃旁邊地上一灘水")])[0]

    pairs = full["situation"]
    for category, p in full["category"].items():
        assert abs(p - sum(q for k, q in pairs.items() if k.split("|")[0] == category)) < 1e-9
    for urgency, p in full["urgency"].items():
        assert abs(p - sum(q for k, q in pairs.items() if k.split("|")[1] == urgency)) < 1e-9


def test_model_pairs_are_only_pairs_the_corpus_has(corpus_and_model) -> None:
    corpus, model = corpus_and_model

    assert set(model.heads["situation"].classes) == {f"{e.category}|{e.urgency}" for e in corpus}


def test_format_1_model_with_separate_heads_still_loads_and_classifies(monkeypatch) -> None:
    from routing.classify import classify
    from routing.classify.model import training

    monkeypatch.setattr(training, "TRAINED_HEADS", ("category", "urgency", "kind"))
    old = train(build_corpus()[:400])
    document = json.loads(gzip.decompress(old.to_bytes()))
    document["format"] = "closeloop-classifier-model/1"

    loaded = Model.from_bytes(gzip.compress(json.dumps(document).encode()))
    result = classify("我要找你們的經理談一談", model=loaded)

    assert set(loaded.heads) == {"category", "urgency", "kind"}
    assert result.category in {"safety", "product", "service", "environment", "other"}
    assert any(r.rule == "model.category" and r.terms for r in result.explanation)
