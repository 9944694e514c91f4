"""Routing rules (分派規則): data, not code, deciding which department owns a case."""
