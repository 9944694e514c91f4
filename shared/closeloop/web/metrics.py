"""Prometheus metrics the platform records for every service."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

HTTP_SECONDS = Histogram(
    "closeloop_http_request_seconds", "HTTP request latency", ["service", "method", "route", "status"]
)
EVENTS_PROCESSED = Counter(
    "closeloop_events_processed_total", "Events consumed, by outcome", ["service", "topic", "outcome"]
)
EVENT_SECONDS = Histogram("closeloop_event_processing_seconds", "Time to apply one event", ["service", "topic"])
CONSUMER_LAG = Gauge("closeloop_consumer_lag", "Records behind the high watermark", ["service", "topic", "partition"])
DEAD_LETTERS = Counter("closeloop_dead_letters_total", "Events sent to a dead-letter topic", ["service", "topic"])
OUTBOX_PUBLISHED = Counter("closeloop_outbox_published_total", "Outbox events published", ["service"])
OUTBOX_BACKLOG = Gauge("closeloop_outbox_backlog", "Outbox events not yet published", ["service"])
OUTBOX_OLDEST_AGE = Gauge(
    "closeloop_outbox_oldest_age_seconds", "Age of the oldest unpublished outbox event", ["service"]
)
