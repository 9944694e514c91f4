"""The one place cases meet the classifier (routing.classify): labels for a feedback's words.

The classifier is rules first and a statistical model where the rules are silent; which model is
in use is the active classifier version (see routing.learning). A text the classifier cannot label
still opens a case, with neutral labels for a person to check, never a lost feedback.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Any

import routing.classify as _classifier
from routing.classify import Model

log = logging.getLogger(__name__)
NEUTRAL_VERSION = "neutral"


@dataclass(frozen=True)
class Labels:
    """What a case records of its classification."""

    category: str
    subcategory: str | None
    urgency: str
    kind: str
    sentiment: float = 0.0
    theme_words: list[str] = field(default_factory=list)
    confidence: float | None = None
    explanation: list[dict[str, Any]] = field(default_factory=list)
    version: str = NEUTRAL_VERSION


_training = threading.Lock()


def builtin_model() -> Model:
    """The model trained on the built-in corpus, trained once per process on first use (seconds: call it off
    the event loop); the lock keeps two threads from training it twice."""
    with _training:
        return _classifier.builtin_model()


def version_of(model: Model) -> str:
    """The version string a case records: the rules' digest and the model's."""
    return _classifier.classifier_version(model)


def classify(
    text: str, *, channel: str | None = None, kind_hint: str | None = None, customer_tier: str | None = None,
    model: Model | None = None,
) -> Labels:
    """Labels for one feedback text and the version that decided them (CPU-bound: run it in a thread)."""
    try:
        result = _classifier.classify(text, channel=channel, kind_hint=kind_hint, customer_tier=customer_tier,
                                    model=model or builtin_model())
    except ValueError:  # nothing to classify (only emoji or punctuation): the case still opens, for a person to read
        return _neutral(kind_hint, "no words to classify: neutral labels for a person to check")
    except Exception as exc:  # a classifier fault must not lose the customer's feedback
        log.error("classifier failed, neutral labels used: %s", type(exc).__name__)
        return _neutral(kind_hint, f"classifier failed ({type(exc).__name__}): neutral labels for a person to check")
    data = result.as_dict()
    return Labels(
        category=result.category, subcategory=result.subcategory, urgency=result.urgency, kind=result.kind,
        sentiment=result.sentiment, theme_words=list(result.theme_words), confidence=result.confidence,
        explanation=data["explanation"], version=result.classifier_version,
    )


def _neutral(kind_hint: str | None, why: str) -> Labels:
    return Labels(category="other", subcategory=None, urgency="general", kind=kind_hint or "complaint",
                  explanation=[{"rule": "neutral", "terms": [], "effect": why}])
