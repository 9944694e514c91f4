"""Training, using and storing the statistical model: TF-IDF features and linear heads.

Heads: `situation` predicts category and urgency together (one class per pair seen in
training, e.g. `safety|urgent`), so the two never contradict each other (a "safety, minor"
pair the taxonomy never gives cannot come out); category and urgency probabilities are its
marginals. `kind` is its own head. Format 1 models (separate category and urgency heads)
still load and work.

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
import warnings
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from routing.classify.labels import HEADS, Example
from routing.classify.model.features import features
from routing.classify.text import normalise

FORMAT = "closeloop-classifier-model/2"
_READABLE = ("closeloop-classifier-model/1", FORMAT)
SITUATION = "situation"
"""The joint head: classes are `category|urgency` pairs."""
TRAINED_HEADS = (SITUATION, "kind")
DEFAULT_PARAMS: dict[str, Any] = {
    "C": 10.0, "min_df": 2, "correction_weight": 3.0, "generated_weight": 0.5, "max_iter": 200, "tol": 1e-4,
    # how the pipeline weighs the model against non-safety rules (pipeline.py, chosen by cross-validation)
    "escalate_at": 0.5, "override_at": 0.8, "kind_override_at": 0.9, "urgent_at": 0.35,
}


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
        """Per text, per label (category, urgency, kind), the probability of each class."""
        return [{h: p for h, p in row.items() if h in HEADS} for row in self.all_probabilities(normalised, x)]

    def all_probabilities(self, normalised: list[str], x: sparse.csr_matrix | None = None) -> list[dict[str, dict[str, float]]]:
        """As `probabilities`, plus the joint `situation` head (`category|urgency` pairs) when the model has one."""
        x = self.vectorise(normalised) if x is None else x
        by_head = {name: head.probabilities(x) for name, head in self.heads.items()}
        rows = []
        for i in range(len(normalised)):
            row = {name: dict(zip(self.heads[name].classes, map(float, by_head[name][i]), strict=True)) for name in self.heads}
            if SITUATION in row:
                category: dict[str, float] = {}
                urgency: dict[str, float] = {}
                for pair, p in row[SITUATION].items():
                    c, u = pair.split("|")
                    category[c] = category.get(c, 0.0) + p
                    urgency[u] = urgency.get(u, 0.0) + p
                row["category"], row["urgency"] = category, urgency
            rows.append(row)
        return rows

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
        if document.get("format") not in _READABLE:
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


_SOURCE_WEIGHT = {
    "correction": lambda params: float(params["correction_weight"]),
    "corpus": lambda params: float(params.get("generated_weight", 1.0)),  # template sentences: narrow wording
}


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
    weights = np.array([_SOURCE_WEIGHT.get(e.source, lambda _: 1.0)(params) for e in examples])
    vectoriser = TfidfVectorizer(analyzer=features, sublinear_tf=True, min_df=params["min_df"], dtype=np.float64)
    x = vectoriser.fit_transform(texts)
    heads: dict[str, Head] = {}
    for head in TRAINED_HEADS:
        y = [f"{e.category}|{e.urgency}" if head == SITUATION else e.label(head) for e in examples]
        counts = Counter(y)
        # rare labels (praise, inquiry, rare pairs) weigh more: the square root of "balanced"
        balance = np.array([math.sqrt(len(y) / (len(counts) * counts[label])) for label in y])
        # newton-cg reaches the optimum in a few steps (deterministic, no seed); one BLAS thread, as more
        # threads only contend on the 2-core machines this runs on
        fitted = LogisticRegression(C=params["C"], max_iter=params["max_iter"], tol=params["tol"], solver="newton-cg")
        with warnings.catch_warnings(), threadpool_limits(limits=1):
            warnings.simplefilter("ignore", ConvergenceWarning)
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
