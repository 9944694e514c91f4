"""Idempotency keys: a client's retry returns the first answer instead of creating a second record."""
