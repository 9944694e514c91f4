"""Topic names, partitions and who consumes what; dead-letter topics follow from it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    name: str
    key: str
    producer: str
    consumers: tuple[str, ...]
    description: str
    retention_days: int = 30


FEEDBACK = "closeloop.feedback.v1"
SURVEY = "closeloop.survey.v1"
CASE = "closeloop.case.v1"
ORG = "closeloop.org.v1"
SLA = "closeloop.sla.v1"
KPI = "closeloop.kpi.v1"

TOPICS: tuple[Topic, ...] = (
    Topic(FEEDBACK, "feedback_id", "intake", ("routing", "analytics"), "Feedback as received or merged."),
    Topic(SURVEY, "feedback_id", "intake", ("routing", "analytics"), "Customers' verdicts after handling."),
    Topic(CASE, "case_id", "routing", ("sla", "analytics"), "Case lifecycle: opened to closed."),
    Topic(ORG, "store_id", "routing", ("intake", "sla", "analytics"), "Regions, stores, departments, staff.", 3650),
    Topic(SLA, "case_id", "sla", ("routing", "analytics"), "Clocks started, warned, breached, stopped; escalations."),
    Topic(KPI, "period", "analytics", (), "Daily KPI snapshots for analysts.", 3650),
)


def consumed_by(service: str) -> tuple[str, ...]:
    return tuple(t.name for t in TOPICS if service in t.consumers)


def dead_letter_topic(topic: str, service: str) -> str:
    """Each consuming service has its own dead-letter topic per source topic."""
    return f"{topic}.dlt.{service}"


def all_topic_names() -> list[str]:
    names = [t.name for t in TOPICS]
    names += [dead_letter_topic(t.name, s) for t in TOPICS for s in t.consumers]
    return names
