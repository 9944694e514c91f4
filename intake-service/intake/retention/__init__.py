"""Retention: what intake keeps only for a while (idempotency keys, unclaimed uploads) is purged on schedule."""
