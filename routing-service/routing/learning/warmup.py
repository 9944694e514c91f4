"""Training the built-in model takes seconds: do it off the event loop as the service starts, not on the
first feedback."""

from __future__ import annotations

import asyncio
import logging

from routing.cases.opening.classification import builtin_model

log = logging.getLogger(__name__)


class ClassifierWarmUp:
    """A one-shot background worker: loads the built-in classifier model in a thread, then ends."""

    async def run(self) -> None:
        try:
            await asyncio.to_thread(builtin_model)
        except Exception as exc:  # the first case will try again; starting the service must not fail on it
            log.warning("classifier warm-up failed: %s", type(exc).__name__)

    def stop(self) -> None:
        """Nothing to stop: the thread finishes on its own."""
