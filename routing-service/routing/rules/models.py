from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, func
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from routing.db import Base


class RoutingRule(Base):
    """Matches on category/subcategory/urgency/store/channel/tier (empty = any); lowest position wins."""

    __tablename__ = "routing_rules"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(String(200))
    categories: Mapped[list[str]] = mapped_column(ARRAY(String(16)), default=list)
    subcategories: Mapped[list[str]] = mapped_column(ARRAY(String(32)), default=list)
    urgencies: Mapped[list[str]] = mapped_column(ARRAY(String(16)), default=list)
    store_ids: Mapped[list[str]] = mapped_column(ARRAY(String(32)), default=list)
    channels: Mapped[list[str]] = mapped_column(ARRAY(String(32)), default=list)
    tiers: Mapped[list[str]] = mapped_column(ARRAY(String(16)), default=list)
    department_id: Mapped[str] = mapped_column(ForeignKey("departments.id"))
    required_skill: Mapped[str | None] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
