"""Writing rollup changes in bulk and reading sums from the smallest grain that answers a question."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select, text, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.db import SCHEMA
from analytics.rollups.contributions import Contributions
from analytics.rollups.grains import FAMILIES, Family
from analytics.rollups.models import TABLES

Filters = Mapping[str, str | Sequence[str]]


def _upsert_sql(family: Family) -> str:
    """Finest-grain rows arrive as one JSON array (only each row's non-zero measures); the database sums them
    into every grain at once with GROUPING SETS and adds the sums to the stored rows."""
    dims, measures = family.dims, family.measures
    record = ", ".join(["day date", *[f"{d} varchar" for d in dims], *[f"{m} bigint" for m in measures]])
    bits = " + ".join(f"(GROUPING({d}) << {i})" for i, d in enumerate(dims))
    grain_of = "CASE " + " ".join(
        f"WHEN {bits} = {sum(1 << i for i, d in enumerate(dims) if d not in g.dims)} THEN {g.id}" for g in family.grains
    ) + " END"
    sets = ", ".join("(" + ", ".join(["day", *[d for d in dims if d in g.dims]]) + ")" for g in family.grains)
    updates = ", ".join(f"{m} = t.{m} + excluded.{m}" for m in measures)
    return (
        f'INSERT INTO "{SCHEMA}".{family.table} AS t (grain, day, {", ".join(dims)}, {", ".join(measures)}) '
        f"SELECT {grain_of} AS grain, day, {', '.join(f'coalesce({d}, {chr(39) * 2})' for d in dims)}, "
        f"{', '.join(f'coalesce(sum({m}), 0)' for m in measures)} "
        f"FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r({record}) "
        f"GROUP BY GROUPING SETS ({sets}) ORDER BY 1, 2, {', '.join(str(i + 3) for i in range(len(dims)))} "
        f"ON CONFLICT ON CONSTRAINT pk_{family.table} DO UPDATE SET {updates}"
    )


_UPSERTS = {f.table: (f, text(_upsert_sql(f))) for f in FAMILIES}


async def add(*, session: AsyncSession, delta: Contributions) -> None:
    """Add a batch's change to the rollups: one statement per family, every grain at once, in key order."""
    by_table: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (table, day, dims), measures in delta.items():
        family = _UPSERTS[table][0]
        by_table[table].append({"day": day.isoformat(), **dict(zip(family.dims, dims)), **measures})
    for table in sorted(by_table):
        await session.execute(_UPSERTS[table][1], {"rows": json.dumps(by_table[table], ensure_ascii=False)})


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


async def breakdowns(
    *, session: AsyncSession, family: Family, start: date, end: date, filters: Filters, dims: Sequence[str],
    measure: str,
) -> dict[str, dict[str, int]]:
    """One measure per value of each dimension in ``dims``, in a single pass (GROUPING SETS) over one grain."""
    table = TABLES[family.table]
    grain = family.grain_for(set(filters) | set(dims))
    columns = [table.c[d] for d in dims]
    query = (
        select(*columns, *[func.grouping(c).label(f"g_{c.name}") for c in columns], func.sum(table.c[measure]).label("v"))
        .where(table.c.grain == grain.id, table.c.day >= start, table.c.day <= end)
        .group_by(func.grouping_sets(*[tuple_(c) for c in columns]))
    )
    for dim, wanted in filters.items():
        column = table.c[dim]
        query = query.where(column == wanted if isinstance(wanted, str) else column.in_(list(wanted)))
    found: dict[str, dict[str, int]] = {d: {} for d in dims}
    for row in (await session.execute(query)).mappings():
        dim = next(d for d in dims if row[f"g_{d}"] == 0)
        if row["v"]:
            found[dim][row[dim]] = int(row["v"])
    return {d: dict(sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))) for d, values in found.items()}
