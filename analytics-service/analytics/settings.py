"""analytics-service settings: targets, weights and windows are policy, so they live here, not in code."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from closeloop.settings import ServiceSettings

if TYPE_CHECKING:
    from analytics.rollups.contributions import Rules


class Settings(ServiceSettings):
    service_name: str = "analytics"

    default_timezone: str = Field(
        default="Asia/Shanghai",
        description="Time zone for a store whose org event has not arrived yet; its figures move when it does.",
    )
    timeliness_clocks: tuple[str, ...] = Field(
        default=("resolution",),
        description="Clock names whose outcome counts in timeliness_rate (the handling deadline of the urgency).",
    )
    repeat_window_days: int = 30
    resolution_reopen_window_days: int = 7
    closure_score_threshold: int = 80

    target_timeliness_rate: float = 0.95
    target_satisfaction_rate: float = 0.90
    target_resolution_rate: float = 0.90
    target_closure_rate: float = 0.95

    csi_weights: dict[str, float] = Field(
        default={"csat": 0.4, "satisfaction": 0.4, "nps": 0.2},
        description="CSI: weights of the satisfaction dimensions (each normalised to 0-100).",
    )
    sqs_weights: dict[str, float] = Field(
        default={
            "timeliness_rate": 0.25, "satisfaction_rate": 0.25, "resolution_rate": 0.2,
            "closure_rate": 0.2, "repeat_rate": 0.1,
        },
        description="SQS: weights of the key figures (each normalised to 0-100; lower-is-better figures inverted).",
    )

    run_snapshots: bool = Field(default=True, description="Publish the daily KPI snapshot events from this process.")
    snapshot_poll_seconds: float = 300.0
    ingest_batch_size: int = 500

    def rules(self) -> "Rules":
        """The policy values the facts and rollups are computed with."""
        from datetime import timedelta

        from analytics.rollups.contributions import Rules

        return Rules(
            default_timezone=self.default_timezone,
            timeliness_clocks=tuple(self.timeliness_clocks),
            resolution_reopen_window=timedelta(days=self.resolution_reopen_window_days),
            repeat_window=timedelta(days=self.repeat_window_days),
            closure_score_threshold=self.closure_score_threshold,
        )
