"""Ingest: every topic's events into the facts and rollups, a poll batch per transaction."""
