"""Shared fixtures of the classifier tests: the hand-labelled evaluation sets (never the development set)."""

from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[3] / "benchmarks" / "classify"


@pytest.fixture(scope="session")
def hand_sets() -> dict[str, Path]:
    return {name: BENCHMARKS / f"{name}.jsonl" for name in ("validation", "sealed", "fresh")}
