"""Measuring a classifier on labelled examples: accuracy per label, urgent recall, per-class precision/recall.

The command `python -m routing.classify.evaluate FILE.jsonl [--cv 5]` (evaluate.py) prints them.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from routing.classify.labels import HEADS, LABELS, Example
from routing.classify.model import Model
from routing.classify.pipeline import classify_many


@dataclass(frozen=True)
class ClassScore:
    precision: float
    recall: float
    support: int


@dataclass
class Report:
    """How a classifier did on a set of examples; `score` is what retraining compares."""

    examples: int
    accuracy: dict[str, float]
    exact: float
    """All three labels right."""
    urgent_recall: float
    per_class: dict[str, dict[str, ClassScore]]
    confusion: dict[str, dict[str, Counter[str]]] = field(repr=False)

    @property
    def score(self) -> tuple[float, float]:
        """(urgent recall, mean label accuracy): safety first, then everything else."""
        return self.urgent_recall, sum(self.accuracy.values()) / len(self.accuracy)

    def no_worse_than(self, other: Report, tolerance: float = 0.0) -> bool:
        """A candidate may replace the active version only if it misses no more urgent items and is not less accurate."""
        return self.urgent_recall >= other.urgent_recall - tolerance and self.score[1] >= other.score[1] - tolerance

    def as_dict(self) -> dict[str, object]:
        return {
            "examples": self.examples,
            "accuracy": self.accuracy,
            "exact": self.exact,
            "urgent_recall": self.urgent_recall,
            "per_class": {h: {c: vars(s) for c, s in scores.items()} for h, scores in self.per_class.items()},
            "confusion": {h: {t: dict(p) for t, p in rows.items()} for h, rows in self.confusion.items()},
        }


def load_examples(path: str | Path) -> list[Example]:
    """Labelled examples from a JSON-lines file with text, category, urgency, kind."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out.append(Example(row["text"], row["category"], row["urgency"], row["kind"], row.get("subcategory"), "file"))
    return out


def evaluate(model: Model | None, examples: Sequence[Example]) -> Report:
    """Run the whole classifier (rules + this model) on examples and score it against their labels."""
    predictions = classify_many([e.text for e in examples], model=model)
    accuracy: dict[str, float] = {}
    per_class: dict[str, dict[str, ClassScore]] = {}
    confusion: dict[str, dict[str, Counter[str]]] = {}
    n = len(examples)
    for head in HEADS:
        truth = [e.label(head) for e in examples]
        guess = [str(getattr(p, head)) for p in predictions]
        accuracy[head] = sum(t == g for t, g in zip(truth, guess, strict=True)) / n if n else 0.0
        confusion[head] = {label: Counter() for label in LABELS[head]}
        for t, g in zip(truth, guess, strict=True):
            confusion[head].setdefault(t, Counter())[g] += 1
        per_class[head] = {}
        for label in LABELS[head]:
            tp = confusion[head][label][label]
            predicted = sum(row[label] for row in confusion[head].values())
            support = sum(confusion[head][label].values())
            per_class[head][label] = ClassScore(tp / predicted if predicted else 0.0, tp / support if support else 0.0, support)
    exact = sum(
        all(e.label(h) == str(getattr(p, h)) for h in HEADS) for e, p in zip(examples, predictions, strict=True)
    ) / n if n else 0.0
    urgent = per_class["urgency"]["urgent"]
    return Report(n, accuracy, exact, urgent.recall if urgent.support else 1.0, per_class, confusion)


def cross_validate(examples: Sequence[Example], folds: int = 5, seed: int = 0) -> dict[str, dict[str, float]]:
    """K-fold over the hand-written examples: the model alone and the whole classifier, on text they never saw.

    Only hand-written (`source="written"`) examples are held out and scored: generated
    sentences always stay in training, because one template's sentences in both halves
    would only measure how well the model remembers the template.
    """
    from routing.classify.model import train
    from routing.classify.pipeline import _model_pair
    from routing.classify.text import normalise

    written = [e for e in examples if e.source == "written"]
    others = [e for e in examples if e.source != "written"]
    order = sorted(range(len(written)), key=lambda i: hashlib.sha256(f"{seed}:{written[i].text}".encode()).hexdigest())
    totals = {"model": Counter(), "classifier": Counter()}
    for fold in range(folds):
        test = [written[i] for n, i in enumerate(order) if n % folds == fold]
        fitted = train(others + [written[i] for n, i in enumerate(order) if n % folds != fold])
        probabilities = fitted.all_probabilities([normalise(e.text) for e in test])
        for e, p in zip(test, probabilities, strict=True):
            category, urgency, _ = _model_pair(p, None, None)
            guesses = {"category": category, "urgency": urgency, "kind": max(p["kind"], key=p["kind"].__getitem__)}
            for h in HEADS:
                totals["model"][h] += guesses[h] == e.label(h)
            totals["model"]["exact"] += all(guesses[h] == e.label(h) for h in HEADS)
        report = evaluate(fitted, test)
        for h in HEADS:
            totals["classifier"][h] += report.accuracy[h] * len(test)
        totals["classifier"]["exact"] += report.exact * len(test)
        urgent = report.per_class["urgency"]["urgent"]
        totals["classifier"]["urgent_recall"] += urgent.recall * urgent.support
        totals["classifier"]["urgent_support"] += urgent.support
    classifier = totals["classifier"]
    hits, support = classifier.pop("urgent_recall", 0.0), classifier.pop("urgent_support", 0)
    recall = hits / support if support else 1.0
    scores = {name: {k: v / len(written) for k, v in counts.items()} for name, counts in totals.items()}
    scores["classifier"]["urgent_recall"] = recall
    return scores
