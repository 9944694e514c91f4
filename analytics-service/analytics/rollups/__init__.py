"""Rollups: per-day sums of every case's contributions at several grains, kept up to date per event."""
