from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from closeloop.contracts.case import ReportKind, Urgency
from routing.procedures.standard import SIGNALS, STARTS

Role = Literal["staff", "supervisor", "manager"]
DEPARTMENT = r"^[A-Za-z0-9_-]{1,32}$"


class StepSpec(BaseModel):
    """One step of a procedure: who owns it, when its deadline starts and how long it is, which clock it stops."""

    model_config = ConfigDict(extra="forbid")

    step: str = Field(description=f"One of: {', '.join(SIGNALS)}.")
    title: str = Field(min_length=1, max_length=200)
    owner_role: Role = Field(description="The least role that may record the step.")
    owner_department: str | None = Field(
        default=None, max_length=32,
        description="Whose people do it: null = the case's department, `concerned` = each department concerned "
        "(on site), or a department id (`customer_service` for callbacks).",
    )
    starts_on: str = Field(default="opened", description=f"What the deadline runs from: {', '.join(STARTS[:4])} or a step.")
    due_minutes: int | None = Field(default=None, gt=0, le=60 * 24 * 60)
    due_working_days: int | None = Field(default=None, gt=0, le=60)
    clock: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]*$", max_length=64,
                              description="The sla clock (metric) this step stops; null: a deadline routing shows only.")
    repeats: bool = Field(default=False, description="Done again and again (progress contacts, each callback).")
    per_department: bool = Field(default=False, description="Each department concerned records its own (on site).")

    @model_validator(mode="after")
    def _known(self) -> StepSpec:
        if self.step not in SIGNALS:
            raise ValueError(f"step {self.step!r} is not one routing can record; known: {', '.join(SIGNALS)}")
        if self.starts_on not in STARTS:
            raise ValueError(f"starts_on {self.starts_on!r} is not a case event or step")
        if self.due_minutes is not None and self.due_working_days is not None:
            raise ValueError("a step's deadline is in minutes or in working days, not both")
        return self


class ProcedureIn(BaseModel):
    """An urgency's procedure as written: its steps, and its rules on callbacks, confirmation, report and alert."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    steps: list[StepSpec] = Field(min_length=1)
    callback_required: bool = Field(description="Customer service calls the customer back (回訪) after the resolution.")
    confirmation_required: bool = Field(
        description="Closing needs the customer's confirmation (or a supervisor with a reason); else the result closes it."
    )
    report: ReportKind | None = Field(default=None, description="The report (報告) the case must have approved to close.")
    supervisor_alert: bool = Field(default=False, description="The supervisor (客服主管) is alerted when the case opens.")

    @model_validator(mode="after")
    def _steps_unique(self) -> ProcedureIn:
        names = [s.step for s in self.steps]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise ValueError(f"each step may appear once; repeated: {', '.join(repeated)}")
        if "first_contact" not in names:
            raise ValueError("every procedure starts with first_contact: the customer hears from us within 30 min")
        return self

    def spec(self, step: str) -> StepSpec | None:
        return next((s for s in self.steps if s.step == step), None)


class ProcedureOut(ProcedureIn):
    model_config = ConfigDict(from_attributes=True, extra="forbid")

    id: str
    urgency: Urgency
    version: int
    current: bool
    created_at: datetime
    created_by: str | None


class StepOwner(BaseModel):
    role: Role
    department: str | None
    staff_id: str | None = Field(default=None, description="The person expected to do it, when one is known.")


class StepProgress(BaseModel):
    """Where one step of the case's procedure stands."""

    step: str
    title: str
    department: str | None = Field(default=None, description="For a step each department concerned does (on site).")
    owner: StepOwner
    clock: str | None
    due_at: datetime | None
    due_source: Literal["sla", "computed", "none"] = Field(
        description="sla: the clock's own due time; computed: from the procedure while sla has not reported it."
    )
    done_at: datetime | None
    done_by: str | None
    times_done: int = 0
    status: Literal["not_started", "pending", "overdue", "done", "done_late", "ended"]


class ProcedureProgress(BaseModel):
    urgency: str
    version: int
    name: str
    callback_required: bool
    confirmation_required: bool
    report: str | None
    liaison: str | None = Field(description="The named liaison (專人) keeping the customer informed.")
    departments_concerned: list[str]
    steps: list[StepProgress]
