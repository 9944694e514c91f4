"""Imports every concept's tables so Alembic and the app see one complete metadata."""


def load_models() -> None:
    from sla.clocks import models  # noqa: F401
