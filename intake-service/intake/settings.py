"""intake-service settings (env prefix ``CLOSELOOP_``)."""

from __future__ import annotations

from pydantic import Field, SecretStr

from closeloop.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "intake"

    pii_key: SecretStr | None = Field(
        default=None,
        description="Fernet key(s) sealing personal data at rest; comma-separated, newest first, to rotate.",
    )
    pii_hash_key: SecretStr | None = Field(default=None, description="HMAC key of the hashes used for matching.")

    numbering_timezone: str = "Asia/Shanghai"
    clock_skew_seconds: int = Field(default=300, ge=0, description="How far in the future occurred_at may lie.")
    store_check: bool = Field(
        default=True, description="Reject feedback for a store intake's copy of the organisation does not know."
    )

    max_body_bytes: int = 256 * 1024
    batch_max_body_bytes: int = 16 * 1024 * 1024
    batch_max_items: int = Field(default=500, ge=1)
    page_size_default: int = 50
    page_size_max: int = 200

    idempotency_ttl_hours: int = Field(default=48, ge=24, description="Idempotency keys are kept at least 24 h.")

    duplicate_window_hours: int = 72
    duplicate_similarity: float = Field(default=85.0, ge=0, le=100)
    store_duplicate_window_minutes: int = 120
    store_duplicate_similarity: float = Field(default=93.0, ge=0, le=100)
    store_duplicate_min_chars: int = 12

    attachment_store_url: str = Field(
        default="file://.closeloop/attachments",
        description="Where evidence is kept: file://<dir> (relative to the working directory) or s3://bucket/prefix.",
    )
    attachment_max_bytes: int = 25 * 1024 * 1024
    attachment_types: list[str] = [
        "image/jpeg", "image/png", "image/webp", "image/heic", "image/gif", "video/mp4", "video/quicktime",
    ]
    orphan_attachment_hours: int = 24

    rate_limits: str = Field(
        default="200/second;6000/minute", description="Per client, in the `limits` notation; ';' separates limits."
    )
    rate_limit_exempt_clients: list[str] = ["dev-admin", "dev-user"]

    retention_interval_seconds: float = 3600.0
