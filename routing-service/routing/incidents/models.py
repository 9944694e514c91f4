from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from routing.db import Base


class Incident(Base):
    """Several cases that are one problem: the same problem at one store, or one SKU and lot across stores."""

    __tablename__ = "incidents"
    __table_args__ = (
        Index("ix_incidents_group", "kind", "store_id", "problem", "last_linked_at"),
        Index("ix_incidents_product", "kind", "sku", "batch", "last_linked_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=lambda: str(uuid.uuid4()))
    kind: Mapped[str] = mapped_column(String(24))
    store_id: Mapped[str | None] = mapped_column(String(32))
    problem: Mapped[str | None] = mapped_column(String(64))
    sku: Mapped[str | None] = mapped_column(String(64))
    batch: Mapped[str | None] = mapped_column(String(64))
    departments: Mapped[list[str]] = mapped_column(ARRAY(String(32)), default=list)
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_linked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class IncidentCase(Base):
    __tablename__ = "incident_cases"

    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True, index=True)
    linked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
