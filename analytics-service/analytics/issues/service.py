"""Ranking issue terms from the issue rollups, with their change against the previous period."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from analytics.issues.schemas import Issue, ThemeWord, TopIssues
from analytics.kpis.periods import previous_period
from analytics.rollups import service as rollups
from analytics.rollups.grains import ISSUES
from analytics.rollups.service import Filters


def movement(cases: int, previous: int) -> dict[str, int | float | None]:
    return {"cases": cases, "previous_cases": previous, "change": cases - previous,
            "change_rate": (cases - previous) / previous if previous else None}


async def _counts(
    *, session: AsyncSession, start: date, end: date, filters: Filters, kind: str, n: int | None = None,
    terms: list[str] | None = None, parents: list[str] | None = None,
) -> dict[tuple[str, str], int]:
    wanted: dict[str, str | list[str]] = {**filters, "term_kind": kind}
    if terms is not None:
        wanted["term"] = terms
    if parents is not None:
        wanted["parent"] = parents
    rows = await rollups.sums(
        session=session, family=ISSUES, start=start, end=end, filters=wanted, group_by=["term", "parent"],
        order_by="cases", limit=n,
    )
    return {(r["term"], r["parent"]): r["cases"] for r in rows if r["cases"] > 0}


async def top_issues(
    *, session: AsyncSession, start: date, end: date, filters: Filters, n: int, words_per_issue: int = 5
) -> TopIssues:
    """The n most raised subcategories (with their theme words) and the n most frequent theme words."""
    prev_start, prev_end = previous_period(start, end)
    top = await _counts(session=session, start=start, end=end, filters=filters, kind="subcategory", n=n)
    subcategories = [term for term, _ in top]
    before = await _counts(session=session, start=prev_start, end=prev_end, filters=filters, kind="subcategory",
                           terms=subcategories) if subcategories else {}
    pairs = await _counts(session=session, start=start, end=end, filters=filters, kind="pair",
                          parents=subcategories) if subcategories else {}
    pairs_before = await _counts(session=session, start=prev_start, end=prev_end, filters=filters, kind="pair",
                                 parents=subcategories, terms=sorted({w for w, _ in pairs})) if pairs else {}
    issues = []
    for (subcategory, _), cases in top.items():
        words = sorted(((w, c) for (w, p), c in pairs.items() if p == subcategory), key=lambda x: (-x[1], x[0]))
        issues.append(Issue(
            subcategory=subcategory, **movement(cases, before.get((subcategory, ""), 0)),
            theme_words=[ThemeWord(word=w, **movement(c, pairs_before.get((w, subcategory), 0)))
                         for w, c in words[:words_per_issue]],
        ))
    words = await _counts(session=session, start=start, end=end, filters=filters, kind="theme", n=n)
    words_before = await _counts(session=session, start=prev_start, end=prev_end, filters=filters, kind="theme",
                                 terms=[w for w, _ in words]) if words else {}
    return TopIssues(
        start=start, end=end, previous_start=prev_start, previous_end=prev_end, issues=issues,
        theme_words=[ThemeWord(word=w, **movement(c, words_before.get((w, ""), 0))) for (w, _), c in words.items()],
    )
