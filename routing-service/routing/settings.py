"""routing-service settings."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from pydantic import Field, SecretStr

from closeloop.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "routing"
    pii_key: SecretStr | None = Field(
        default=None, description="Fernet key sealing feedback text, resolutions and notes at rest (CLOSELOOP_PII_KEY)."
    )

    default_department: str = Field(default="customer_service", description="Owner when no routing rule matches.")
    supervisor_first_urgencies: list[str] = Field(
        default=["urgent", "important"],
        description="Urgencies whose cases go to the store's supervisor (客服主管) first: emergency plan, handling meeting.",
    )
    case_number_timezone: str = "Asia/Shanghai"

    group_complaint_window_minutes: int = Field(default=180, ge=1)
    group_complaint_min_customers: int = Field(default=3, ge=2)
    product_incident_window_days: int = Field(default=14, ge=1)
    product_incident_min_cases: int = Field(default=2, ge=2)
    repeat_complaint_window_days: int = Field(default=30, ge=1)

    outbound_adapters: dict[str, str] = Field(
        default={"sms": "development", "wechat": "development", "app_push": "development", "email": "development"},
        description="Channel → adapter that sends its messages. `development` records what would be sent.",
    )
    run_sender: bool = Field(default=True, description="Deliver queued outbound messages from this process.")
    outbound_poll_seconds: float = Field(default=1.0, gt=0)
    outbound_batch_size: int = Field(default=50, ge=1)
    outbound_max_attempts: int = Field(default=5, ge=1)
    outbound_backoff_seconds: float = Field(default=5.0, gt=0)
    default_language: str = Field(default="zh-Hant", description="Replies when neither feedback nor store says.")
    auto_reply_channels: dict[str, str] = Field(
        default={"app": "app_push", "wechat": "wechat", "web": "email", "email": "email", "sms": "sms"},
        description="Online feedback channel → the channel its automatic urgent reply goes back through.",
    )
    work_group_channel: str = Field(default="wechat", description="How the work group (工作群) is reached.")
    work_group_id: str = Field(default="feedback-work-group", description="The work group's id on that channel.")
    work_group_language: str = Field(default="zh-Hant")
    supervisor_alert_channel: str = Field(default="app_push", description="How the supervisor hears of an urgent case.")
    run_digest: bool = Field(default=True, description="Post the supervisor's digest to the work group on schedule.")
    digest_local_time: str = Field(
        default="18:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$",
        description="When each store's daily progress-and-figures digest goes out, in the store's time zone.",
    )
    digest_check_seconds: float = Field(default=60.0, gt=0)

    retrain_holdout_fraction: float = Field(default=0.25, gt=0, lt=1)
    retrain_seed: int = 20261123
    retrain_required_gain: float = Field(
        default=0.0, ge=0, le=1,
        description="How much better (mean label accuracy) a candidate must be than the active version; "
        "0 means no worse. Urgent recall may never drop.",
    )


def _settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


SettingsDep = Annotated[Settings, Depends(_settings)]
