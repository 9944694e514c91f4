from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, Float, String, Table, Text, func
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from analytics.db import metadata

initiatives = Table(
    "initiatives",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("title", String(200), nullable=False),
    Column("owner_department", String(64)),
    Column("problem", Text),
    Column("theme_words", ARRAY(String), nullable=False, server_default="{}"),
    Column("scope", JSONB, nullable=False, comment="the KPI filters the initiative is judged on"),
    Column("start_date", Date, nullable=False),
    Column("target_figure", String(64), nullable=False),
    Column("target_value", Float, nullable=False),
    Column("created_by", String(200)),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)
