from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, SmallInteger, String, Text,
    UniqueConstraint, func,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from routing.db import Base

URGENCY_RANK = {"urgent": 0, "important": 1, "general": 2, "minor": 3}


def _uuid() -> str:
    return str(uuid.uuid4())


class Case(Base):
    """A case (工單): one feedback (and its merged duplicates) from opening to closing."""

    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_queue", "department", "status", "urgency_rank", "opened_at"),
        Index("ix_cases_assignee_status", "assignee_id", "status"),
        Index("ix_cases_store_opened", "store_id", "opened_at"),
        Index("ix_cases_customer", "customer_key", "received_at"),
        Index("ix_cases_received", "received_at"),
        Index("ix_cases_items", "items", postgresql_using="gin", postgresql_ops={"items": "jsonb_path_ops"}),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=_uuid)
    number: Mapped[str] = mapped_column(String(24), unique=True)
    feedback_id: Mapped[str] = mapped_column(String(36), unique=True)
    feedback_number: Mapped[str] = mapped_column(String(20))
    store_id: Mapped[str] = mapped_column(String(32), index=True)
    region_id: Mapped[str | None] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(32))
    content_sealed: Mapped[str | None] = mapped_column(Text, doc="Feedback text, Fernet-sealed.")
    language: Mapped[str | None] = mapped_column(String(16))
    customer_id: Mapped[str | None] = mapped_column(String(64))
    customer_key: Mapped[str | None] = mapped_column(
        String(128), doc="customer id, else the keyed phone hash: how repeat complaints find each other."
    )
    customer_masked_phone: Mapped[str | None] = mapped_column(String(32))
    customer_tier: Mapped[str | None] = mapped_column(String(16))
    customer: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, doc="The CustomerRef as received.")
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)

    category: Mapped[str] = mapped_column(String(16))
    subcategory: Mapped[str | None] = mapped_column(String(32))
    urgency: Mapped[str] = mapped_column(String(16))
    urgency_rank: Mapped[int] = mapped_column(SmallInteger, default=2)
    classified_urgency: Mapped[str | None] = mapped_column(String(16))
    raised_by: Mapped[list[str]] = mapped_column(JSONB, default=list)
    kind: Mapped[str] = mapped_column(String(16))
    sentiment: Mapped[float] = mapped_column(Float, default=0.0)
    theme_words: Mapped[list[str]] = mapped_column(JSONB, default=list)
    confidence: Mapped[float | None] = mapped_column(Float)
    explanation: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    classifier_version: Mapped[str] = mapped_column(String(32))

    department: Mapped[str | None] = mapped_column(String(32))
    routing_rule_id: Mapped[str | None] = mapped_column(String(64))
    assignee_id: Mapped[str | None] = mapped_column(String(32))
    watchers: Mapped[list[str]] = mapped_column(ARRAY(String(32)), default=list)
    status: Mapped[str] = mapped_column(String(16), default="new")
    escalation_level: Mapped[int] = mapped_column(SmallInteger, default=0)
    breached: Mapped[bool] = mapped_column(Boolean, default=False)
    breached_clocks: Mapped[list[str]] = mapped_column(JSONB, default=list)
    repeat_of: Mapped[str | None] = mapped_column(String(36))
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)

    procedure_id: Mapped[str | None] = mapped_column(String(36), doc="The version of the procedure the case follows.")
    liaison_id: Mapped[str | None] = mapped_column(String(32), doc="The named liaison (專人) of an urgent case.")
    departments_concerned: Mapped[list[str]] = mapped_column(
        JSONB, default=list, doc="Departments the emergency plan named as concerned, besides the owning department "
        "and the safety tasks' owners (who always are)."
    )
    hazards: Mapped[list[str]] = mapped_column(JSONB, default=list, doc="Hazard types whose removal tasks it carries.")
    ill_count: Mapped[int | None] = mapped_column(Integer, doc="People ill (food safety), as recorded by staff.")
    waiting_since: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), doc="Staff wait on the customer since then (clocks paused)."
    )

    resolution_sealed: Mapped[str | None] = mapped_column(Text)
    first_contact_resolution: Mapped[bool] = mapped_column(Boolean, default=False)
    satisfied: Mapped[bool | None] = mapped_column(Boolean)
    csat: Mapped[int | None] = mapped_column(SmallInteger)
    nps: Mapped[int | None] = mapped_column(SmallInteger)
    loop_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)

    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    def set_urgency(self, urgency: str) -> None:
        self.urgency = urgency
        self.urgency_rank = URGENCY_RANK[urgency]


class FeedbackLink(Base):
    """Every feedback behind a case: the one that opened it and the duplicates merged into it."""

    __tablename__ = "case_feedback"

    feedback_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    primary_feedback_id: Mapped[str] = mapped_column(String(36), index=True)
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id"), index=True)
    feedback_number: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(32))
    customer: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    attached_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class TimelineEntry(Base):
    """One line of a case's timeline: what happened, who did it, when."""

    __tablename__ = "timeline"
    __table_args__ = (UniqueConstraint("case_id", "idempotency_key"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(64))
    entry: Mapped[str] = mapped_column(String(32))
    details: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    text_sealed: Mapped[str | None] = mapped_column(Text, doc="Free text (a note, a comment), sealed.")
    idempotency_key: Mapped[str | None] = mapped_column(String(128))


class CaseCounter(Base):
    """The day's last case number, so replicas never hand out the same number twice."""

    __tablename__ = "case_counters"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)
