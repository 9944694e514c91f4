"""What time it is when staff act: one FastAPI dependency, so every action is stamped the same way.

Tests of whole procedures override it (``app.dependency_overrides[now]``) to walk hours of handling in
seconds; sla's timer takes its ``now`` the same way (``ClockTimer.fire_due(now=...)``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends


def now() -> datetime:
    return datetime.now(UTC)


NowDep = Annotated[datetime, Depends(now)]
