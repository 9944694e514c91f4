"""Streaming case facts as CSV rows through a server-side cursor."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from datetime import date

from sqlalchemy import select

from analytics.facts.models import case_facts
from analytics.rollups.service import Filters
from closeloop.db import Database

COLUMNS = (
    "case_id", "store_id", "region_id", "opened_day", "opened_at", "channel", "category", "subcategory", "urgency",
    "kind", "department", "assignee_id", "acknowledged_at", "resolved_at", "first_contact_resolution", "closed_at",
    "closed", "loop_confirmed", "reopens", "escalations", "repeat", "verdict_at", "verdict_satisfied",
    "breached_open", "theme_words",
)
"""No customer key or other personal data: an export leaves the system."""


async def case_rows(
    *, database: Database, start: date, end: date, filters: Filters, chunk_rows: int = 2000
) -> AsyncIterator[str]:
    """CSV text in chunks: a header, then every opened case whose local opening day is in [start, end]."""
    query = select(*[case_facts.c[c] for c in COLUMNS]).where(
        case_facts.c.opened, case_facts.c.opened_day >= start, case_facts.c.opened_day <= end
    )
    for dim, wanted in filters.items():
        column = case_facts.c[dim]
        query = query.where(column == wanted if isinstance(wanted, str) else column.in_(list(wanted)))
    query = query.order_by(case_facts.c.opened_day, case_facts.c.case_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    async with database.engine.connect() as connection:
        result = await connection.stream(query.execution_options(yield_per=chunk_rows))
        async for partition in result.partitions():
            for row in partition:
                writer.writerow([" ".join(v) if isinstance(v, list) else ("" if v is None else v) for v in row])
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()
