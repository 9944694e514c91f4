"""The one place the fleet reads its environment; everything else takes arguments."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from fleet.registry import REPO_ROOT


@dataclass(frozen=True)
class FleetEnvironment:
    """What an operator can point the fleet at; unset means "start it locally"."""

    database_url: str | None
    kafka_bootstrap_servers: str | None
    broker_preference: str | None
    jwt_secret: str | None
    pii_key: str | None
    pii_hash_key: str | None
    state_dir: Path
    cache_dir: Path

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> FleetEnvironment:
        env = os.environ if environ is None else environ
        cache_home = Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        return cls(
            database_url=env.get("DATABASE_URL") or None,
            kafka_bootstrap_servers=env.get("KAFKA_BOOTSTRAP_SERVERS") or None,
            broker_preference=(env.get("CLOSELOOP_BROKER") or "").strip().lower() or None,
            jwt_secret=env.get("CLOSELOOP_JWT_SECRET") or None,
            pii_key=env.get("CLOSELOOP_PII_KEY") or None,
            pii_hash_key=env.get("CLOSELOOP_PII_HASH_KEY") or None,
            state_dir=Path(env.get("CLOSELOOP_STATE_DIR") or REPO_ROOT / ".closeloop"),
            cache_dir=cache_home / "closeloop",
        )


def child_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment plus `extra`, for children that must see the same PATH and venv."""
    env = dict(os.environ)
    env.update(extra or {})
    return env
