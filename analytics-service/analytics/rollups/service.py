"""Writing rollup changes in bulk and reading sums from the smallest grain that answers a question."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.db import SCHEMA
from analytics.rollups.contributions import Contributions
from analytics.rollups.grains import FAMILIES, Family
from analytics.rollups.models import TABLES

Filters = Mapping[str, str | Sequence[str]]


def _upsert_sql(family: Family) -> str:
    dims, measures = family.dims, family.measures
    columns = ["grain", "day", *dims, *measures]
    arrays = (
        ["CAST(:grain AS smallint[])", "CAST(:day AS date[])"]
        + [f"CAST(:{d} AS varchar[])" for d in dims]
        + [f"CAST(:{m} AS bigint[])" for m in measures]
    )
    updates = ", ".join(f"{m} = t.{m} + excluded.{m}" for m in measures)
    return (
        f'INSERT INTO "{SCHEMA}".{family.table} AS t ({", ".join(columns)}) '
        f'SELECT * FROM unnest({", ".join(arrays)}) '
        f"ON CONFLICT ON CONSTRAINT pk_{family.table} DO UPDATE SET {updates}"
    )


_UPSERTS = {f.table: (f, text(_upsert_sql(f))) for f in FAMILIES}


async def add(*, session: AsyncSession, delta: Contributions) -> None:
    """Add a batch's change to the rollups: one statement per family, rows in key order (no deadlocks)."""
    by_table: dict[str, list[tuple[int, date, tuple[str, ...], dict[str, int]]]] = defaultdict(list)
    for (table, grain, day, dims), measures in delta.items():
        by_table[table].append((grain, day, dims, measures))
    for table, rows in by_table.items():
        family, statement = _UPSERTS[table]
        rows.sort(key=lambda r: (r[0], r[1], r[2]))
        params: dict[str, list[Any]] = {"grain": [r[0] for r in rows], "day": [r[1] for r in rows]}
        for i, dim in enumerate(family.dims):
            params[dim] = [r[2][i] for r in rows]
        for measure in family.measures:
            params[measure] = [r[3].get(measure, 0) for r in rows]
        await session.execute(statement, params)


async def sums(
    *,
    session: AsyncSession,
    family: Family,
    start: date,
    end: date,
    filters: Filters,
    group_by: Sequence[str] = (),
    by_day: bool = False,
    measures: Sequence[str] | None = None,
    order_by: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Sums of measures over local days [start, end], filtered and grouped, read from the smallest fitting grain."""
    table = TABLES[family.table]
    grain = family.grain_for(set(filters) | set(group_by))
    names = list(measures or family.measures)
    keys = [table.c[d] for d in group_by] + ([table.c.day] if by_day else [])
    query = select(*keys, *[func.sum(table.c[m]).label(m) for m in names]).where(
        table.c.grain == grain.id, table.c.day >= start, table.c.day <= end
    )
    for dim, wanted in filters.items():
        column = table.c[dim]
        query = query.where(column == wanted if isinstance(wanted, str) else column.in_(list(wanted)))
    if keys:
        query = query.group_by(*keys)
    if order_by:
        query = query.order_by(func.sum(table.c[order_by]).desc(), *keys)
    if limit:
        query = query.limit(limit)
    rows = []
    for row in (await session.execute(query)).mappings():
        rows.append({k: (int(v) if k in names and v is not None else (v if v is not None else 0)) for k, v in row.items()})
    return rows
