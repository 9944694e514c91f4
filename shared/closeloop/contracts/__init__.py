"""Event contracts: the only code services share about each other.

Each topic's payload models live in a module of their own (``feedback``, ``case``, ``org``, ``sla``,
``kpi``); importing this package registers every event type.
"""

from closeloop.contracts.envelope import CloudEvent, EventPayload, event_model, registered_events
from closeloop.contracts import feedback, case, org, sla, kpi  # noqa: F401  (registers the types)
from closeloop.contracts.topics import TOPICS, Topic, consumed_by, dead_letter_topic

__all__ = [
    "CloudEvent", "EventPayload", "event_model", "registered_events",
    "TOPICS", "Topic", "consumed_by", "dead_letter_topic",
]
