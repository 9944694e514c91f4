from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from routing.db import Base


class Procedure(Base):
    """One version of an urgency's procedure; versions are never edited, so a case follows the one it opened under."""

    __tablename__ = "procedures"
    __table_args__ = (
        UniqueConstraint("urgency", "version"),
        Index("ix_procedures_current_urgency", "urgency", unique=True, postgresql_where=text("current")),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=lambda: str(uuid.uuid4()))
    urgency: Mapped[str] = mapped_column(String(16), index=True)
    version: Mapped[int] = mapped_column(Integer)
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    name: Mapped[str] = mapped_column(String(200))
    steps: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    callback_required: Mapped[bool] = mapped_column(Boolean)
    confirmation_required: Mapped[bool] = mapped_column(Boolean)
    report: Mapped[str | None] = mapped_column(String(16))
    supervisor_alert: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    created_by: Mapped[str | None] = mapped_column(String(64))


class CaseStep(Base):
    """A step of a case's procedure, done: when, by whom (a periodic step has one row per time it was done)."""

    __tablename__ = "case_steps"
    __table_args__ = (Index("ix_case_steps_case_step", "case_id", "step"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"))
    step: Mapped[str] = mapped_column(String(64))
    department: Mapped[str | None] = mapped_column(String(32))
    staff_id: Mapped[str | None] = mapped_column(String(32), doc="The person the step names (the liaison).")
    done_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    done_by: Mapped[str] = mapped_column(String(64))
    by_role: Mapped[str | None] = mapped_column(String(16))
    details: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    text_sealed: Mapped[str | None] = mapped_column(Text, doc="The plan, analysis or assessment written, sealed.")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class CaseDeadline(Base):
    """routing's copy of a clock sla runs on a case (from ``closeloop.sla.v1``): the due time a step shows."""

    __tablename__ = "case_deadlines"

    clock_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(36), index=True)
    clock: Mapped[str] = mapped_column(String(64))
    round: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    stopped_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
