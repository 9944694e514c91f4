"""The local cluster's compose file: valid against the Compose Specification, and wired safely."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from fleet.registry import SERVICES

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
COMPOSE = DEPLOY / "compose" / "compose.yaml"
SCHEMA = json.loads((DEPLOY / "schemas" / "compose-spec.json").read_text())
NAMES = [spec.name for spec in SERVICES]


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text())


def _errors(document: dict[str, Any]) -> list[str]:
    return [error.message for error in jsonschema.Draft7Validator(SCHEMA).iter_errors(document)]


def test_compose_file_matches_the_compose_specification(compose: dict[str, Any]) -> None:
    assert _errors(compose) == []


def test_compose_specification_rejects_a_misspelt_service_field(compose: dict[str, Any]) -> None:
    broken = copy.deepcopy(compose)
    broken["services"]["intake"]["depend_on"] = ["postgres"]

    assert any("depend_on" in message for message in _errors(broken))


def test_kafka_runs_in_kraft_mode_without_topic_auto_creation(compose: dict[str, Any]) -> None:
    kafka = compose["services"]["kafka"]

    assert kafka["image"].startswith("apache/kafka:4.")
    assert kafka["environment"]["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert "ZOOKEEPER" not in json.dumps(kafka).upper()
    assert kafka["environment"]["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"


@pytest.mark.parametrize("service", NAMES)
def test_each_service_and_its_migration_use_the_services_own_database_role(
    compose: dict[str, Any], service: str
) -> None:
    for name in (service, f"{service}-migrate"):
        url = compose["services"][name]["environment"]["DATABASE_URL"]
        assert url.startswith(f"postgresql://{service}:${{{service.upper()}_DB_PASSWORD}}@postgres:5432/closeloop")


@pytest.mark.parametrize("service", NAMES)
def test_each_service_starts_only_after_its_migration_job_succeeded(compose: dict[str, Any], service: str) -> None:
    app = compose["services"][service]
    job = compose["services"][f"{service}-migrate"]

    assert app["command"] == ["all", service]
    assert app["depends_on"][f"{service}-migrate"]["condition"] == "service_completed_successfully"
    assert job["command"] == ["provision", service]
    assert job["restart"] == "no"
    assert job["depends_on"]["topics"]["condition"] == "service_completed_successfully"


def test_closeloop_containers_run_read_only_without_capabilities(compose: dict[str, Any]) -> None:
    ours = {n: s for n, s in compose["services"].items() if "CLOSELOOP_JWT_SECRET" in s.get("environment", {})}

    assert set(ours) == {"topics", *NAMES, *(f"{n}-migrate" for n in NAMES)}
    for service in ours.values():
        assert service["read_only"] is True
        assert service["cap_drop"] == ["ALL"]
        assert "no-new-privileges:true" in service["security_opt"]
        assert service["build"]["dockerfile"] == "deploy/Dockerfile"


def test_no_secret_value_is_committed_in_the_compose_file(compose: dict[str, Any]) -> None:
    secret = re.compile(r"(PASSWORD|SECRET|PII_KEY|PII_HASH_KEY)$")
    for service in compose["services"].values():
        for key, value in (service.get("environment") or {}).items():
            if secret.search(key):
                assert re.fullmatch(r"\$\{[A-Z_]+:\?[^}]+\}", str(value)), (key, value)


def test_env_example_names_every_variable_the_compose_file_requires() -> None:
    required = set(re.findall(r"\$\{([A-Z_]+):\?", COMPOSE.read_text()))
    example = {line.split("=")[0] for line in (DEPLOY / "compose" / "env.example").read_text().splitlines()
               if line and not line.startswith("#")}

    assert required and required <= example


def test_postgres_initialises_schemas_and_roles_from_the_shared_sql(compose: dict[str, Any]) -> None:
    volumes = compose["services"]["postgres"]["volumes"]
    init = (DEPLOY / "compose" / "postgres" / "10-closeloop-roles.sh").read_text()

    assert "../postgres/roles.sql:/closeloop/roles.sql:ro" in volumes
    assert "-f /closeloop/roles.sql" in init
    for service in NAMES:
        assert f"{service.upper()}_DB_PASSWORD" in compose["services"]["postgres"]["environment"]
