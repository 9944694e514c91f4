from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, String, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from sla.db import Base


class Calendar(Base):
    """A business calendar: opening hours per weekday in a time zone, and whose public holidays apply."""

    __tablename__ = "calendars"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    holiday_region: Mapped[str | None] = mapped_column(String(8))
    hours: Mapped[dict] = mapped_column(JSONB)  # type: ignore[type-arg]
    adjusted_day_hours: Mapped[list | None] = mapped_column(JSONB)  # type: ignore[type-arg]
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Closure(Base):
    """Days a calendar, or one store, is closed beyond its public holidays (renovation, typhoon)."""

    __tablename__ = "closures"
    __table_args__ = (
        CheckConstraint("(calendar_id IS NULL) <> (store_id IS NULL)", name="one_owner"),
        CheckConstraint("starts_on <= ends_on", name="ordered"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    calendar_id: Mapped[str | None] = mapped_column(ForeignKey("calendars.id", ondelete="CASCADE"), index=True)
    store_id: Mapped[str | None] = mapped_column(String(64), index=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
