"""Training, using and storing the statistical model: TF-IDF features and one linear model per label.

A `Model` is plain numbers (vocabulary, idf weights, coefficients), so it serialises to
bytes without pickle: the routing service can store versions and staff corrections in
its database and load a version back safely. Training is deterministic: the same
examples and parameters give the same model and the same version string.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from routing.classify.labels import HEADS, Example
from routing.classify.model.features import features
from routing.classify.text import normalise

FORMAT = "closeloop-classifier-model/1"
DEFAULT_PARAMS: dict[str, Any] = {"C": 4.0, "min_df": 2, "correction_weight": 3.0, "max_iter": 3000, "tol": 1e-3}


@dataclass(frozen=True)
class Head:
    """One label's linear model: classes and their weights over the features."""

    classes: tuple[str, ...]
    coef: np.ndarray
    intercept: np.ndarray

    def probabilities(self, x: sparse.csr_matrix) -> np.ndarray:
        scores = np.asarray(x @ self.coef.T) + self.intercept
        if len(self.classes) == 2:  # sklearn keeps one row for two classes
            p = 1.0 / (1.0 + np.exp(-scores[:, 0]))
            return np.column_stack([1.0 - p, p])
        scores -= scores.max(axis=1, keepdims=True)
        e = np.exp(scores)
        return e / e.sum(axis=1, keepdims=True)


@dataclass(frozen=True, eq=False)
class Model:
    """A trained classifier version: features, one head per label, and the corrections it remembers."""

    version: str
    vocabulary: dict[str, int]
    idf: np.ndarray
    heads: dict[str, Head]
    params: dict[str, Any]
    examples: int
    memory: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    """Normalised texts of staff corrections → (category, urgency, kind): a corrected text is never mislabelled twice."""

    def vectorise(self, normalised: list[str]) -> sparse.csr_matrix:
        """TF-IDF rows exactly as scikit-learn computes them (sublinear tf, idf, l2 norm)."""
        indptr, indices, data = [0], [], []
        for text in normalised:
            counts = Counter(self.vocabulary[f] for f in features(text) if f in self.vocabulary)
            columns = sorted(counts)
            weights = [(1.0 + math.log(counts[c])) * self.idf[c] for c in columns]
            norm = math.sqrt(sum(w * w for w in weights)) or 1.0
            indices.extend(columns)
            data.extend(w / norm for w in weights)
            indptr.append(len(indices))
        return sparse.csr_matrix((data, indices, indptr), shape=(len(normalised), len(self.vocabulary)))

    @property
    def feature_names(self) -> list[str]:
        return sorted(self.vocabulary, key=self.vocabulary.__getitem__)

    def probabilities(self, normalised: list[str], x: sparse.csr_matrix | None = None) -> list[dict[str, dict[str, float]]]:
        """Per text, per label head, the probability of each class."""
        x = self.vectorise(normalised) if x is None else x
        by_head = {name: head.probabilities(x) for name, head in self.heads.items()}
        return [
            {name: dict(zip(self.heads[name].classes, map(float, by_head[name][i]), strict=True)) for name in self.heads}
            for i in range(len(normalised))
        ]

    def to_bytes(self) -> bytes:
        """Portable, pickle-free form for storing a version in the database."""
        def pack(array: np.ndarray) -> dict[str, Any]:
            a = np.ascontiguousarray(array, dtype="<f4")
            return {"shape": list(a.shape), "data": base64.b64encode(a.tobytes()).decode()}

        document = {
            "format": FORMAT,
            "version": self.version,
            "params": self.params,
            "examples": self.examples,
            "features": sorted(self.vocabulary, key=self.vocabulary.__getitem__),
            "idf": pack(self.idf),
            "heads": {n: {"classes": list(h.classes), "coef": pack(h.coef), "intercept": pack(h.intercept)} for n, h in self.heads.items()},
            "memory": {t: list(labels) for t, labels in sorted(self.memory.items())},
        }
        return gzip.compress(json.dumps(document, ensure_ascii=False, sort_keys=True).encode(), mtime=0)

    @classmethod
    def from_bytes(cls, blob: bytes) -> Model:
        """Load a stored version; refuses anything that is not this format."""
        document = json.loads(gzip.decompress(blob))
        if document.get("format") != FORMAT:
            raise ValueError(f"not a classifier model of format {FORMAT}: {document.get('format')!r}")

        def unpack(packed: dict[str, Any]) -> np.ndarray:
            return np.frombuffer(base64.b64decode(packed["data"]), dtype="<f4").reshape(packed["shape"]).astype(np.float64)

        return cls(
            version=document["version"],
            vocabulary={f: i for i, f in enumerate(document["features"])},
            idf=unpack(document["idf"]),
            heads={n: Head(tuple(h["classes"]), unpack(h["coef"]), unpack(h["intercept"])) for n, h in document["heads"].items()},
            params=document["params"],
            examples=document["examples"],
            memory={t: tuple(labels) for t, labels in document["memory"].items()},  # type: ignore[misc]
        )


def fingerprint(examples: list[Example] | tuple[Example, ...], params: dict[str, Any]) -> str:
    """Version of a model: a hash of exactly what it was trained on and how."""
    digest = hashlib.sha256(json.dumps(params, sort_keys=True).encode())
    for e in examples:
        digest.update(json.dumps([e.text, e.category, e.urgency, e.kind, e.source], ensure_ascii=False).encode())
    return "m" + digest.hexdigest()[:10]


def train(examples: list[Example] | tuple[Example, ...], params: dict[str, Any] | None = None) -> Model:
    """Fit one model per label on labelled examples; corrections weigh more and are remembered verbatim."""
    params = {**DEFAULT_PARAMS, **(params or {})}
    texts = [normalise(e.text) for e in examples]
    weights = np.array([params["correction_weight"] if e.source == "correction" else 1.0 for e in examples])
    vectoriser = TfidfVectorizer(analyzer=features, sublinear_tf=True, min_df=params["min_df"], dtype=np.float64)
    x = vectoriser.fit_transform(texts)
    heads: dict[str, Head] = {}
    for head in HEADS:
        y = [e.label(head) for e in examples]
        counts = Counter(y)
        # rare labels (praise, inquiry) weigh more; the square root of "balanced" keeps saga's steps stable
        balance = np.array([math.sqrt(len(y) / (len(counts) * counts[label])) for label in y])
        # saga with a fixed seed: deterministic, and an order of magnitude faster than lbfgs here
        fitted = LogisticRegression(C=params["C"], max_iter=params["max_iter"], tol=params["tol"], solver="saga", random_state=0)
        fitted.fit(x, y, sample_weight=weights * balance)
        heads[head] = Head(tuple(str(c) for c in fitted.classes_), fitted.coef_.copy(), fitted.intercept_.copy())
    memory = {t: (e.category, e.urgency, e.kind) for t, e in zip(texts, examples, strict=True) if e.source == "correction"}
    return Model(
        version=fingerprint(examples, params),
        vocabulary={str(f): int(i) for f, i in vectoriser.vocabulary_.items()},
        idf=vectoriser.idf_.copy(),
        heads=heads,
        params=params,
        examples=len(examples),
        memory=memory,
    )
