"""The one place cases meet the classifier (routing.classify): labels for a feedback's words.

Until the classifier package is present, every item gets the walking skeleton's neutral labels, so
cases still open and route (to the default department) instead of piling up unhandled.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SKELETON_VERSION = "skeleton-0"


@dataclass(frozen=True)
class Labels:
    category: str
    subcategory: str | None
    urgency: str
    kind: str
    sentiment: float = 0.0
    theme_words: list[str] = field(default_factory=list)
    confidence: float | None = None
    explanation: list[str] = field(default_factory=list)
    version: str = SKELETON_VERSION


def classify(text: str, *, channel: str | None = None, kind_hint: str | None = None) -> Labels:
    """Labels for one feedback text (category, urgency, kind, ...) and the version that decided them."""
    return Labels(
        category="other", subcategory=None, urgency="general", kind=kind_hint or "complaint",
        explanation=["no classifier installed: neutral labels"],
    )
