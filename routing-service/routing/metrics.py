"""routing's own Prometheus metrics, beside the platform's HTTP, consumer and outbox metrics."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

CASES_OPENED = Counter(
    "closeloop_routing_cases_opened_total", "Cases opened, by labels and whether someone took them",
    ["category", "urgency", "department", "outcome"],
)
CASE_ACTIONS = Counter("closeloop_routing_case_actions_total", "Actions applied to cases, by type", ["action"])
CLASSIFY_SECONDS = Histogram(
    "closeloop_routing_classify_seconds", "Time to classify one feedback text",
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25),
)
