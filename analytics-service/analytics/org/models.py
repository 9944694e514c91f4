from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, String, Table

from analytics.db import metadata

stores = Table(
    "stores",
    metadata,
    Column("store_id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("region_id", String(64)),
    Column("timezone", String(64), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
