"""intake-service settings."""

from pydantic import SecretStr

from closeloop.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "intake"
    pii_key: SecretStr | None = None
    pii_hash_key: SecretStr | None = None
