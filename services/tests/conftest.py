from pathlib import Path

import pytest

from fleet.registry import ServiceSpec

SAMPLE = ServiceSpec(name="sample", package="sample", port=0, project_dir=Path(__file__).parent / "sample_service")


@pytest.fixture(scope="session")
def sample_service() -> ServiceSpec:
    """A service built like the real four (factory, alembic.ini, seed), for testing the fleet on its own."""
    return SAMPLE
