"""Retraining (再訓練): a new classifier version from the built-in corpus plus staff corrections.

Staff corrections (reclassify actions) are labelled examples with `source="correction"`.
`retrain` holds out a deterministic share (by a hash of each text) of the corpus and of
all corrections, and trains two models on the rest with the same recipe: the candidate
(corpus + every correction) and the active version's recipe (corpus + the corrections
the active version was trained on). Both are scored on the same held-out share with the
whole classifier (rules + model); the candidate may be activated only if it misses no
more urgent items and is no less accurate. Comparing two models trained on the same
split keeps the test fair: neither has seen the held-out sentences.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from routing.classify.corpus import build_corpus
from routing.classify.evaluation import Report, evaluate
from routing.classify.labels import Example
from routing.classify.model import Model, train


@dataclass(frozen=True)
class Retrained:
    """The candidate version, how it and the active version scored on the held-out share, and the decision."""

    model: Model
    candidate: Report
    active: Report
    """The active version's recipe (corpus + its corrections), retrained on the same split."""
    held_out: int
    activate: bool


def _held_out(example: Example, share: float, seed: int) -> bool:
    digest = hashlib.sha256(f"{seed}:{example.source}:{example.text}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < share


def retrain(
    corrections: Sequence[Example],
    *,
    active_corrections: Sequence[Example] = (),
    held_out_share: float = 0.2,
    seed: int = 0,
) -> Retrained:
    """Train a candidate on corpus + corrections; activate it only if no worse than the active recipe."""
    corpus = list(build_corpus())
    corrected = [replace(c, source="correction") for c in corrections]
    previous = [replace(c, source="correction") for c in active_corrections]

    def split(examples: list[Example]) -> tuple[list[Example], list[Example]]:
        return ([e for e in examples if not _held_out(e, held_out_share, seed)],
                [e for e in examples if _held_out(e, held_out_share, seed)])

    corpus_train, corpus_test = split(corpus)
    corrected_train, corrected_test = split(corrected)
    previous_train, _ = split(previous)
    test_set = corpus_test + corrected_test
    candidate = train(corpus_train + corrected_train)
    baseline = train(corpus_train + previous_train)
    candidate_report = evaluate(candidate, test_set)
    baseline_report = evaluate(baseline, test_set)
    return Retrained(candidate, candidate_report, baseline_report, len(test_set), candidate_report.no_worse_than(baseline_report))
