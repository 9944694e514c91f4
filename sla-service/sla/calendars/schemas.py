from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import available_timezones

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from sla.calendars.public_holidays import HOLIDAY_REGIONS
from sla.calendars.working_time import WEEKDAYS

Span = tuple[str, str]


def _check_spans(spans: list[Span], where: str) -> None:
    parsed = []
    for start, end in spans:
        try:
            a, b = time.fromisoformat(start), time.fromisoformat(end)
        except ValueError as exc:
            raise ValueError(f"{where}: {exc}") from None
        if not a < b:
            raise ValueError(f"{where}: opening {start} must come before closing {end}")
        parsed.append((a, b))
    parsed.sort()
    for (_, end), (start, _) in zip(parsed, parsed[1:]):
        if start < end:
            raise ValueError(f"{where}: opening intervals overlap")


class CalendarIn(BaseModel):
    """Opening hours per weekday (local times), a time zone, and whose public holidays apply."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    timezone: str = Field(examples=["Asia/Shanghai"])
    holiday_region: str | None = Field(default="CN", description="CN (with 調休), HK, TW, or null for none.")
    hours: dict[str, list[Span]] = Field(examples=[{"mon": [["09:00", "12:00"], ["13:00", "18:00"]]}])
    adjusted_day_hours: list[Span] | None = Field(
        default=None, description="Hours on an adjusted working day (調休) that has none; default: Monday's."
    )

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if value not in available_timezones():
            raise ValueError(f"unknown IANA time zone {value!r}")
        return value

    @field_validator("holiday_region")
    @classmethod
    def _known_region(cls, value: str | None) -> str | None:
        if value is not None and value not in HOLIDAY_REGIONS:
            raise ValueError(f"holiday_region must be one of {', '.join(HOLIDAY_REGIONS)} or null")
        return value

    @model_validator(mode="after")
    def _hours_valid(self) -> CalendarIn:
        for day, spans in self.hours.items():
            if day not in WEEKDAYS:
                raise ValueError(f"unknown weekday {day!r}; expected {', '.join(WEEKDAYS)}")
            _check_spans(spans, day)
        if not any(self.hours.values()):
            raise ValueError("a calendar must open on at least one weekday")
        if self.adjusted_day_hours:
            _check_spans(self.adjusted_day_hours, "adjusted_day_hours")
        return self


class CalendarCreate(CalendarIn):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$", max_length=64)


class ClosureIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    starts_on: date
    ends_on: date
    reason: str | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def _ordered(self) -> ClosureIn:
        if self.ends_on < self.starts_on:
            raise ValueError("ends_on must not come before starts_on")
        if (self.ends_on - self.starts_on).days > 366:
            raise ValueError("a closure may last at most a year")
        return self


class ClosureOut(ClosureIn):
    model_config = ConfigDict(from_attributes=True)

    id: int
    calendar_id: str | None
    store_id: str | None


class CalendarOut(CalendarIn):
    model_config = ConfigDict(from_attributes=True)

    id: str
    version: int
    updated_at: datetime
    closures: list[ClosureOut] = []


class WorkingTimeOut(BaseModel):
    """A preview of the calendar's arithmetic, for people checking a deadline."""

    start: datetime
    due_at: datetime
    working_seconds: float
