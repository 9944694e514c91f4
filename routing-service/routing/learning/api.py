"""Classifier versions and the corrections staff made: what the next version learns from."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from closeloop.auth import Principal, require_scopes
from closeloop.db import SessionDep
from routing.learning import service
from routing.learning.retraining import retrain
from routing.learning.schemas import CorrectionOut, RetrainOut, VersionOut
from routing.personal_data import shown, unseal
from routing.settings import SettingsDep

router = APIRouter(prefix="/v1/classifier", tags=["classifier"])


@router.get("/versions", dependencies=[require_scopes("case:read")])
async def list_versions(session: SessionDep) -> list[VersionOut]:
    return [VersionOut.model_validate(v) for v in await service.list_versions(session=session)]


@router.get("/corrections", dependencies=[require_scopes("case:admin")])
async def list_corrections(
    session: SessionDep, principal: Principal, settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[CorrectionOut]:
    """Staff reclassifications, newest first, kept as labelled examples."""
    pii = principal.has("pii:read")
    return [
        CorrectionOut(
            id=c.id, case_id=c.case_id, text=shown(unseal(settings, c.text_sealed), may_read_personal_data=pii),
            channel=c.channel, classifier_version=c.classifier_version, predicted=c.predicted,
            corrected=c.corrected, by=c.by, reason=c.reason, created_at=c.created_at,
        )
        for c in await service.list_corrections(session=session, limit=limit)
    ]


@router.post("/retrain", dependencies=[require_scopes("case:admin")])
async def post_retrain(session: SessionDep, settings: SettingsDep) -> RetrainOut:
    """Build a version from the built-in corpus and every correction; it becomes active only if it is no worse
    than the active one on the held-out split. Takes seconds (training runs off the event loop)."""
    async with session.begin():
        outcome = await retrain(session=session, settings=settings)
    return RetrainOut(version=VersionOut.model_validate(outcome.version), activated=outcome.activated,
                      baseline_version=outcome.baseline_version)
