"""The CloudEvents 1.0 structured-JSON envelope and the base of every event payload."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_BASE = "https://closeloop.dev/schemas/"
_REGISTRY: dict[str, type["EventPayload"]] = {}


class EventPayload(BaseModel):
    """Base of one event type's ``data``; subclasses declare their type, topic and subject field."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    event_type: ClassVar[str]
    topic: ClassVar[str]
    subject_field: ClassVar[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "event_type" in cls.__dict__:
            if cls.event_type in _REGISTRY:
                raise TypeError(f"event type {cls.event_type} is declared twice")
            _REGISTRY[cls.event_type] = cls

    @property
    def subject(self) -> str:
        """The aggregate id: the Kafka key, so one aggregate's events stay in order."""
        return str(getattr(self, self.subject_field))


def event_model(event_type: str) -> type[EventPayload] | None:
    return _REGISTRY.get(event_type)


def registered_events() -> dict[str, type[EventPayload]]:
    """The published contracts: event types declared in ``closeloop.contracts`` (tests may register their own)."""
    return {t: m for t, m in sorted(_REGISTRY.items()) if m.__module__.startswith("closeloop.contracts.")}


class CloudEvent(BaseModel):
    """A CloudEvents 1.0 envelope in structured JSON mode."""

    model_config = ConfigDict(extra="allow")

    specversion: Literal["1.0"] = "1.0"
    id: str = Field(default_factory=lambda: str(uuid.uuid4()))
    source: str
    type: str
    subject: str
    time: datetime = Field(default_factory=lambda: datetime.now(UTC))
    datacontenttype: Literal["application/json"] = "application/json"
    dataschema: str | None = None
    data: dict[str, Any]

    @classmethod
    def wrap(cls, payload: EventPayload, *, source: str, time: datetime | None = None) -> "CloudEvent":
        return cls(
            source=source,
            type=payload.event_type,
            subject=payload.subject,
            time=time or datetime.now(UTC),
            dataschema=f"{SCHEMA_BASE}{payload.event_type}.json",
            data=payload.model_dump(mode="json"),
        )

    def payload(self) -> EventPayload:
        """The typed payload; raises ``LookupError`` for a type this build does not know."""
        model = event_model(self.type)
        if model is None:
            raise LookupError(f"unknown event type {self.type}")
        return model.model_validate(self.data)
