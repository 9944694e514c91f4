from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, String
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from sla.db import Base


class Store(Base):
    """A store as the org topic last described it: its region, time zone and holiday region."""

    __tablename__ = "stores"

    store_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    region_id: Mapped[str | None] = mapped_column(String(64), index=True)
    timezone: Mapped[str] = mapped_column(String(64))
    calendar: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Staff(Base):
    """A staff member as ladders need them: role, stores covered and who they report to (no personal data)."""

    __tablename__ = "staff"

    staff_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    department_id: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(32), index=True)
    store_ids: Mapped[list[str]] = mapped_column(ARRAY(String(64)), default=list)
    supervisor_id: Mapped[str | None] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Override(Base):
    """A region's or store's own calendar or ladder; what it leaves empty it inherits from above."""

    __tablename__ = "overrides"

    scope: Mapped[str] = mapped_column(String(8), primary_key=True)  # region | store
    scope_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    calendar_id: Mapped[str | None] = mapped_column(String(64))
    ladder_id: Mapped[str | None] = mapped_column(String(64))
