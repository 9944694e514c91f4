"""sla-service settings."""

from __future__ import annotations

from pydantic import Field

from closeloop.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "sla"

    run_timer: bool = Field(default=True, description="Run the clock timer in this process (fires warnings, breaches).")
    timer_batch_size: int = 200
    timer_tick_seconds: float = Field(
        default=0.05, description="Shortest sleep between passes: clocks due within it are fired together."
    )
    timer_idle_seconds: float = Field(
        default=1.0, description="Longest sleep between two looks at the due-time index when nothing is due sooner."
    )

    run_sender: bool = Field(default=True, description="Run the webhook sender in this process.")
    sender_poll_seconds: float = 0.5
    sender_batch_size: int = 50
    webhook_timeout_seconds: float = 5.0
    webhook_max_attempts: int = 8
    webhook_backoff_seconds: float = 5.0
    webhook_backoff_max_seconds: float = 3600.0
    webhook_lease_seconds: float = 60.0
    webhook_allowed_networks: list[str] = Field(
        default=[],
        description="Internal networks (CIDR) or host names a webhook may target; everything else must be public.",
    )
