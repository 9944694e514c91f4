"""Events routing publishes about a case (工單), from opening to closing.

Free text the customer or staff wrote (feedback content, notes, callback comments) never travels on
this topic; a resolution is published with phone numbers and e-mail addresses masked.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Literal

from pydantic import Field

from closeloop.contracts.envelope import EventPayload
from closeloop.contracts.feedback import Channel, CustomerRef, ItemRef, Kind
from closeloop.contracts.topics import CASE

Category = Literal["service", "product", "environment", "safety", "other"]
Urgency = Literal["urgent", "important", "general", "minor"]
CaseStatus = Literal["new", "assigned", "acknowledged", "in_progress", "resolved", "closed", "reopened"]
IncidentKind = Literal["group_complaint", "product_incident"]


class _CaseEvent(EventPayload):
    topic: ClassVar[str] = CASE
    subject_field: ClassVar[str] = "case_id"

    case_id: str
    occurred_at: datetime = Field(description="When the change happened in the case's life.")


class CaseOpened(_CaseEvent):
    """A feedback became a case: classified, routed to its owning department, perhaps already assigned."""

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
    number: str | None = Field(default=None, description="The case number staff quote, e.g. CS-20261122-000123.")
    status: CaseStatus = "new"
    assignee_id: str | None = None
    confidence: float | None = None
    classified_urgency: Urgency | None = Field(
        default=None, description="The classifier's urgency before raising rules (group, VIP, repeat) applied."
    )
    raised_by: list[str] = Field(
        default=[], description="Raising rules that lifted the urgency.",
        examples=[["group_complaint", "vip_customer", "strategic_customer", "repeat_complaint"]],
    )
    routing_rule_id: str | None = Field(default=None, description="The routing rule that chose the department.")
    items: list[ItemRef] = []
    procedure_version: int | None = Field(
        default=None, description="Version of the urgency's handling procedure (處理流程) the case follows."
    )


class CaseAssigned(_CaseEvent):
    """The case went to a department and, when someone eligible is on shift, to a person in it."""

    event_type: ClassVar[str] = "closeloop.case.assigned.v1"

    department: str
    assignee_id: str | None = Field(default=None, description="None: the case waits in the department queue.")
    assignee_role: str | None = Field(default=None, description="staff, supervisor or manager.")
    previous_department: str | None = None
    previous_assignee_id: str | None = None
    by: str | None = Field(default=None, description="Who reassigned it; None when routing chose.")
    reason: str | None = None


class CaseAcknowledged(_CaseEvent):
    """First contact (初次溝通) with the customer was made."""

    event_type: ClassVar[str] = "closeloop.case.acknowledged.v1"

    by: str | None = None


class CaseStatusChanged(_CaseEvent):
    """Every move of the case through its state machine, whatever caused it."""

    event_type: ClassVar[str] = "closeloop.case.status_changed.v1"

    from_status: CaseStatus
    to_status: CaseStatus
    action: str = Field(description="The action or event that moved it (acknowledge, resolve, survey, ...).")
    by: str | None = None


class CaseReclassified(_CaseEvent):
    """Staff corrected the classification; the correction is kept as a labelled example for retraining."""

    event_type: ClassVar[str] = "closeloop.case.reclassified.v1"

    category: Category
    subcategory: str | None = None
    urgency: Urgency
    kind: Kind
    previous_category: Category
    previous_subcategory: str | None = None
    previous_urgency: Urgency
    previous_kind: Kind
    by: str | None = None
    correction_id: str | None = None


class CaseUrgencyRaised(_CaseEvent):
    """A raising rule lifted the urgency after opening (a group complaint formed, a product incident)."""

    event_type: ClassVar[str] = "closeloop.case.urgency_raised.v1"

    urgency: Urgency
    previous_urgency: Urgency
    reasons: list[str] = Field(examples=[["group_complaint"]])
    incident_id: str | None = None


class CaseEscalated(_CaseEvent):
    """The case was passed up (升級): by staff, or by sla when a clock slipped."""

    event_type: ClassVar[str] = "closeloop.case.escalated.v1"

    to_role: str | None = Field(default=None, description="supervisor or manager.")
    to_staff_ids: list[str] = []
    level: int | None = None
    clock: str | None = Field(default=None, description="The clock whose deadline slipped, when sla asked.")
    by: str | None = None
    reason: str | None = None


class CaseResolved(_CaseEvent):
    event_type: ClassVar[str] = "closeloop.case.resolved.v1"

    resolution: str | None = None
    first_contact_resolution: bool = False
    by: str | None = None


class CaseCallbackRecorded(_CaseEvent):
    """The customer's verdict (回訪): from a staff callback or from a survey."""

    event_type: ClassVar[str] = "closeloop.case.callback_recorded.v1"

    satisfied: bool | None = None
    csat: int | None = Field(default=None, ge=1, le=5)
    nps: int | None = Field(default=None, ge=0, le=10)
    source: Literal["callback", "survey"] = "callback"
    survey_id: str | None = None
    by: str | None = None


class CaseReopened(_CaseEvent):
    """The customer was not satisfied, or a supervisor reopened it: handling starts again (再次處理)."""

    event_type: ClassVar[str] = "closeloop.case.reopened.v1"

    reason: str | None = None
    reopen_count: int = 1
    by: str | None = None


class CaseClosed(_CaseEvent):
    event_type: ClassVar[str] = "closeloop.case.closed.v1"

    reason: str | None = None
    loop_confirmed: bool = Field(
        default=False, description="The customer confirmed the result, or the case was minor and needed no callback."
    )
    by: str | None = None


class CaseLinked(_CaseEvent):
    """The case joined a group complaint (群體性投訴) or a product incident with other cases."""

    event_type: ClassVar[str] = "closeloop.case.linked.v1"

    incident_id: str
    incident_kind: IncidentKind
    incident_number: str | None = None
    store_id: str | None = None
    sku: str | None = None
    batch: str | None = None
    problem: str | None = Field(default=None, description="category/subcategory the linked cases share.")
    case_count: int = 1


class CaseDuplicateAttached(_CaseEvent):
    """A near-duplicate feedback was folded into this case instead of opening its own."""

    event_type: ClassVar[str] = "closeloop.case.duplicate_attached.v1"

    feedback_id: str
    feedback_number: str
    channel: Channel
    received_at: datetime
    customer: CustomerRef = CustomerRef()


class CaseTaskOpened(_CaseEvent):
    """A task the safety fast lane requires (seal the product, preserve CCTV, ...), with its own deadline."""

    event_type: ClassVar[str] = "closeloop.case.task_opened.v1"

    task_id: str
    task: str
    due_at: datetime
    owner_department: str | None = None
    owner_id: str | None = None


class CaseTaskCompleted(_CaseEvent):
    event_type: ClassVar[str] = "closeloop.case.task_completed.v1"

    task_id: str
    task: str
    outcome: Literal["done", "cancelled"] = "done"
    by: str | None = None


# --- the handling procedure (處理流程), step by step ----------------------------------------------------------

STANDARD_STEPS: tuple[str, ...] = (
    "first_contact", "plan_started", "liaison_appointed", "department_arrived", "on_site", "progress_contact",
    "plan_agreed", "plan_recorded", "assessed", "resolution", "callback", "report_submitted", "report_reviewed",
    "report_approved", "report_returned",
)
"""The steps of the chain's standard procedures, as ``step`` values on these events. Procedures are data in
routing, so a chain may add steps; sla's policies stop clocks on these names (see sla's README)."""

ContactChannel = Literal["phone", "sms", "wechat", "app_push", "email", "in_person"]
ContactOutcome = Literal["reached", "no_answer", "left_message", "failed"]
ContactPurpose = Literal["first_contact", "progress", "result", "callback", "other"]
ReportKind = Literal["emergency", "important"]
ReportStatus = Literal["draft", "submitted", "reviewed", "approved", "returned"]


class CaseStepRecorded(_CaseEvent):
    """A step of the case's procedure was done (the emergency plan started, a department on site, the handling
    plan agreed, ...). ``step`` is what sla's policies stop clocks on."""

    event_type: ClassVar[str] = "closeloop.case.step_recorded.v1"

    step: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64, examples=["plan_started", "on_site"])
    by: str | None = None
    by_role: str | None = Field(default=None, description="staff, supervisor or manager.")
    department: str | None = Field(default=None, description="The department the step was done for (on site).")
    staff_id: str | None = Field(default=None, description="The person the step names, e.g. the liaison (專人).")
    procedure_version: int | None = None
    due_at: datetime | None = Field(default=None, description="The step's deadline as routing knew it, if any.")


class CaseCustomerContacted(_CaseEvent):
    """A contact with the customer was recorded (what was said stays in routing). A contact that reached the
    customer also carries ``step="progress_contact"``: it keeps them informed."""

    event_type: ClassVar[str] = "closeloop.case.customer_contacted.v1"

    contact_id: str
    channel: ContactChannel
    direction: Literal["inbound", "outbound"]
    purpose: ContactPurpose = "other"
    outcome: ContactOutcome = "reached"
    template_id: str | None = None
    step: str | None = Field(default=None, description="progress_contact when the customer was reached.")
    by: str | None = None


class CaseReportChanged(_CaseEvent):
    """A case report (緊急/重要反饋處理報告) moved: submitted, reviewed by the supervisor, approved or returned."""

    event_type: ClassVar[str] = "closeloop.case.report_changed.v1"

    report_id: str
    report: ReportKind
    status: ReportStatus
    step: Literal["report_submitted", "report_reviewed", "report_approved", "report_returned"]
    reopened_handling: bool = Field(default=False, description="A returned report sent the case back to handling.")
    by: str | None = None
    by_role: str | None = None


class CasePaused(_CaseEvent):
    """Staff wait on the customer (documents, a visit): clocks that pause on ``pause`` stop counting."""

    event_type: ClassVar[str] = "closeloop.case.paused.v1"

    action: Literal["pause"] = "pause"
    reason: Literal["waiting_on_customer"] = "waiting_on_customer"
    by: str | None = None


class CaseResumed(_CaseEvent):
    """The wait on the customer is over: paused clocks count again."""

    event_type: ClassVar[str] = "closeloop.case.resumed.v1"

    action: Literal["resume"] = "resume"
    paused_seconds: int = Field(default=0, description="How long this wait lasted, in wall seconds.")
    by: str | None = None
