"""Async database access: one engine per service, explicit units of work."""

from closeloop.db.session import Database, SessionDep, naming_convention

__all__ = ["Database", "SessionDep", "naming_convention"]
