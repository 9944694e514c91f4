from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from routing.procedures.schemas import ProcedureProgress


class CustomerOut(BaseModel):
    """The customer as routing knows them: never a name, a phone in clear or an e-mail."""

    customer_id: str | None = None
    masked_phone: str | None = None
    tier: str | None = None


class CaseOut(BaseModel):
    id: str
    number: str = Field(examples=["CS-20261122-000123"])
    feedback_id: str
    feedback_number: str
    store_id: str
    region_id: str | None
    channel: str
    status: str
    category: str
    subcategory: str | None
    urgency: str
    classified_urgency: str | None = Field(description="The classifier's urgency before raising rules.")
    raised_by: list[str]
    kind: str
    sentiment: float
    theme_words: list[str]
    confidence: float | None
    classifier_version: str
    department: str | None
    routing_rule_id: str | None
    assignee: str | None = Field(description="Staff id of the person holding the case; None: department queue.")
    watchers: list[str] = Field(description="Supervisors and managers the case was escalated to.")
    escalation_level: int
    breached: bool
    breached_clocks: list[str]
    repeat_of: str | None
    reopen_count: int
    first_contact_resolution: bool
    satisfied: bool | None
    csat: int | None
    nps: int | None
    loop_confirmed: bool
    customer: CustomerOut
    received_at: datetime
    opened_at: datetime
    acknowledged_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    updated_at: datetime


class TaskOut(BaseModel):
    id: str
    code: str
    title: str
    owner_department: str | None
    owner_id: str | None
    due_at: datetime
    status: str
    details: dict[str, Any]
    completed_at: datetime | None
    completed_by: str | None


class IncidentRef(BaseModel):
    id: str
    kind: str
    problem: str | None
    sku: str | None
    batch: str | None


class ReportRef(BaseModel):
    kind: str
    status: str


class CaseDetail(CaseOut):
    content: str | None = Field(description="What the customer said; phones and e-mails masked without pii:read.")
    resolution: str | None
    explanation: list[dict[str, Any]] = Field(description="Which rules or terms decided the labels.")
    items: list[dict[str, Any]]
    duplicates: list[str] = Field(description="Feedback ids merged into this case.")
    tasks: list[TaskOut]
    incidents: list[IncidentRef]
    allowed_actions: list[str]
    procedure: ProcedureProgress = Field(description="Each step of the case's procedure: owner, due, done, by whom.")
    liaison: str | None = Field(description="The named liaison (專人) keeping the customer informed.")
    hazards: list[str] = Field(description="Hazard types (rule H) whose removal tasks the case carries.")
    ill_count: int | None = Field(description="People ill (food safety), as recorded.")
    waiting_since: datetime | None = Field(description="Staff wait on the customer since then; clocks paused.")
    reports: list[ReportRef]


class CasePage(BaseModel):
    items: list[CaseOut]
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page; None at the end.")


class TimelineEntryOut(BaseModel):
    at: datetime
    actor: str
    entry: str
    details: dict[str, Any]
    text: str | None = Field(default=None, description="A note or comment; phones and e-mails masked without pii:read.")
