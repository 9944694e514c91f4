from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from closeloop.contracts.case import Category, Urgency
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


Action = Annotated[
    Acknowledge | Note | Start | Reassign | Reclassify | Escalate | Resolve | Callback | Reopen | Close | CompleteTask,
    Field(discriminator="type"),
]
