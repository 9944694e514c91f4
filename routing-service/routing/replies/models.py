from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from routing.db import Base


class MessageTemplate(Base):
    """One template in one language; editing it bumps its version (messages record the version they used)."""

    __tablename__ = "message_templates"

    id: Mapped[str] = mapped_column(String(64), primary_key=True, doc="<purpose>.<language>, e.g. acknowledgement.zh-Hant")
    purpose: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(16))
    audience: Mapped[str] = mapped_column(String(16))
    body: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_by: Mapped[str | None] = mapped_column(String(64))
