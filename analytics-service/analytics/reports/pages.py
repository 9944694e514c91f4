"""HTML pages (dashboard, monthly report) rendered on the server with their charts inline."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from analytics.kpis.schemas import Kpis, PeriodFigures
from analytics.reports.charts import bar_chart, line_chart, number, percent
from analytics.reports.schemas import MonthlyReport

_env = Environment(loader=PackageLoader("analytics.reports", "templates"), autoescape=select_autoescape())
_env.filters["pct"] = percent
_env.filters["num"] = number


def _label(period: PeriodFigures, granularity: str) -> str:
    if granularity == "month":
        return period.start.strftime("%Y-%m")
    return period.start.strftime("%m-%d")


def trend_charts(series: list[PeriodFigures], granularity: str) -> dict[str, Markup]:
    labels = [_label(p, granularity) for p in series]
    return {
        "volume": Markup(line_chart("Cases opened", {
            "opened": list(zip(labels, [p.volume for p in series])),
            "complaints": list(zip(labels, [p.complaints for p in series])),
        })),
        "rates": Markup(line_chart("Timeliness · satisfaction · closure", {
            "timeliness": list(zip(labels, [p.timeliness_rate.value for p in series])),
            "satisfaction": list(zip(labels, [p.satisfaction_rate.value for p in series])),
            "closure": list(zip(labels, [p.closure_rate.value for p in series])),
        }, fmt=percent, y_max=1.0, target=0.95)),
    }


def breakdown_charts(figures: Kpis) -> dict[str, Markup]:
    return {
        "category": Markup(bar_chart("Cases by category", list(figures.by_category.items()))),
        "channel": Markup(bar_chart("Cases by channel", list(figures.by_channel.items()))),
        "urgency": Markup(bar_chart("Cases by urgency", list(figures.by_urgency.items()))),
    }


def breach_charts(breaches: Any) -> dict[str, Markup]:
    return {
        "by_clock": Markup(bar_chart("SLA breaches by clock", list(breaches.by_clock.items()))),
        "by_department": Markup(bar_chart("SLA breaches by department", list(breaches.by_department.items()))),
    }


def dashboard_page(data: dict[str, Any], *, query_string: str) -> str:
    figures: Kpis = data["figures"]
    return _env.get_template("dashboard.html").render(
        figures=figures, targets=data["targets"], top_issues=data["top_issues"], breaches=data["breaches"],
        charts={**trend_charts(figures.series or [], data["granularity"]), **breakdown_charts(figures),
                **breach_charts(data["breaches"])},
        query_string=query_string,
    )


def monthly_page(report: MonthlyReport) -> str:
    return _env.get_template("monthly.html").render(
        report=report, figures=report.figures,
        charts={
            **{f"daily_{k}": v for k, v in trend_charts(report.daily, "day").items()},
            **{f"trend_{k}": v for k, v in trend_charts(report.trend, "month").items()},
            **breakdown_charts(report.figures), **breach_charts(report.breaches),
        },
    )
