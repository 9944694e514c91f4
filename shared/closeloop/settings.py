"""The one settings object a service reads its configuration from (env prefix ``CLOSELOOP_``)."""

from __future__ import annotations

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServiceSettings(BaseSettings):
    """Settings every service shares; a service subclasses it and adds its own."""

    model_config = SettingsConfigDict(
        env_prefix="CLOSELOOP_", extra="ignore", validate_by_name=True, validate_by_alias=True
    )

    service_name: str = "closeloop"
    environment: str = "development"
    database_url: str = Field(
        default="postgresql+asyncpg://postgres@127.0.0.1:5432/closeloop",
        validation_alias=AliasChoices("CLOSELOOP_DATABASE_URL", "DATABASE_URL"),
    )
    db_pool_size: int = 10
    kafka_bootstrap_servers: str = Field(
        default="127.0.0.1:9092",
        validation_alias=AliasChoices("CLOSELOOP_KAFKA_BOOTSTRAP_SERVERS", "KAFKA_BOOTSTRAP_SERVERS"),
    )
    kafka_idempotence: bool = Field(
        default=True, description="Idempotent producers; off only for brokers without InitProducerId (Tansu)."
    )
    topic_namespace: str = Field(
        default="", description="Prefix for every topic name; isolates test runs sharing one broker."
    )

    jwt_secret: SecretStr | None = None
    jwt_jwks_url: str | None = None
    jwt_issuer: str = "closeloop"
    jwt_audience: str = "closeloop"

    log_level: str = "INFO"
    log_json: bool = True

    run_relay: bool = True
    run_consumers: bool = True
    outbox_batch_size: int = 500
    outbox_poll_seconds: float = 1.0
    consumer_max_attempts: int = 5
    consumer_retry_backoff_seconds: float = 0.2
    consumer_batch_size: int = 200

    otel_exporter_otlp_endpoint: str | None = None

    @field_validator("database_url")
    @classmethod
    def _use_asyncpg(cls, url: str) -> str:
        """Accept the plain ``postgresql://`` form ops teams usually hand over."""
        for plain in ("postgresql://", "postgres://"):
            if url.startswith(plain):
                return "postgresql+asyncpg://" + url[len(plain) :]
        return url
