from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from closeloop.contracts.case import Category, ContactChannel, ContactOutcome, ContactPurpose, ReportKind, Urgency
from closeloop.contracts.feedback import Kind

Text = Annotated[str, Field(min_length=1, max_length=4000)]
StaffId = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{1,32}$")]


class _Action(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Acknowledge(_Action):
    """First contact (初次溝通) with the customer was made."""

    type: Literal["acknowledge"]
    note: Text | None = None


class Note(_Action):
    type: Literal["note"]
    text: Text


class Start(_Action):
    """Handling starts: the analysis or handling plan (處理計劃) is set."""

    type: Literal["start"]
    plan: Text | None = None


class Reassign(_Action):
    """To a named person, or to a department (whose least-loaded person on shift takes it)."""

    type: Literal["reassign"]
    assignee_id: StaffId | None = None
    department: StaffId | None = None
    reason: Text | None = None

    @model_validator(mode="after")
    def _someone(self) -> Reassign:
        if self.assignee_id is None and self.department is None:
            raise ValueError("reassign needs assignee_id or department")
        return self


class Reclassify(_Action):
    """A staff correction; kept as a labelled example for the next classifier version."""

    type: Literal["reclassify"]
    category: Category | None = None
    subcategory: Annotated[str, Field(pattern=r"^[a-z_]{1,32}$")] | None = None
    urgency: Urgency | None = None
    kind: Kind | None = None
    reason: Text | None = None
    reroute: bool = Field(default=True, description="Send the case to the department the new labels route to.")

    @model_validator(mode="after")
    def _something(self) -> Reclassify:
        if self.category is None and self.subcategory is None and self.urgency is None and self.kind is None:
            raise ValueError("reclassify needs at least one of category, subcategory, urgency, kind")
        return self


class Escalate(_Action):
    type: Literal["escalate"]
    to: Literal["supervisor", "manager"] = "supervisor"
    reason: Text | None = None


class Resolve(_Action):
    type: Literal["resolve"]
    resolution: Text
    first_contact: bool = Field(default=False, description="Resolved during the first contact (一次解決).")


class Callback(_Action):
    """The customer's verdict (回訪); not satisfied reopens the case."""

    type: Literal["callback"]
    satisfied: bool
    csat: int | None = Field(default=None, ge=1, le=5)
    nps: int | None = Field(default=None, ge=0, le=10)
    comment: Text | None = None


class Reopen(_Action):
    type: Literal["reopen"]
    reason: Text


class Close(_Action):
    type: Literal["close"]
    reason: Text | None = None


class CompleteTask(_Action):
    """A safety task done, with what it must record (record_illness: ``{"ill_count": 2, "foods": [...]}``)."""

    type: Literal["complete_task"]
    task: Annotated[str, Field(min_length=1, max_length=64, description="The task's id or code.")]
    details: dict[str, Any] = {}
    note: Text | None = None


# --- the steps of the procedure (處理流程) -------------------------------------------------------------------


class PlanStarted(_Action):
    """The supervisor starts the emergency plan (緊急處理預案); it may name more departments concerned."""

    type: Literal["plan_started"]
    plan: Text | None = None
    departments: list[StaffId] = Field(default=[], description="Departments that must also be on site.")
    liaison_id: StaffId | None = Field(default=None, description="Name the liaison (專人) at the same time.")


class AppointLiaison(_Action):
    """The named person who keeps the customer informed until the case is solved."""

    type: Literal["appoint_liaison"]
    staff_id: StaffId


class OnSite(_Action):
    """A department concerned arrived (到達現場); each records its own arrival."""

    type: Literal["on_site"]
    department: StaffId | None = Field(default=None, description="Default: the department of the person recording.")


class PlanAgreed(_Action):
    """The handling meeting (處理會議) on an important case: who took part and the plan they agreed."""

    type: Literal["plan_agreed"]
    participants: list[StaffId] = Field(min_length=1, description="Staff ids of those who took part.")
    plan: Text


class PlanRecorded(_Action):
    """The department's analysis and handling plan (處理方案) on a general case."""

    type: Literal["plan_recorded"]
    analysis: Text
    plan: Text


class Assessed(_Action):
    """The first look at a minor case (評估): solved on the spot, or a plan."""

    type: Literal["assessed"]
    outcome: Literal["solved_on_spot", "plan"]
    text: Text


class ContactCustomer(_Action):
    """A contact with the customer (溝通). The first one that reaches them is the first contact (初次溝通)."""

    type: Literal["contact_customer"]
    channel: ContactChannel
    direction: Literal["inbound", "outbound"] = "outbound"
    purpose: ContactPurpose | None = Field(default=None, description="Default: first_contact for the first, else progress.")
    outcome: ContactOutcome = "reached"
    summary: Text | None = None
    template: Literal["acknowledgement", "progress", "result"] | None = Field(
        default=None, description="The reply template used; with `send`, its text goes to the customer."
    )
    language: Literal["zh-Hant", "zh-Hans", "en"] | None = None
    send: bool = Field(default=False, description="Send the template's text through the channel (sms, wechat, "
                                                  "app_push, email).")

    @model_validator(mode="after")
    def _says_something(self) -> ContactCustomer:
        if self.summary is None and self.template is None:
            raise ValueError("contact_customer needs a summary or a template")
        if self.send and (self.template is None or self.channel in ("phone", "in_person")):
            raise ValueError("send needs a template and a channel that carries messages (sms, wechat, app_push, email)")
        return self


class Pause(_Action):
    """Staff wait on the customer (documents, a visit): clocks that allow it stop counting."""

    type: Literal["pause"]
    reason: Text


class Resume(_Action):
    type: Literal["resume"]


class ReportHazard(_Action):
    """A hazard on the case (rule H) whose removal tasks it must carry."""

    type: Literal["report_hazard"]
    hazard: Literal["wet_floor", "loose_shelf", "sparking_wires", "blocked_exit", "theft_in_progress",
                    "fight_in_progress"]


class ReportSubmitted(_Action):
    """The author submits the case's report (sections not given keep their draft or pre-filled text)."""

    type: Literal["report_submitted"]
    report: ReportKind
    sections: dict[str, Annotated[str, Field(max_length=20000)]] = {}


class ReportReviewed(_Action):
    """The supervisor reviews (important), the manager approves; either may return it with a comment."""

    type: Literal["report_reviewed"]
    report: ReportKind
    verdict: Literal["reviewed", "approved", "returned"]
    comment: Text | None = None
    reopen: bool = Field(default=False, description="Returned: send the case back to handling (再次處理).")


STEP_ACTIONS = ("plan_started", "on_site", "plan_agreed", "plan_recorded", "assessed")
"""Actions that are a step of the procedure by the same name: only on a case whose procedure has the step."""

Action = Annotated[
    Acknowledge | Note | Start | Reassign | Reclassify | Escalate | Resolve | Callback | Reopen | Close | CompleteTask
    | PlanStarted | AppointLiaison | OnSite | PlanAgreed | PlanRecorded | Assessed | ContactCustomer | Pause | Resume
    | ReportHazard | ReportSubmitted | ReportReviewed,
    Field(discriminator="type"),
]
