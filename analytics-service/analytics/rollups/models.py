"""One table per rollup family, its columns following the family's dimensions and measures."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Date, Index, Integer, PrimaryKeyConstraint, SmallInteger, String, Table, text

from analytics.db import metadata
from analytics.rollups.grains import BREACHES, CASES, FAMILIES, ISSUES, Family


FILLFACTOR = 60
"""Room on each page of a grain's partition so that adding to a row's measures is a HOT update."""
WIDE_MEASURES = frozenset({"ack_seconds", "resolution_seconds"})
"""Sums of seconds can pass 2³¹ in a day; every other measure is a count and fits an integer (narrow rows
are fewer pages to read)."""


def _table(family: Family, *indexes: tuple[str, ...]) -> Table:
    return Table(
        family.table,
        metadata,
        Column("grain", SmallInteger, nullable=False),
        Column("day", Date, nullable=False),
        *[Column(d, String(64), nullable=False, server_default=text("''")) for d in family.dims],
        *[Column(m, BigInteger if m in WIDE_MEASURES else Integer, nullable=False, server_default=text("0"))
          for m in family.measures],
        PrimaryKeyConstraint("grain", "day", *family.dims, name=f"pk_{family.table}"),
        *[Index(f"ix_{family.table}_{'_'.join(cols)}", "grain", *cols, "day") for cols in indexes],
        postgresql_partition_by="LIST (grain)",  # one partition per grain: a grain's rows sit together
    )


case_rollups = _table(CASES, ("store_id",), ("assignee_id",), ("department",))
issue_rollups = _table(ISSUES, ("store_id",))
breach_rollups = _table(BREACHES, ("store_id",))
TABLES: dict[str, Table] = {f.table: metadata.tables[f"{metadata.schema}.{f.table}"] for f in FAMILIES}
