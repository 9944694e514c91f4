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
