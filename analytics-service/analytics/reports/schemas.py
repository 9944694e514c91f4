from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from analytics.breaches.schemas import BreachCounts
from analytics.issues.schemas import TopIssues
from analytics.kpis.schemas import Figures, Kpis, PeriodFigures


class FigureAgainstTarget(BaseModel):
    figure: str
    label: str
    value: float | None
    target: float | None
    met: bool | None


class Ranked(BaseModel):
    key: str = Field(description="Store id or department.")
    rank: int
    volume: int
    sqs: float | None
    timeliness_rate: float | None
    satisfaction_rate: float | None
    resolution_rate: float | None


class MonthlyReport(BaseModel):
    """客戶反饋分析報告: the month's figures against targets, TOP-3 issues, trends, rankings and SLA breaches."""

    month: str
    start: date
    end: date
    figures: Kpis
    against_targets: list[FigureAgainstTarget]
    top_issues: TopIssues
    trend: list[PeriodFigures] = Field(description="Monthly figures of the six months up to this one.")
    daily: list[PeriodFigures] = Field(description="Daily figures of this month.")
    store_ranking: list[Ranked] = Field(description="Stores ranked by SQS.")
    department_ranking: list[Ranked] = Field(description="Departments ranked by SQS.")
    breaches: BreachCounts
    breached_open_cases: int


def ranked(per: dict[str, Figures]) -> list[Ranked]:
    ordered = sorted(per.items(), key=lambda kv: (-(kv[1].sqs.value or -1), -kv[1].volume, kv[0]))
    return [
        Ranked(key=k, rank=i + 1, volume=f.volume, sqs=f.sqs.value, timeliness_rate=f.timeliness_rate.value,
               satisfaction_rate=f.satisfaction_rate.value, resolution_rate=f.resolution_rate.value)
        for i, (k, f) in enumerate(ordered) if f.volume
    ]
