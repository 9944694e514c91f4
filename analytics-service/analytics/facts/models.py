"""Tables of case facts: one row per case, plus the links that let a survey find its case."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger, Boolean, Column, Date, DateTime, Index, Integer, String, Table, func, text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from analytics.db import metadata

case_facts = Table(
    "case_facts",
    metadata,
    Column("case_id", String(64), primary_key=True),
    Column("feedback_id", String(64)),
    Column("opened", Boolean, nullable=False, server_default=text("false")),
    Column("store_id", String(64)),
    Column("region_id", String(64)),
    Column("channel", String(32)),
    Column("category", String(32)),
    Column("subcategory", String(64)),
    Column("urgency", String(16)),
    Column("kind", String(16)),
    Column("department", String(64)),
    Column("assignee_id", String(64)),
    Column("assigned_at", DateTime(timezone=True)),
    Column("classified_at", DateTime(timezone=True), comment="latest reclassification or urgency raise"),
    Column("customer_key", String(128)),
    Column("theme_words", ARRAY(String), nullable=False, server_default=text("'{}'")),
    Column("timezone", String(64)),
    Column("received_at", DateTime(timezone=True)),
    Column("opened_at", DateTime(timezone=True)),
    Column("opened_day", Date, comment="local day of opened_at in the store's time zone"),
    Column("acknowledged_at", DateTime(timezone=True)),
    Column("resolved_at", DateTime(timezone=True)),
    Column("first_contact_resolution", Boolean, nullable=False, server_default=text("false")),
    Column("closed_at", DateTime(timezone=True)),
    Column("closed", Boolean, nullable=False, server_default=text("false")),
    Column("closure_score", Integer),
    Column("loop_confirmed", Boolean, nullable=False, server_default=text("false")),
    Column("reopened_at", DateTime(timezone=True)),
    Column("reopens", Integer, nullable=False, server_default=text("0")),
    Column("escalations", Integer, nullable=False, server_default=text("0")),
    Column("repeat", Boolean, nullable=False, server_default=text("false")),
    Column("verdict_id", String(64)),
    Column("verdict_at", DateTime(timezone=True)),
    Column("verdict_satisfied", Boolean),
    Column("verdict_resolved", Boolean),
    Column("answers", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("clocks", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("breached_open", Boolean, nullable=False, server_default=text("false")),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_case_facts_feedback_id", "feedback_id"),
    Index("ix_case_facts_store_id", "store_id"),
    Index("ix_case_facts_opened_day", "opened_day", "store_id"),
    Index("ix_case_facts_customer", "customer_key", "subcategory", "opened_at"),
    Index("ix_case_facts_breached_open", "store_id", postgresql_where=text("breached_open")),
    postgresql_with={"fillfactor": 80},
)

feedback_links = Table(
    "feedback_links",
    metadata,
    Column("feedback_id", String(64), primary_key=True),
    Column("case_id", String(64), comment="the case this feedback opened, when it opened one"),
    Column("duplicate_of", String(64), comment="the earlier feedback a near-duplicate was merged into"),
    Index("ix_feedback_links_duplicate_of", "duplicate_of"),
)

parked_events = Table(
    "parked_events",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("feedback_id", String(64), nullable=False, index=True),
    Column("event_type", String(200), nullable=False),
    Column("payload", JSONB, nullable=False),
    Column("parked_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    comment="surveys that arrived before the case of their feedback; applied when it opens",
)
