"""Bringing a database up to date for a service: its Alembic migrations, then its reference data (seed)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Iterable, Mapping

from fleet.environment import child_env
from fleet.registry import ServiceSpec, service_named


class ProvisioningError(RuntimeError):
    """A migration or seed failed; the message carries its output."""


async def migrate(spec: ServiceSpec, *, env: Mapping[str, str]) -> None:
    """`alembic upgrade head` for one service, in a subprocess: its env.py calls asyncio.run itself."""
    if not spec.alembic_ini.exists():
        raise ProvisioningError(f"{spec.name}: no Alembic configuration at {spec.alembic_ini}")
    await _run(
        [sys.executable, "-m", "alembic", "-c", str(spec.alembic_ini), "upgrade", "head"],
        spec=spec, env=env, what="migration",
    )


async def seed(spec: ServiceSpec, *, env: Mapping[str, str]) -> str:
    """Run the service's `seed(settings)` coroutine, if it has one, in a subprocess; returns what it did."""
    output = await _run([sys.executable, "-m", "fleet.seeding", spec.package], spec=spec, env=env, what="seed")
    return output.strip().splitlines()[-1] if output.strip() else f"{spec.package}: seeded"


async def migrate_database(database_url: str, services: Iterable[ServiceSpec | str]) -> None:
    """Give `database_url` the schemas of `services` (names or specs), one after another."""
    for service in services:
        spec = service_named(service) if isinstance(service, str) else service
        await migrate(spec, env={"DATABASE_URL": database_url})


async def _run(argv: list[str], *, spec: ServiceSpec, env: Mapping[str, str], what: str) -> str:
    result = await asyncio.to_thread(
        subprocess.run,
        argv,
        cwd=spec.project_dir,
        env=child_env({**env, "PYTHONPATH": service_python_path(spec, env)}),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode != 0:
        raise ProvisioningError(
            f"{spec.name} {what} failed (exit {result.returncode}):\n{result.stdout}{result.stderr}"
        )
    return result.stdout


def service_python_path(spec: ServiceSpec, env: Mapping[str, str]) -> str:
    """The service's project dir first, so a service that is not installed (a test's) still imports."""
    extra = env.get("PYTHONPATH") or child_env().get("PYTHONPATH", "")
    return ":".join(part for part in (str(spec.project_dir), extra) if part)
