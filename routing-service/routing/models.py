"""Imports every concept's tables so Alembic and the app see one complete metadata."""


def load_models() -> None:
    from routing.cases import models  # noqa: F401
