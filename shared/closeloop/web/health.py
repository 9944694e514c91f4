"""Liveness, readiness and metrics endpoints."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from closeloop.db import Database
from closeloop.problems import problem_response


async def broker_reachable(bootstrap_servers: str, timeout: float = 2.0) -> bool:
    """A TCP connect to any bootstrap server: cheap enough for every readiness probe."""
    for server in bootstrap_servers.split(","):
        host, _, port = server.strip().rpartition(":")
        try:
            _, writer = await asyncio.wait_for(asyncio.open_connection(host or "127.0.0.1", int(port)), timeout)
            writer.close()
            return True
        except (OSError, TimeoutError, ValueError):
            continue
    return False


def health_router(*, database: Database, bootstrap_servers: str, needs_broker: bool = True) -> APIRouter:
    """``needs_broker=False`` for API-only pods: intake keeps accepting feedback into its outbox while Kafka is down."""
    router = APIRouter(tags=["health"])

    @router.get("/healthz", summary="The process is alive")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/readyz", summary="The database and the broker are reachable", response_model=None)
    async def readyz() -> JSONResponse:
        checks: dict[str, str] = {}
        try:
            await asyncio.wait_for(database.ping(), 3.0)
            checks["database"] = "ok"
        except Exception as exc:
            checks["database"] = f"unavailable: {type(exc).__name__}"
        if needs_broker:
            checks["broker"] = "ok" if await broker_reachable(bootstrap_servers) else "unavailable"
        if all(v == "ok" for v in checks.values()):
            return JSONResponse({"status": "ready", "checks": checks})
        return problem_response(503, "Not ready", "a dependency is unavailable", checks=checks)

    @router.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return router
