"""Events routing publishes about a case (工單), from opening to closing."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Literal

from pydantic import Field

from closeloop.contracts.envelope import EventPayload
from closeloop.contracts.feedback import Channel, CustomerRef, Kind
from closeloop.contracts.topics import CASE

Category = Literal["service", "product", "environment", "safety", "other"]
Urgency = Literal["urgent", "important", "general", "minor"]


class _CaseEvent(EventPayload):
    topic: ClassVar[str] = CASE
    subject_field: ClassVar[str] = "case_id"

    case_id: str
    occurred_at: datetime = Field(description="When the change happened in the case's life.")


class CaseOpened(_CaseEvent):
    event_type: ClassVar[str] = "closeloop.case.opened.v1"

    feedback_id: str
    feedback_number: str
    store_id: str
    region_id: str | None = None
    channel: Channel
    received_at: datetime
    category: Category
    subcategory: str | None = None
    urgency: Urgency
    kind: Kind
    sentiment: float = 0.0
    theme_words: list[str] = []
    department: str | None = None
    classifier_version: str
    customer: CustomerRef = CustomerRef()


class CaseAssigned(_CaseEvent):
    event_type: ClassVar[str] = "closeloop.case.assigned.v1"

    department: str
    assignee_id: str | None = None


class CaseAcknowledged(_CaseEvent):
    """First contact (初次溝通) with the customer was made."""

    event_type: ClassVar[str] = "closeloop.case.acknowledged.v1"

    by: str | None = None


class CaseResolved(_CaseEvent):
    event_type: ClassVar[str] = "closeloop.case.resolved.v1"

    resolution: str | None = None
    first_contact_resolution: bool = False


class CaseClosed(_CaseEvent):
    event_type: ClassVar[str] = "closeloop.case.closed.v1"

    reason: str | None = None
