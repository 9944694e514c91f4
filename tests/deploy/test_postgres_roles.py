"""deploy/postgres/roles.sql on a real PostgreSQL: each service migrates its own schema as its own
role, and no role can read another service's schema or write to the public one."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest
import pytest_asyncio
from sqlalchemy.engine import make_url

from fleet import provisioning
from fleet.registry import SERVICES
from fleet.testing import FreshDatabase

ROLES_SQL = (Path(__file__).resolve().parents[2] / "deploy" / "postgres" / "roles.sql").read_text()
NAMES = [spec.name for spec in SERVICES]


def _as(url: str, role: str, *, driver: str = "postgresql") -> str:
    return make_url(url).set(drivername=driver, username=role, password=None).render_as_string(hide_password=False)


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def database(postgres_server) -> AsyncIterator[str]:  # type: ignore[no-untyped-def]
    """A fresh database given the roles twice (the script must be re-runnable), then every service's
    migrations, each run as the service's own role."""
    url = await postgres_server.create_database()
    admin = await asyncpg.connect(_as(url, make_url(url).username or "postgres"))
    try:
        await admin.execute(ROLES_SQL)
        await admin.execute(ROLES_SQL)
    finally:
        await admin.close()
    await asyncio.gather(
        *(provisioning.migrate(spec, env={"DATABASE_URL": _as(url, spec.name, driver="postgresql+asyncpg")})
          for spec in SERVICES)
    )
    yield url
    await postgres_server.drop_database(url)


@pytest.mark.parametrize("service", NAMES)
async def test_migrations_run_as_the_service_role_own_every_table_of_its_schema(database: str, service: str) -> None:
    connection = await asyncpg.connect(_as(database, service))
    try:
        owners = {row["tableowner"] for row in await connection.fetch(
            "SELECT tableowner FROM pg_tables WHERE schemaname = $1", service)}
    finally:
        await connection.close()

    assert owners == {service}


@pytest.mark.parametrize(("reader", "owner"), [(r, o) for r in NAMES for o in NAMES if r != o])
async def test_a_service_role_cannot_read_another_services_schema(database: str, reader: str, owner: str) -> None:
    connection = await asyncpg.connect(_as(database, reader))
    try:
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await connection.fetchval(f'SELECT count(*) FROM "{owner}".alembic_version')
    finally:
        await connection.close()


@pytest.mark.parametrize("service", NAMES)
async def test_a_service_role_cannot_create_tables_in_the_public_schema(database: str, service: str) -> None:
    connection = await asyncpg.connect(_as(database, service))
    try:
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await connection.execute("CREATE TABLE public.stray (id int)")
    finally:
        await connection.close()


async def test_service_roles_are_not_superusers_and_cannot_create_roles_or_databases(database: str) -> None:
    connection = await asyncpg.connect(_as(database, make_url(database).username or "postgres"))
    try:
        rows = await connection.fetch(
            "SELECT rolname, rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = ANY($1::text[])", NAMES)
    finally:
        await connection.close()

    assert sorted(r["rolname"] for r in rows) == sorted(NAMES)
    assert not any(r["rolsuper"] or r["rolcreaterole"] or r["rolcreatedb"] for r in rows)


def test_roles_sql_names_every_registered_service() -> None:
    import re

    (array,) = re.findall(r"ARRAY\[([^\]]*)\]", ROLES_SQL)

    assert re.findall(r"'(\w+)'", array) == NAMES
