"""Classifier versions and the corrections staff made: what the next version learns from."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Query

from closeloop.auth import Principal, require_scopes
from closeloop.db import SessionDep
from routing.cases.opening.classification import classify
from routing.cases.opening.raising import raised, tier_reason
from routing.learning import service
from routing.learning.retraining import retrain
from routing.learning.schemas import (
    ClassificationOut, ClassifyIn, CorrectionOut, RetrainOut, RoutingPreview, VersionOut,
)
from routing.personal_data import shown, unseal
from routing.rules.matching import CaseFacts
from routing.rules.service import route
from routing.settings import SettingsDep

router = APIRouter(prefix="/v1/classifier", tags=["classifier"])
classify_router = APIRouter(tags=["classifier"])


@classify_router.post("/v1/classify", dependencies=[require_scopes("case:read")])
async def post_classify(body: ClassifyIn, session: SessionDep, settings: SettingsDep) -> ClassificationOut:
    """The classification a text gets (and, with a store, where its case would go) without opening a case."""
    labels = await asyncio.to_thread(
        classify, body.text, channel=body.channel, kind_hint=body.kind, model=await service.active_model(session=session)
    )
    urgency, raised_by = labels.urgency, []
    reason = tier_reason(body.customer_tier, kind=labels.kind, urgency=labels.urgency)
    if reason is not None and raised(urgency, reason) != urgency:
        urgency, raised_by = raised(urgency, reason), [reason]
    preview = None
    if body.store_id is not None:
        routing = await route(session=session, default_department=settings.default_department, facts=CaseFacts(
            category=labels.category, subcategory=labels.subcategory, urgency=urgency, store_id=body.store_id,
            channel=body.channel or "web", tier=body.customer_tier,
        ))
        preview = RoutingPreview(department=routing.department_id, rule_id=routing.rule_id)
    return ClassificationOut(
        category=labels.category, subcategory=labels.subcategory, urgency=urgency, classified_urgency=labels.urgency,
        raised_by=raised_by, kind=labels.kind, sentiment=labels.sentiment, theme_words=labels.theme_words,
        confidence=labels.confidence, explanation=labels.explanation, version=labels.version, routing=preview,
    )


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
