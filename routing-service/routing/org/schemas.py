from __future__ import annotations

import re
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator

ORG_ID = r"^[A-Za-z0-9_-]{1,32}$"
StaffRole = Literal["staff", "supervisor", "manager"]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class RegionIn(_In):
    name: str = Field(min_length=1, max_length=100)
    active: bool = True


class RegionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    active: bool
    updated_at: datetime


class StoreIn(_In):
    name: str = Field(min_length=1, max_length=100)
    region_id: str | None = Field(default=None, pattern=ORG_ID)
    timezone: str = Field(default="Asia/Shanghai", examples=["Asia/Shanghai", "Asia/Hong_Kong"])
    calendar: str = Field(default="CN", description="Business calendar (public holidays) the store follows.",
                          examples=["CN", "HK", "TW"])
    active: bool = True

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown IANA time zone {value!r}") from exc
        return value

    @field_validator("calendar")
    @classmethod
    def _calendar_code(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Z]{2}(-[A-Z0-9]{1,3})?", value):
            raise ValueError("calendar is an ISO 3166 country code, optionally with a subdivision (CN, HK, CN-GD)")
        return value


class StoreOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    region_id: str | None
    timezone: str
    calendar: str
    active: bool
    updated_at: datetime


class DepartmentIn(_In):
    name: str = Field(min_length=1, max_length=100, examples=["客服部"])
    active: bool = True


class DepartmentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    active: bool
    updated_at: datetime


class StaffIn(_In):
    name: str = Field(min_length=1, max_length=100)
    department_id: str = Field(pattern=ORG_ID)
    role: StaffRole = "staff"
    store_ids: list[str] = Field(default=[], description="Stores covered; empty means every store.", max_length=500)
    supervisor_id: str | None = Field(default=None, pattern=ORG_ID)
    skills: list[str] = Field(default=[], max_length=50)
    capacity: int = Field(default=10, ge=0, le=1000, description="Open cases this person can hold at once.")
    on_shift: bool = False
    active: bool = True

    @field_validator("store_ids", "skills")
    @classmethod
    def _distinct_ids(cls, values: list[str]) -> list[str]:
        for value in values:
            if not re.fullmatch(ORG_ID, value):
                raise ValueError(f"{value!r} is not a valid id (letters, digits, _ and -, up to 32)")
        return sorted(set(values))


class ShiftIn(_In):
    on_shift: bool


class StaffOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    department_id: str
    role: str
    store_ids: list[str]
    supervisor_id: str | None
    skills: list[str]
    capacity: int
    on_shift: bool
    active: bool
    updated_at: datetime
