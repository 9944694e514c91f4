"""The one way a Closeloop service app is assembled: problems, context, metrics, health, workers."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from fastapi import APIRouter, FastAPI, Request, Response

from closeloop.auth.principal import Authenticator
from closeloop.db import Database
from closeloop.logs import configure_logging, correlation_id
from closeloop.problems import install_problem_handlers
from closeloop.settings import ServiceSettings
from closeloop.tracing import configure_tracing, telemetry_config
from closeloop.web.health import health_router
from closeloop.web.metrics import HTTP_SECONDS

log = logging.getLogger(__name__)


class Worker(Protocol):
    """A background loop the app runs beside HTTP: the outbox relay, a consumer, a timer."""

    async def run(self) -> None: ...

    def stop(self) -> None: ...


@dataclass
class ServiceParts:
    """What a service hands the factory: its routers and its background workers."""

    settings: ServiceSettings
    database: Database
    routers: Sequence[APIRouter]
    workers: Callable[[], list[Worker]] = lambda: []
    title: str = "Closeloop"
    description: str = ""
    version: str = "0.1.0"


def create_service_app(parts: ServiceParts) -> FastAPI:
    settings = parts.settings
    configure_logging(service=settings.service_name, level=settings.log_level, json_output=settings.log_json)
    configure_tracing(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        workers = parts.workers()
        tasks = [asyncio.create_task(w.run(), name=type(w).__name__) for w in workers]
        app.state.workers = workers
        log.info("service started", extra={"workers": [type(w).__name__ for w in workers]})
        try:
            yield
        finally:
            for w in workers:
                w.stop()
            if tasks:
                done, pending = await asyncio.wait(tasks, timeout=15)
                for t in pending:
                    t.cancel()
                await asyncio.gather(*pending, return_exceptions=True)
            await parts.database.dispose()
            log.info("service stopped")

    app = FastAPI(
        title=parts.title, description=parts.description, version=parts.version, lifespan=lifespan,
        telemetry=telemetry_config(),
    )
    app.state.settings = settings
    app.state.database = parts.database
    app.state.authenticator = Authenticator(settings)
    install_problem_handlers(app)

    @app.middleware("http")
    async def request_context(request: Request, call_next: Callable) -> Response:  # type: ignore[type-arg]
        cid = request.headers.get("x-correlation-id") or request.headers.get("x-request-id") or uuid.uuid4().hex
        token = correlation_id.set(cid)
        started = time.perf_counter()
        status = 500
        try:
            response: Response = await call_next(request)
            status = response.status_code
            response.headers["x-correlation-id"] = cid
            return response
        finally:
            route = request.scope.get("route")
            HTTP_SECONDS.labels(
                settings.service_name, request.method, getattr(route, "path", "unmatched"), str(status)
            ).observe(time.perf_counter() - started)
            correlation_id.reset(token)

    app.include_router(
        health_router(
            database=parts.database,
            bootstrap_servers=settings.kafka_bootstrap_servers,
            needs_broker=settings.run_relay or settings.run_consumers,
        )
    )
    for router in parts.routers:
        app.include_router(router)
    return app
