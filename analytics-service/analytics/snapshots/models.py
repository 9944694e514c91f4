from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, String, Table, func

from analytics.db import metadata

kpi_snapshots = Table(
    "kpi_snapshots",
    metadata,
    Column("day", Date, primary_key=True),
    Column("scope", String(64), primary_key=True),
    Column("published_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    comment="which daily snapshots were already put in the outbox, so each day is published once",
)
