"""Classification (分類) of feedback per taxonomy.md: category, urgency, kind, sentiment, theme words.

The routing service calls `classify(text, channel=..., kind_hint=..., customer_tier=...)`
for every feedback and for `POST /v1/classify`. The taxonomy's rules decide where they are
specific (with negation, time and the raising rules); a statistical model trained on a
generated corpus plus ~1,500 hand-written natural messages labels what the rules leave
open, may escalate (or, when very sure, replace) a non-safety rule's labels, and never
lowers a safety rule hit (see pipeline.py).

Learning: store staff corrections as `Example(..., source="correction")`, call
`retrain(all_corrections, active_corrections=those_in_the_active_version)`, store
`result.model.to_bytes()` as a new version, and activate it only when `result.activate`; load a stored version with
`Model.from_bytes` and pass it as `model=` to `classify`.

Measuring: `python -m routing.classify.evaluate FILE.jsonl [--cv 5] [--by-path]` (the honest
held-out set is routing-service/benchmarks/classify/heldout.jsonl; `--cv` cross-validates on
the hand-written corpus); throughput:
`python routing-service/benchmarks/classify_throughput.py`.
"""

from routing.classify.corpus import build_corpus
from routing.classify.evaluation import Report, evaluate, load_examples
from routing.classify.labels import CATEGORY_ORDER, KINDS, URGENCIES, Classification, Example, Reason
from routing.classify.model import Model, train
from routing.classify.pipeline import RULES_VERSION, builtin_model, classifier_version, classify, classify_many
from routing.classify.retraining import Retrained, retrain

__all__ = [
    "CATEGORY_ORDER",
    "KINDS",
    "RULES_VERSION",
    "URGENCIES",
    "Classification",
    "Example",
    "Model",
    "Reason",
    "Report",
    "Retrained",
    "build_corpus",
    "builtin_model",
    "classifier_version",
    "classify",
    "classify_many",
    "evaluate",
    "load_examples",
    "retrain",
    "train",
]
