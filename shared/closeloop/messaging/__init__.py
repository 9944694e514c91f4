"""Reliable messaging: the transactional outbox and its relay, the idempotent consumer, dead letters."""
