"""The four Closeloop services, as the supervisor, the container image and the tests know them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class ServiceSpec:
    """Where a service lives and how to start, migrate and seed it.

    Conventions every service follows: `<package>.main:create_app` (an ASGI factory),
    `<project_dir>/alembic.ini`, and optionally `<package>.seed:seed(settings)`, a coroutine given
    `<package>.settings:Settings()`.
    """

    name: str
    package: str
    port: int
    project_dir: Path

    @property
    def app_factory(self) -> str:
        """ASGI factory for `uvicorn --factory`."""
        return f"{self.package}.main:create_app"

    @property
    def alembic_ini(self) -> Path:
        return self.project_dir / "alembic.ini"

    @property
    def env_prefix(self) -> str:
        """Prefix of the `<NAME>_URL` variable that tells the others where this service answers."""
        return self.name.upper()

    def local_url(self, port: int | None = None) -> str:
        return f"http://127.0.0.1:{port or self.port}"


def _service(name: str, port: int) -> ServiceSpec:
    return ServiceSpec(name=name, package=name, port=port, project_dir=REPO_ROOT / f"{name}-service")


SERVICES: tuple[ServiceSpec, ...] = (
    _service("intake", 8001),
    _service("routing", 8002),
    _service("sla", 8003),
    _service("analytics", 8004),
)


def service_named(name: str) -> ServiceSpec:
    """The registered service called `name`, or a ValueError listing the valid names."""
    for spec in SERVICES:
        if spec.name == name:
            return spec
    raise ValueError(f"unknown service {name!r}; expected one of {', '.join(s.name for s in SERVICES)}")


def select_services(name: str) -> tuple[ServiceSpec, ...]:
    """`all` or one service name, as the CLI subcommands accept it."""
    return SERVICES if name == "all" else (service_named(name),)
