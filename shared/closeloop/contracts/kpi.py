"""Events analytics publishes for analysts: a daily snapshot of the figures."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from pydantic import Field

from closeloop.contracts.envelope import EventPayload
from closeloop.contracts.topics import KPI


class KpiSnapshot(EventPayload):
    """The figures of one local day, for the chain or one store, as analytics-service's GET /v1/kpis defines them.

    Published once per day and scope, after the day ended; figures of that day can still move when late
    events arrive (GET /v1/kpis has the current values).
    """

    event_type: ClassVar[str] = "closeloop.kpi.snapshot.v1"
    topic: ClassVar[str] = KPI
    subject_field: ClassVar[str] = "period"

    period: date = Field(description="The local day the figures are for.")
    scope: str = Field(default="chain", description="chain, or store:<store_id>.")
    figures: dict[str, float | int | None] = Field(
        description="Flat figures: volume, complaints, breaches; each rate as <name> (0-1), <name>_numerator, "
        "<name>_denominator; csat_rate, csat_mean, csat_answers; nps_score, nps_answers; "
        "avg_first_response_seconds, avg_resolution_seconds; csi, sqs."
    )
    computed_at: datetime
    store_id: str | None = Field(default=None, description="The store, when scope is store:<store_id>.")
    region_id: str | None = None
