"""Corrections and classifier versions: what staff taught the classifier, and which version is in use."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.logs import scrub
from routing.cases.models import Case
from routing.cases.opening.classification import Model
from routing.learning.models import ClassifierVersion, Correction
from routing.personal_data import seal
from routing.settings import Settings


async def record_correction(
    *, session: AsyncSession, case: Case, text: str, predicted: dict[str, Any], corrected: dict[str, Any],
    by: str, reason: str | None, settings: Settings, at: datetime,
) -> Correction:
    """Keep a reclassification as a labelled example (the text sealed like the case's own)."""
    correction = Correction(
        case_id=case.id, text_sealed=seal(settings, text) or "", channel=case.channel,
        classifier_version=case.classifier_version, predicted=predicted, corrected=corrected, by=by,
        reason=reason and scrub(reason)[:500], created_at=at,
    )
    session.add(correction)
    await session.flush()
    return correction


async def list_corrections(*, session: AsyncSession, limit: int = 100) -> Sequence[Correction]:
    return (await session.scalars(select(Correction).order_by(Correction.created_at.desc()).limit(limit))).all()


async def count_corrections(*, session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(Correction)) or 0)


async def list_versions(*, session: AsyncSession) -> Sequence[ClassifierVersion]:
    return (await session.scalars(select(ClassifierVersion).order_by(ClassifierVersion.created_at.desc()))).all()


async def active_version(*, session: AsyncSession) -> ClassifierVersion | None:
    return await session.scalar(select(ClassifierVersion).where(ClassifierVersion.status == "active"))


_LOADED: dict[str, Model] = {}


async def active_model(*, session: AsyncSession) -> Model | None:
    """The model of the active classifier version (loaded once per process); None means the built-in one."""
    version_id = await session.scalar(select(ClassifierVersion.id).where(ClassifierVersion.status == "active"))
    if version_id is None:
        return None
    if version_id not in _LOADED:
        blob = await session.scalar(select(ClassifierVersion.model).where(ClassifierVersion.id == version_id))
        if blob is None:
            return None
        model = await asyncio.to_thread(Model.from_bytes, blob)
        _LOADED.clear()
        _LOADED[version_id] = model
    return _LOADED[version_id]
