"""Events routing publishes about the organisation; other services keep read copies from them.

Each event carries the whole current state of one thing (region, store, department, staff member),
so a consumer upserts it and a replay of the topic rebuilds a copy from nothing.
Staff appear by id, role and scope only: no names, phone numbers or e-mail addresses.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Literal

from pydantic import Field

from closeloop.contracts.envelope import EventPayload
from closeloop.contracts.topics import ORG

StaffRole = Literal["staff", "supervisor", "manager"]


class RegionUpserted(EventPayload):
    """A region (區域) of the chain: the level above the store in ladders and figures."""

    event_type: ClassVar[str] = "closeloop.org.region_upserted.v1"
    topic: ClassVar[str] = ORG
    subject_field: ClassVar[str] = "region_id"

    region_id: str
    name: str
    active: bool = True
    updated_at: datetime


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


class DepartmentUpserted(EventPayload):
    """A department (部門) that owns cases: 客服部, 銷售部/門店營運, 採購部, 後勤保障部, 食品安全部, 安保部, ..."""

    event_type: ClassVar[str] = "closeloop.org.department_upserted.v1"
    topic: ClassVar[str] = ORG
    subject_field: ClassVar[str] = "department_id"

    department_id: str = Field(examples=["customer_service"])
    name: str = Field(examples=["客服部"])
    active: bool = True
    updated_at: datetime


class StaffUpserted(EventPayload):
    """A staff member (員工) as ladders need them: department, role, the stores they cover, who they report to."""

    event_type: ClassVar[str] = "closeloop.org.staff_upserted.v1"
    topic: ClassVar[str] = ORG
    subject_field: ClassVar[str] = "staff_id"

    staff_id: str
    department_id: str
    role: StaffRole
    store_ids: list[str] = Field(default=[], description="Stores covered; empty means every store of the chain.")
    supervisor_id: str | None = None
    skills: list[str] = []
    capacity: int = 0
    on_shift: bool = False
    active: bool = True
    updated_at: datetime
