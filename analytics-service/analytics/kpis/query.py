"""The filter and period parameters every figure endpoint shares, checked once (400s name the bad field)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import Depends, Query, Request

from analytics.kpis.service import Scoring
from analytics.settings import Settings
from closeloop.auth import Principal
from closeloop.problems import Problem

_DIMENSION_DOC = "Only figures of cases with this {what}."


@dataclass(frozen=True)
class FigureQuery:
    start: date
    end: date
    filters: dict[str, str | list[str]]


def _default_window(settings: Settings) -> tuple[date, date]:
    today = datetime.now(ZoneInfo(settings.default_timezone)).date()
    return today.replace(day=1), today


async def figure_query(
    request: Request,
    principal: Principal,
    start: Annotated[date | None, Query(alias="from", description="First local day (inclusive); default: the 1st of this month.")] = None,
    end: Annotated[date | None, Query(alias="to", description="Last local day (inclusive); default: today.")] = None,
    store_id: Annotated[str | None, Query(description=_DIMENSION_DOC.format(what="store"))] = None,
    region: Annotated[str | None, Query(description=_DIMENSION_DOC.format(what="region"))] = None,
    department: Annotated[str | None, Query(description="Cases currently owned by this department.")] = None,
    category: Annotated[str | None, Query(description=_DIMENSION_DOC.format(what="category"))] = None,
    channel: Annotated[str | None, Query(description=_DIMENSION_DOC.format(what="channel"))] = None,
    urgency: Annotated[str | None, Query(description=_DIMENSION_DOC.format(what="urgency"))] = None,
    kind: Annotated[str | None, Query(description=_DIMENSION_DOC.format(what="kind"))] = None,
    assignee: Annotated[str | None, Query(description="Cases currently assigned to this staff member.")] = None,
) -> FigureQuery:
    settings: Settings = request.app.state.settings
    default_start, default_end = _default_window(settings)
    start, end = start or default_start, end or default_end
    if end < start:
        raise Problem(400, "Bad period", f"to ({end}) is before from ({start})", invalid_params=[{"name": "to"}])
    if end - start > timedelta(days=3 * 366):
        raise Problem(400, "Bad period", "a period may span at most three years", invalid_params=[{"name": "from"}])
    filters: dict[str, str | list[str]] = {
        k: v for k, v in {
            "store_id": store_id, "region_id": region, "department": department, "category": category,
            "channel": channel, "urgency": urgency, "kind": kind, "assignee_id": assignee,
        }.items() if v
    }
    if principal.store_ids is not None:
        if store_id and not principal.may_see_store(store_id):
            raise Problem(403, "Forbidden", f"this token may not see store {store_id}")
        if not store_id:
            filters["store_id"] = sorted(principal.store_ids)
    return FigureQuery(start=start, end=end, filters=filters)


FigureQueryDep = Annotated[FigureQuery, Depends(figure_query)]


def _weights(raw: str | None, name: str, allowed: set[str]) -> dict[str, float] | None:
    if not raw:
        return None
    weights: dict[str, float] = {}
    for part in raw.split(","):
        key, _, value = part.partition(":")
        key = key.strip()
        if key not in allowed:
            raise Problem(400, "Bad weights", f"{name}: unknown component {key!r}; expected {', '.join(sorted(allowed))}",
                          invalid_params=[{"name": name}])
        try:
            weights[key] = float(value)
        except ValueError:
            raise Problem(400, "Bad weights", f"{name}: weight of {key!r} is not a number", invalid_params=[{"name": name}])
        if weights[key] < 0:
            raise Problem(400, "Bad weights", f"{name}: weight of {key!r} is negative", invalid_params=[{"name": name}])
    return weights


CSI_COMPONENTS = {"csat", "satisfaction", "nps"}
SQS_COMPONENTS = {
    "timeliness_rate", "satisfaction_rate", "resolution_rate", "closure_rate", "closed_rate", "fcr_rate",
    "escalation_rate", "repeat_rate",
}


def scoring_from(settings: Settings, *, csi_weights: str | None = None, sqs_weights: str | None = None) -> Scoring:
    return Scoring(
        targets={
            "timeliness_rate": settings.target_timeliness_rate,
            "satisfaction_rate": settings.target_satisfaction_rate,
            "resolution_rate": settings.target_resolution_rate,
            "closure_rate": settings.target_closure_rate,
        },
        csi_weights=_weights(csi_weights, "csi_weights", CSI_COMPONENTS) or settings.csi_weights,
        sqs_weights=_weights(sqs_weights, "sqs_weights", SQS_COMPONENTS) or settings.sqs_weights,
    )


async def scoring(
    request: Request,
    csi_weights: Annotated[str | None, Query(description="Override CSI weights, e.g. csat:0.5,satisfaction:0.3,nps:0.2")] = None,
    sqs_weights: Annotated[str | None, Query(description="Override SQS weights, e.g. timeliness_rate:0.5,closure_rate:0.5")] = None,
) -> Scoring:
    return scoring_from(request.app.state.settings, csi_weights=csi_weights, sqs_weights=sqs_weights)


ScoringDep = Annotated[Scoring, Depends(scoring)]
