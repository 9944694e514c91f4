"""Rate limits per API client (sliding window counters, in memory per replica), with 429 and Retry-After.

Defaults are generous for a POS fleet; the development tokens are not throttled.
"""

from __future__ import annotations

import math
import time

from fastapi import Request
from limits import RateLimitItem, parse_many
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import SlidingWindowCounterRateLimiter

from closeloop.auth import Principal
from closeloop.problems import Problem


class Throttle:
    def __init__(self, *, limits: str, exempt: list[str]) -> None:
        self.items: list[RateLimitItem] = parse_many(limits) if limits.strip() else []
        self.exempt = frozenset(exempt)
        self.limiter = SlidingWindowCounterRateLimiter(MemoryStorage())

    async def admit(self, client_id: str, cost: int = 1) -> None:
        """Count one request against every limit; raise 429 naming when to come back."""
        if client_id in self.exempt:
            return
        for item in self.items:
            if not await self.limiter.test(item, client_id, cost=cost):
                stats = await self.limiter.get_window_stats(item, client_id)
                retry_after = max(1, math.ceil(stats.reset_time - time.time()))
                raise Problem(
                    429, "Too Many Requests", f"rate limit {item} exceeded for this client",
                    type_="https://closeloop.dev/problems/rate-limited", headers={"Retry-After": str(retry_after)},
                )
        for item in self.items:
            await self.limiter.hit(item, client_id, cost=cost)


async def throttled(request: Request, principal: Principal) -> None:
    """Router dependency: every /v1 call counts against its client's limits."""
    throttle: Throttle = request.app.state.intake.throttle
    await throttle.admit(principal.client_id)
