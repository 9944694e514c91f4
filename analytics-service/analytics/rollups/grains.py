"""Rollup families, their grains and the measures they sum: the shape that lets figures answer without scans.

A family is one rollup table. Each case adds its measures to one row per grain of each family it
belongs to; a grain keeps some dimensions and folds the others into ``''`` (all). A query reads the
smallest grain that keeps every dimension it filters or groups by, so a chain-wide month touches a
few dozen rows and a single store's month a few thousand at most.
"""

from __future__ import annotations

from dataclasses import dataclass

from closeloop.problems import Problem

ALL = ""
"""The value a folded dimension holds in a grain that does not keep it."""

# Log-spaced edges (seconds) of the duration histograms behind the p50/p90 figures.
DURATION_EDGES: tuple[int, ...] = (
    60, 300, 900, 1800, 3600, 7200, 14400, 28800, 43200, 86400, 129600, 172800, 259200, 345600, 604800,
)
"""Upper bounds of the duration buckets; a last, open bucket holds everything longer than a week."""
HISTOGRAM_BUCKETS = len(DURATION_EDGES) + 1


@dataclass(frozen=True)
class Grain:
    id: int
    dims: frozenset[str]


@dataclass(frozen=True)
class Family:
    """One rollup table: the dimensions it can keep, the grains it keeps them at, and its measures."""

    table: str
    dims: tuple[str, ...]
    grains: tuple[Grain, ...]
    measures: tuple[str, ...]

    def grain_for(self, needed: set[str]) -> Grain:
        """The smallest grain (first listed) that keeps every dimension a query filters or groups by."""
        for grain in self.grains:
            if needed <= grain.dims:
                return grain
        unknown = sorted(needed - set(self.dims))
        raise Problem(
            422, "Unsupported filter",
            f"{self.table} cannot be filtered or grouped by {', '.join(unknown or sorted(needed))}",
        )


def _grains(*dimsets: tuple[str, ...]) -> tuple[Grain, ...]:
    return tuple(Grain(i, frozenset(d)) for i, d in enumerate(dimsets))


def _hist(prefix: str) -> tuple[str, ...]:
    return tuple(f"{prefix}_h{i:02d}" for i in range(HISTOGRAM_BUCKETS))


STORE = ("region_id", "store_id")
SHAPE = ("category", "urgency", "channel", "kind")
TERM = ("term_kind", "term", "parent")
"""An issue term: a subcategory, a theme word (主題詞), or a theme word under its subcategory (parent)."""

CASE_MEASURES: tuple[str, ...] = (
    # attributed to the day the case was opened (the cohort of the period)
    "opened", "complaints", "closed", "closed_loop", "resolved", "fcr", "resolved_accepted",
    "escalated", "repeats", "acknowledged", "ack_seconds", "resolution_count", "resolution_seconds",
    *_hist("ack"), *_hist("res"),
    # attributed to the day the latest verdict was recorded
    "verdicts", "satisfied",
    # attributed to the day each survey answer was recorded
    "csat_answers", "csat_sum", "csat_top2", "nps_answers", "nps_promoters", "nps_detractors",
    # attributed to the day the handling clock fell due
    "clocks_due", "clocks_met",
    # attributed to the day a clock was breached
    "breaches",
)

CASES = Family(
    table="case_rollups",
    dims=(*STORE, *SHAPE, "department", "assignee_id"),
    grains=_grains(
        (),
        ("department",),
        STORE,
        SHAPE,
        ("department", "assignee_id", *STORE),
        (*SHAPE, "department"),
        # Every dimension: about one row per case, so it is read only through the store or assignee index
        # (a store's month is a few thousand rows); a store × shape grain would be as large and is not kept.
        (*STORE, *SHAPE, "department", "assignee_id"),
    ),
    measures=CASE_MEASURES,
)

ISSUES = Family(
    table="issue_rollups",
    dims=("term_kind", "term", "parent", *STORE, "category", "urgency", "channel", "department"),
    grains=_grains(
        (*TERM, "category"),
        (*TERM, "department"),
        (*TERM, *STORE),
        (*TERM, *STORE, "category", "urgency", "channel", "department"),
    ),
    measures=("cases",),
)

BREACHES = Family(
    table="breach_rollups",
    dims=("clock", *STORE, "department", "category", "urgency"),
    grains=_grains(
        ("clock", "department"),
        ("clock", *STORE),
        ("clock", "category", "urgency", "department"),
        ("clock", *STORE, "department", "category", "urgency"),
    ),
    measures=("breaches",),
)

FAMILIES: tuple[Family, ...] = (CASES, ISSUES, BREACHES)
