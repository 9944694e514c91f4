"""Retraining (再訓練): the built-in corpus plus staff corrections make a candidate version, which replaces the
active one only if it is no worse on a held-out split neither has been trained on.

The split is decided by a hash of each text, so an example always falls on the same side: no version
built here ever trains on the examples it is judged by, and a text staff corrected twice stays on one side.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.problems import Conflict
from routing.cases.opening.classification import builtin_model, version_of
from routing.classify.corpus import build_corpus
from routing.classify.labels import Example
from routing.classify.model import Model, train
from routing.learning.models import ClassifierVersion, Correction
from routing.learning.service import active_model, active_version
from routing.personal_data import unseal
from routing.settings import Settings

try:
    from routing.classify.evaluate import Report, evaluate
except ImportError:  # the module's name before the classifier package renamed it (remove once both agree)
    from routing.classify.evaluation import Report, evaluate  # type: ignore[no-redef]


@dataclass(frozen=True)
class Outcome:
    version: ClassifierVersion
    activated: bool
    baseline_version: str


def held_out(text: str, fraction: float, seed: int) -> bool:
    """Whether an example belongs to the held-out split: a stable function of its text."""
    digest = hashlib.sha256(f"{seed}:{text.strip()}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < fraction


def split(examples: Sequence[Example], fraction: float, seed: int) -> tuple[list[Example], list[Example]]:
    training, holdout = [], []
    for example in examples:
        (holdout if held_out(example.text, fraction, seed) else training).append(example)
    return training, holdout


async def corrections_as_examples(*, session: AsyncSession, settings: Settings) -> list[Example]:
    """Every case's latest correction, as a labelled example (texts erased at the customer's request are gone)."""
    rows = (await session.scalars(select(Correction).order_by(Correction.case_id, Correction.created_at))).all()
    latest: dict[str, Correction] = {row.case_id: row for row in rows}
    examples = []
    for row in latest.values():
        text = unseal(settings, row.text_sealed)
        if text:
            c = row.corrected
            examples.append(Example(text, c["category"], c["urgency"], c["kind"], c.get("subcategory"), "correction"))
    return examples


def _summary(report: Report) -> dict[str, Any]:
    data = report.as_dict()
    data.pop("confusion", None)
    return data


def _build(
    corrections: list[Example], active: Model | None, fraction: float, seed: int
) -> tuple[Model, Report, Report, int, int]:
    """The CPU-heavy part, run in a thread: train the candidate and judge it and the active version."""
    training, holdout = split([*build_corpus(), *corrections], fraction, seed)
    candidate = train(training)
    baseline = active or builtin_model()
    return candidate, evaluate(candidate, holdout), evaluate(baseline, holdout), len(training), len(holdout)


async def retrain(*, session: AsyncSession, settings: Settings) -> Outcome:
    """Build, judge and (if no worse) activate a new classifier version, in the caller's transaction."""
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtext("routing.retrain"))))
    corrections = await corrections_as_examples(session=session, settings=settings)
    if not corrections:
        raise Conflict("nothing to learn: staff have made no corrections (reclassify actions) yet")
    current = await active_version(session=session)
    active = await active_model(session=session)
    candidate, report, baseline, trained_on, holdout = await asyncio.to_thread(
        _build, corrections, active, settings.retrain_holdout_fraction, settings.retrain_seed
    )
    baseline_id = current.id if current is not None else version_of(builtin_model())
    version_id = version_of(candidate)
    existing = await session.get(ClassifierVersion, version_id)
    if existing is not None:
        return Outcome(existing, activated=False, baseline_version=baseline_id)
    accepted = report.urgent_recall >= baseline.urgent_recall and report.score[1] >= (
        baseline.score[1] + settings.retrain_required_gain
    )
    now = datetime.now(UTC)
    gain = f" + required gain {settings.retrain_required_gain}" if settings.retrain_required_gain else ""
    verdict = "activated: no worse" if accepted else f"rejected: worse (or short of the active version{gain})"
    row = ClassifierVersion(
        id=version_id, status="active" if accepted else "rejected", created_at=now,
        activated_at=now if accepted else None, based_on=baseline_id, training_examples=trained_on,
        corrections_used=len(corrections), holdout_examples=holdout, metrics=_summary(report),
        baseline_metrics=_summary(baseline),
        decision=(f"{verdict} than {baseline_id} on {holdout} held-out examples: urgent recall "
                  f"{report.urgent_recall:.3f} vs {baseline.urgent_recall:.3f}, mean accuracy "
                  f"{report.score[1]:.3f} vs {baseline.score[1]:.3f}"),
        model=candidate.to_bytes(),
    )
    if accepted and current is not None:
        current.status = "retired"
        await session.flush()  # one active version at a time (a partial unique index holds us to it)
    session.add(row)
    await session.flush()
    return Outcome(row, activated=accepted, baseline_version=baseline_id)
