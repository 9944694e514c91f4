"""Assembling the monthly report and the dashboard from the KPI, issue and breach services."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from analytics.breaches.service import breach_counts, breached_cases
from analytics.issues.service import top_issues
from analytics.kpis.periods import next_start
from analytics.kpis.schemas import Kpis
from analytics.kpis.service import Scoring, figures_for, kpis
from analytics.reports.schemas import FigureAgainstTarget, MonthlyReport, ranked
from analytics.rollups.service import Filters

TARGETED = (
    ("timeliness_rate", "處理及時率 timeliness"),
    ("satisfaction_rate", "顧客滿意度 satisfaction"),
    ("resolution_rate", "問題解決率 resolution"),
    ("closure_rate", "閉環率 closure"),
)


def against_targets(figures: Kpis) -> list[FigureAgainstTarget]:
    rows = []
    for name, label in TARGETED:
        rate = getattr(figures, name)
        rows.append(FigureAgainstTarget(figure=name, label=label, value=rate.value, target=rate.target, met=rate.target_met))
    return rows


async def monthly_report(*, session: AsyncSession, month: date, filters: Filters, scoring: Scoring) -> MonthlyReport:
    start = month.replace(day=1)
    end = next_start(start, "month") - timedelta(days=1)
    trend_start = start
    for _ in range(5):
        trend_start = (trend_start - timedelta(days=1)).replace(day=1)
    daily = await kpis(session=session, start=start, end=end, filters=filters, granularity="day", scoring=scoring)
    trend = await kpis(session=session, start=trend_start, end=end, filters=filters, granularity="month", scoring=scoring)
    stores = await figures_for(session=session, start=start, end=end, filters=filters, scoring=scoring, group_by="store_id")
    departments = await figures_for(session=session, start=start, end=end, filters=filters, scoring=scoring,
                                    group_by="department")
    figures = daily.model_copy(update={"series": None, "granularity": None})
    return MonthlyReport(
        month=start.strftime("%Y-%m"), start=start, end=end, figures=figures,
        against_targets=against_targets(figures),
        top_issues=await top_issues(session=session, start=start, end=end, filters=_issue_filters(filters), n=3),
        trend=trend.series or [], daily=daily.series or [],
        store_ranking=ranked(stores), department_ranking=ranked(departments),
        breaches=await breach_counts(session=session, start=start, end=end, filters=_breach_filters(filters)),
        breached_open_cases=(await breached_cases(session=session, filters=filters, limit=1)).total,
    )


def _issue_filters(filters: Filters) -> Filters:
    return {k: v for k, v in filters.items() if k not in ("kind", "assignee_id")}


def _breach_filters(filters: Filters) -> Filters:
    return {k: v for k, v in filters.items() if k not in ("kind", "assignee_id", "channel")}


async def dashboard(*, session: AsyncSession, start: date, end: date, filters: Filters, scoring: Scoring) -> dict:  # type: ignore[type-arg]
    days = (end - start).days + 1
    granularity = "day" if days <= 62 else "week" if days <= 190 else "month"
    figures = await kpis(session=session, start=start, end=end, filters=filters, granularity=granularity, scoring=scoring)
    return {
        "figures": figures,
        "granularity": granularity,
        "targets": against_targets(figures),
        "top_issues": await top_issues(session=session, start=start, end=end, filters=_issue_filters(filters), n=5),
        "breaches": await breach_counts(session=session, start=start, end=end, filters=_breach_filters(filters)),
    }
