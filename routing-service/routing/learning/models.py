from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from routing.db import Base


class Correction(Base):
    """A labelled example from staff: the text, what the classifier said, what it should have said."""

    __tablename__ = "corrections"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=lambda: str(uuid.uuid4()))
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    text_sealed: Mapped[str] = mapped_column(Text)
    channel: Mapped[str | None] = mapped_column(String(32))
    classifier_version: Mapped[str] = mapped_column(String(32))
    predicted: Mapped[dict[str, Any]] = mapped_column(JSONB)
    corrected: Mapped[dict[str, Any]] = mapped_column(JSONB)
    by: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class ClassifierVersion(Base):
    """A trained classifier, its figures on the held-out split, and whether it is the one in use."""

    __tablename__ = "classifier_versions"
    __table_args__ = (
        Index("uq_classifier_versions_active", "status", unique=True, postgresql_where=text("status = 'active'")),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), index=True, doc="active, retired or rejected")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    activated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    based_on: Mapped[str | None] = mapped_column(String(32))
    training_examples: Mapped[int] = mapped_column(Integer, default=0)
    corrections_used: Mapped[int] = mapped_column(Integer, default=0)
    holdout_examples: Mapped[int] = mapped_column(Integer, default=0)
    metrics: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    baseline_metrics: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    decision: Mapped[str | None] = mapped_column(String(500))
    correction_ids: Mapped[list[str]] = mapped_column(
        JSONB, default=list, server_default=text("'[]'::jsonb"),
        doc="The corrections this version learnt from: the next retrain's baseline recipe.",
    )
    model: Mapped[bytes | None] = mapped_column(LargeBinary)
