"""Events routing publishes about the organisation; other services keep read copies from them."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from closeloop.contracts.envelope import EventPayload
from closeloop.contracts.topics import ORG


class StoreUpserted(EventPayload):
    """A store (門店) as the other services need it: its region, time zone and calendar."""

    event_type: ClassVar[str] = "closeloop.org.store_upserted.v1"
    topic: ClassVar[str] = ORG
    subject_field: ClassVar[str] = "store_id"

    store_id: str
    name: str
    region_id: str | None = None
    timezone: str = "Asia/Shanghai"
    calendar: str = "CN"
    active: bool = True
    updated_at: datetime
