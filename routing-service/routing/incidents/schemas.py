from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from routing.cases.schemas import CaseOut


class IncidentOut(BaseModel):
    id: str
    kind: str = Field(examples=["group_complaint", "product_incident"])
    store_id: str | None = Field(description="The store of a group complaint; None for a product incident.")
    problem: str | None
    sku: str | None
    batch: str | None
    departments: list[str] = Field(description="Departments that see the incident as one item.")
    store_ids: list[str]
    case_count: int
    open_cases: int
    opened_at: datetime
    last_linked_at: datetime


class IncidentDetail(IncidentOut):
    cases: list[CaseOut]
