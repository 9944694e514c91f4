"""The supervisor's folder (`.closeloop/`): data of the local servers, dev secrets, token, logs."""

from __future__ import annotations

import base64
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DevSecrets:
    """Keys the services need in development; generated once so tokens and encrypted data survive reruns."""

    jwt_secret: str
    pii_key: str
    pii_hash_key: str

    def as_env(self) -> dict[str, str]:
        return {
            "CLOSELOOP_JWT_SECRET": self.jwt_secret,
            "CLOSELOOP_PII_KEY": self.pii_key,
            "CLOSELOOP_PII_HASH_KEY": self.pii_hash_key,
        }


def _random_key() -> str:
    """32 random bytes, urlsafe base64: the form a Fernet/AES-256 key and an HMAC key both accept."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


@dataclass(frozen=True)
class StateDir:
    """Names every file the supervisor keeps, so `run`, the CLI and the tests agree on them."""

    root: Path

    @property
    def postgres_dir(self) -> Path:
        return self.root / "postgres"

    @property
    def kafka_dir(self) -> Path:
        return self.root / "kafka"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    @property
    def jwt_secret_path(self) -> Path:
        return self.root / "jwt.secret"

    @property
    def pii_key_path(self) -> Path:
        return self.root / "pii.key"

    @property
    def pii_hash_key_path(self) -> Path:
        return self.root / "pii-hash.key"

    @property
    def token_path(self) -> Path:
        return self.root / "dev-admin.token"

    @property
    def stack_env_path(self) -> Path:
        return self.root / "stack.env"

    @property
    def ports_path(self) -> Path:
        return self.root / "ports.json"

    def service_log(self, name: str) -> Path:
        return self.logs_dir / f"{name}.log"

    def load_or_create_secrets(
        self, *, jwt_secret: str | None = None, pii_key: str | None = None, pii_hash_key: str | None = None
    ) -> DevSecrets:
        """Given values win (an operator's env); otherwise the files, created on first use with mode 0600."""
        return DevSecrets(
            jwt_secret=jwt_secret or self._secret_file(self.jwt_secret_path, lambda: secrets.token_urlsafe(48)),
            pii_key=pii_key or self._secret_file(self.pii_key_path, _random_key),
            pii_hash_key=pii_hash_key or self._secret_file(self.pii_hash_key_path, _random_key),
        )

    def _secret_file(self, path: Path, make: Callable[[], str]) -> str:
        if path.exists():
            return path.read_text().strip()
        self.root.mkdir(parents=True, exist_ok=True)
        value = make()
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(value + "\n")
        return value

    def write_token(self, token: str) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(self.token_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(token + "\n")

    def write_stack_env(self, values: dict[str, str]) -> None:
        """Where everything answers, in `source`-able form; secrets are named by file, never copied here."""
        lines = ["# Written by `closeloop-stack run`; `set -a; source .closeloop/stack.env` to use it."]
        lines += [f"{key}={value}" for key, value in values.items()]
        lines += [
            f"# CLOSELOOP_JWT_SECRET: the HS256 secret is in {self.jwt_secret_path}",
            f"CLOSELOOP_JWT_SECRET_FILE={self.jwt_secret_path}",
            f"CLOSELOOP_DEV_TOKEN_FILE={self.token_path}",
        ]
        self.stack_env_path.write_text("\n".join(lines) + "\n")

    def read_stack_env(self) -> dict[str, str]:
        """What the last `run` recorded, so `migrate`/`seed`/`topics` reach the same servers."""
        if not self.stack_env_path.exists():
            return {}
        values: dict[str, str] = {}
        for line in self.stack_env_path.read_text().splitlines():
            if line and not line.startswith("#") and "=" in line:
                key, _, value = line.partition("=")
                values[key.strip()] = value.strip()
        return values

    def read_ports(self) -> dict[str, int]:
        try:
            return {key: int(value) for key, value in json.loads(self.ports_path.read_text()).items()}
        except (OSError, ValueError, AttributeError):
            return {}

    def write_ports(self, ports: dict[str, int]) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.ports_path.write_text(json.dumps(ports, indent=2) + "\n")
