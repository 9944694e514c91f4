"""A case event reduced to the names policies use to start, stop, pause and resume clocks.

``closeloop.case.acknowledged.v1`` gives ``acknowledged``; an event that names an action (a step of
the procedure, a status change) also gives that action (``plan_started``, ``pause``, ``resume``), and
a status change gives ``to:<status>``. New case event types need no code here to become usable.
"""

from __future__ import annotations

from closeloop.contracts import EventPayload


def signal_names(event_type: str, payload: EventPayload) -> list[str]:
    parts = event_type.split(".")
    names = [parts[2] if len(parts) >= 4 else event_type]
    for field in ("action", "step"):
        value = getattr(payload, field, None)
        if isinstance(value, str) and value and value not in names:
            names.append(value)
    to_status = getattr(payload, "to_status", None)
    if isinstance(to_status, str):
        names.append(f"to:{to_status}")
    return names
