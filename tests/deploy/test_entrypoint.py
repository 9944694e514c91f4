"""The image's entry point: a role and a service name become the right `closeloop-stack` call."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ENTRYPOINT = Path(__file__).resolve().parents[2] / "deploy" / "docker" / "entrypoint.sh"


@pytest.fixture
def fake_stack(tmp_path: Path) -> Path:
    """A `closeloop-stack` that records its arguments and worker switches, failing when told to."""
    log = tmp_path / "calls.log"
    script = tmp_path / "bin" / "closeloop-stack"
    script.parent.mkdir()
    script.write_text(
        "#!/bin/sh\n"
        f'echo "$* relay=${{CLOSELOOP_RUN_RELAY:-unset}} consumers=${{CLOSELOOP_RUN_CONSUMERS:-unset}}" >> {log}\n'
        f'env | grep "^CLOSELOOP_RUN_" | sort > {tmp_path / "switches.env"} || true\n'
        'if [ "$1" = "${FAIL_ON:-}" ]; then exit 3; fi\n'
    )
    script.chmod(0o755)
    return tmp_path


def _run(fake_stack: Path, *args: str, **env: str) -> tuple[int, list[str]]:
    environ = {"PATH": f"{fake_stack / 'bin'}:/usr/bin:/bin", **env}
    result = subprocess.run(["sh", str(ENTRYPOINT), *args], env=environ, capture_output=True, text=True, timeout=10)
    log = fake_stack / "calls.log"
    return result.returncode, log.read_text().splitlines() if log.exists() else []


@pytest.mark.parametrize(
    ("role", "relay", "consumers"),
    [("api", "false", "false"), ("worker", "true", "true"), ("relay", "true", "false"),
     ("consumer", "false", "true"), ("all", "true", "true")],
)
def test_server_roles_serve_the_service_on_all_interfaces_with_their_workers(
    fake_stack: Path, role: str, relay: str, consumers: str
) -> None:
    code, calls = _run(fake_stack, role, "routing")

    assert code == 0
    assert calls == [f"serve routing --host 0.0.0.0 --port 8000 relay={relay} consumers={consumers}"]


def _switches(fake_stack: Path) -> dict[str, str]:
    lines = (fake_stack / "switches.env").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines)


def _background_switches() -> set[str]:
    """Every `run_*` switch of a service's Settings, as the environment variable that sets it."""
    import importlib

    from fleet.registry import SERVICES

    names = set()
    for spec in SERVICES:
        settings = importlib.import_module(f"{spec.package}.settings").Settings
        names |= {f"CLOSELOOP_{field.upper()}" for field in settings.model_fields if field.startswith("run_")}
    return names


@pytest.mark.parametrize(("role", "expected"), [("api", "false"), ("relay", None), ("consumer", None),
                                                ("worker", "true"), ("all", "true")])
def test_every_services_background_work_runs_in_workers_and_never_in_api_pods(
    fake_stack: Path, role: str, expected: str | None
) -> None:
    switches = _background_switches() - {"CLOSELOOP_RUN_RELAY", "CLOSELOOP_RUN_CONSUMERS"}

    code, _ = _run(fake_stack, role, "sla")

    assert code == 0
    assert switches, "no service declares background work any more: update this test"
    recorded = _switches(fake_stack)
    for switch in switches:
        assert recorded.get(switch) == (expected or "false"), switch


def test_http_port_comes_from_the_environment(fake_stack: Path) -> None:
    code, calls = _run(fake_stack, "api", "intake", CLOSELOOP_HTTP_PORT="9100")

    assert code == 0
    assert calls[0].startswith("serve intake --host 0.0.0.0 --port 9100 ")


def test_provision_migrates_then_seeds(fake_stack: Path) -> None:
    code, calls = _run(fake_stack, "provision", "sla")

    assert code == 0
    assert [c.split(" relay=")[0] for c in calls] == ["migrate sla", "seed sla"]


def test_provision_does_not_seed_when_the_migration_fails(fake_stack: Path) -> None:
    code, calls = _run(fake_stack, "provision", "sla", FAIL_ON="migrate")

    assert code == 3
    assert [c.split(" relay=")[0] for c in calls] == ["migrate sla"]


def test_other_commands_pass_through_to_closeloop_stack(fake_stack: Path) -> None:
    code, calls = _run(fake_stack, "migrate", "all")

    assert code == 0
    assert calls == ["migrate all relay=unset consumers=unset"]


@pytest.mark.parametrize("args", [(), ("api",), ("worker", "intake", "extra"), ("provision",)])
def test_a_role_without_exactly_one_service_is_a_usage_error(fake_stack: Path, args: tuple[str, ...]) -> None:
    code, calls = _run(fake_stack, *args)

    assert code == 64
    assert calls == []


def test_entry_point_is_executable() -> None:
    assert os.access(ENTRYPOINT, os.X_OK)
