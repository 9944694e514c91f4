"""The labels of the taxonomy (反饋性質, 緊急程度, kind) and the classification the classifier returns."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Category = Literal["safety", "product", "service", "environment", "other"]
Urgency = Literal["urgent", "important", "general", "minor"]
Kind = Literal["complaint", "suggestion", "praise", "inquiry"]

CATEGORY_ORDER: tuple[str, ...] = ("safety", "product", "service", "environment", "other")
"""Between issues of equal urgency the first in this order is labelled (taxonomy.md)."""
URGENCIES: tuple[str, ...] = ("urgent", "important", "general", "minor")
URGENCY_RANK = {"urgent": 3, "important": 2, "general": 1, "minor": 0}
KINDS: tuple[str, ...] = ("complaint", "suggestion", "praise", "inquiry")
HEADS: tuple[str, ...] = ("category", "urgency", "kind")
LABELS: dict[str, tuple[str, ...]] = {"category": CATEGORY_ORDER, "urgency": URGENCIES, "kind": KINDS}


@dataclass(frozen=True)
class Example:
    """A labelled text: from the built-in corpus, a staff correction (reclassify), or an evaluation set."""

    text: str
    category: str
    urgency: str
    kind: str
    subcategory: str | None = None
    source: str = "corpus"

    def label(self, head: str) -> str:
        return str(getattr(self, head))


@dataclass(frozen=True)
class Reason:
    """One step of the explanation: which rule (or the model) decided, on which terms, with what effect."""

    rule: str
    terms: tuple[str, ...]
    effect: str


@dataclass(frozen=True)
class Classification:
    """Labels for one feedback text, with the evidence for them and the classifier version that produced them."""

    category: Category
    subcategory: str
    urgency: Urgency
    kind: Kind
    sentiment: float
    theme_words: tuple[str, ...]
    confidence: float
    explanation: tuple[Reason, ...]
    classifier_version: str

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (for the API and the case.opened event)."""
        data = asdict(self)
        data["theme_words"] = list(self.theme_words)
        data["explanation"] = [{"rule": r.rule, "terms": list(r.terms), "effect": r.effect} for r in self.explanation]
        return data
