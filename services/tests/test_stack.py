"""The supervisor's Stack: topics, migrations, seeds, services ready, access files, and a clean stop."""

from __future__ import annotations

import base64
import signal
import stat
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import jwt
import pytest
import pytest_asyncio
from aiokafka.admin import AIOKafkaAdminClient
from closeloop.auth.tokens import ALL_SCOPES

from fleet.ports import free_port
from fleet.registry import SERVICES, ServiceSpec
from fleet.state import StateDir
from fleet.supervisor import Stack, StackError
from fleet.testing import DatabaseServer



def _stack(state_dir: Path, *, services: tuple[ServiceSpec, ...], database_url: str, bootstrap_servers: str) -> Stack:
    return Stack(
        state=StateDir(state_dir),
        services=services,
        database_url=database_url,
        bootstrap_servers=bootstrap_servers,
        ports={spec.name: free_port() for spec in services},
        topic_namespace=f"t{uuid.uuid4().hex[:10]}.",
    )


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def sample_stack(
    postgres_server: DatabaseServer,
    kafka_bootstrap_servers: str,
    sample_service: ServiceSpec,
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[Stack]:
    database_url = await postgres_server.create_database()
    stack = _stack(
        tmp_path_factory.mktemp("sample") / ".closeloop",
        services=(sample_service,),
        database_url=database_url,
        bootstrap_servers=kafka_bootstrap_servers,
    )
    await stack.start()
    yield stack
    await stack.stop()
    await postgres_server.drop_database(database_url)


async def test_stack_serves_a_service_once_it_is_migrated_and_seeded(sample_stack: Stack) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.get(f"{sample_stack.urls['sample']}/readyz")

    assert response.status_code == 200
    assert response.json()["notes"] == ["seeded"]


async def test_stack_creates_every_topic_in_its_namespace(sample_stack: Stack) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=sample_stack.bootstrap_servers)
    await admin.start()
    try:
        topics = set(await admin.list_topics())
    finally:
        await admin.close()

    assert f"{sample_stack.topic_namespace}closeloop.feedback.v1" in topics
    assert f"{sample_stack.topic_namespace}closeloop.case.v1.dlt.sla" in topics


def test_stack_writes_a_dev_admin_token_with_every_scope(sample_stack: Stack) -> None:
    token = sample_stack.state.token_path.read_text().strip()

    claims = jwt.decode(token, sample_stack.secrets.jwt_secret, algorithms=["HS256"], audience="closeloop")

    assert claims["sub"] == "dev-admin"
    assert set(claims["scope"].split()) == set(ALL_SCOPES)
    assert claims["roles"] == ["admin"]
    assert claims["exp"] - claims["iat"] == 30 * 24 * 3600


def test_stack_env_names_the_servers_but_never_the_secret(sample_stack: Stack) -> None:
    text = sample_stack.state.stack_env_path.read_text()
    recorded = sample_stack.state.read_stack_env()

    assert recorded["DATABASE_URL"] == sample_stack.database_url
    assert recorded["KAFKA_BOOTSTRAP_SERVERS"] == sample_stack.bootstrap_servers
    assert recorded["SAMPLE_URL"] == sample_stack.urls["sample"]
    assert recorded["CLOSELOOP_JWT_SECRET_FILE"] == str(sample_stack.state.jwt_secret_path)
    assert sample_stack.secrets.jwt_secret not in text


def test_dev_secrets_are_made_once_and_readable_only_by_their_owner(tmp_path: Path) -> None:
    state = StateDir(tmp_path)

    first, again = state.load_or_create_secrets(), state.load_or_create_secrets()

    assert first == again
    assert len(base64.urlsafe_b64decode(first.pii_key)) == 32
    for path in (state.jwt_secret_path, state.pii_key_path, state.pii_hash_key_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_secrets_from_the_environment_win_over_the_files(tmp_path: Path) -> None:
    state = StateDir(tmp_path)
    state.load_or_create_secrets()

    secrets = state.load_or_create_secrets(jwt_secret="from-the-operator")

    assert secrets.jwt_secret == "from-the-operator"


async def test_stopping_a_stack_ends_its_service_processes(
    postgres_server: DatabaseServer, kafka_bootstrap_servers: str, sample_service: ServiceSpec, tmp_path: Path
) -> None:
    database_url = await postgres_server.create_database()
    stack = _stack(tmp_path / ".closeloop", services=(sample_service,), database_url=database_url,
                   bootstrap_servers=kafka_bootstrap_servers)
    await stack.start()
    (process,) = [service.process for service in stack.running.values()]

    await stack.stop()

    assert not process.running
    assert process.returncode != -signal.SIGKILL
    assert "Application shutdown complete" in process.log_tail()


async def test_the_four_services_start_and_report_ready(
    postgres_server: DatabaseServer, kafka_bootstrap_servers: str, tmp_path: Path
) -> None:
    database_url = await postgres_server.create_database()
    stack = _stack(tmp_path / ".closeloop", services=SERVICES, database_url=database_url,
                   bootstrap_servers=kafka_bootstrap_servers)
    await stack.start()
    try:
        async with httpx.AsyncClient() as client:
            statuses = {name: (await client.get(f"{url}/readyz")).status_code for name, url in stack.urls.items()}
    finally:
        await stack.stop()

    assert statuses == {spec.name: 200 for spec in SERVICES}


async def test_stack_reports_a_service_that_dies_while_starting_with_its_log(
    postgres_server: DatabaseServer, kafka_bootstrap_servers: str, sample_service: ServiceSpec, tmp_path: Path
) -> None:
    broken = ServiceSpec(name="broken", package="no_such_package", port=0, project_dir=sample_service.project_dir)
    stack = _stack(tmp_path / ".closeloop", services=(broken,), database_url=postgres_server.url,
                   bootstrap_servers=kafka_bootstrap_servers)

    with pytest.raises(StackError, match="broken exited with code 1") as failure:
        await stack.launch_services()
    await stack.stop()

    assert "No module named 'no_such_package'" in str(failure.value)
