"""Retraining (再訓練): the built-in corpus plus staff corrections make a candidate version, which becomes active
only if it is no worse than the active version on a held-out share neither has been trained on.

The comparison itself is the classifier's (`routing.classify.retrain`): it holds out a share of the corpus and
of the corrections by a hash of each text, trains the candidate (corpus + every correction) and the active
version's recipe (corpus + the corrections that version learnt from) on the rest, and scores both with the
whole classifier. This module feeds it from the database and keeps the outcome as a version.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.problems import Conflict
from routing.cases.opening.classification import builtin_model, version_of
from routing.classify import Example, Report
from routing.classify import retrain as judge_candidate
from routing.learning.models import ClassifierVersion, Correction
from routing.learning.service import active_version
from routing.personal_data import unseal
from routing.settings import Settings


@dataclass(frozen=True)
class Outcome:
    version: ClassifierVersion
    activated: bool
    baseline_version: str


async def corrections_as_examples(*, session: AsyncSession, settings: Settings) -> dict[str, Example]:
    """Every case's latest correction as a labelled example, by correction id (texts erased at the customer's
    request are gone with their corrections)."""
    rows = (await session.scalars(select(Correction).order_by(Correction.case_id, Correction.created_at))).all()
    latest: dict[str, Correction] = {row.case_id: row for row in rows}
    examples = {}
    for row in latest.values():
        text = unseal(settings, row.text_sealed)
        if text:
            c = row.corrected
            examples[row.id] = Example(text, c["category"], c["urgency"], c["kind"], c.get("subcategory"), "correction")
    return examples


def _summary(report: Report) -> dict[str, Any]:
    data = report.as_dict()
    data.pop("confusion", None)
    return data


async def retrain(*, session: AsyncSession, settings: Settings) -> Outcome:
    """Build, judge and (if no worse) activate a new classifier version, in the caller's transaction."""
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtext("routing.retrain"))))
    corrections = await corrections_as_examples(session=session, settings=settings)
    if not corrections:
        raise Conflict("nothing to learn: staff have made no corrections (reclassify actions) yet")
    current = await active_version(session=session)
    learnt = set(current.correction_ids) if current is not None else set()
    result = await asyncio.to_thread(
        judge_candidate, list(corrections.values()),
        active_corrections=[e for cid, e in corrections.items() if cid in learnt],
        held_out_share=settings.retrain_holdout_fraction, seed=settings.retrain_seed,
    )
    baseline_id = current.id if current is not None else version_of(await asyncio.to_thread(builtin_model))
    version_id = version_of(result.model)
    existing = await session.get(ClassifierVersion, version_id)
    if existing is not None:  # the same examples again: that version exists, nothing new to decide
        return Outcome(existing, activated=False, baseline_version=baseline_id)
    accepted = result.activate and (
        result.candidate.score[1] >= result.active.score[1] + settings.retrain_required_gain
    )
    gain = f" + required gain {settings.retrain_required_gain}" if settings.retrain_required_gain else ""
    verdict = "activated: no worse" if accepted else f"rejected: worse (or short of the active version{gain})"
    now = datetime.now(UTC)
    row = ClassifierVersion(
        id=version_id, status="active" if accepted else "rejected", created_at=now,
        activated_at=now if accepted else None, based_on=baseline_id, training_examples=result.model.examples,
        corrections_used=len(corrections), holdout_examples=result.held_out, metrics=_summary(result.candidate),
        baseline_metrics=_summary(result.active), correction_ids=sorted(corrections),
        decision=(f"{verdict} than {baseline_id}'s recipe retrained on the same split, on {result.held_out} "
                  f"held-out examples: urgent recall {result.candidate.urgent_recall:.3f} vs "
                  f"{result.active.urgent_recall:.3f}, mean accuracy {result.candidate.score[1]:.3f} vs "
                  f"{result.active.score[1]:.3f}")[:500],
        model=result.model.to_bytes(),
    )
    if accepted and current is not None:
        current.status = "retired"
        await session.flush()  # one active version at a time (a partial unique index holds us to it)
    session.add(row)
    await session.flush()
    return Outcome(row, activated=accepted, baseline_version=baseline_id)
