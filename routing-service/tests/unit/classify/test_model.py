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
