"""sla-service: every promise to the customer has a clock."""

from __future__ import annotations

from fastapi import FastAPI

from closeloop.contracts.topics import consumed_by
from closeloop.db import Database
from closeloop.messaging.workers import messaging_workers
from closeloop.web.app import ServiceParts, create_service_app
from sla.clocks.api import router as clocks_router
from sla.clocks.handlers import HANDLERS as CLOCK_HANDLERS
from sla.db import metadata, outbox
from sla.models import load_models
from sla.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    load_models()
    database = Database(settings.database_url, pool_size=settings.db_pool_size, application_name="sla")
    return create_service_app(
        ServiceParts(
            settings=settings,
            database=database,
            routers=[clocks_router],
            workers=lambda: messaging_workers(
                settings=settings, database=database, metadata=metadata, outbox=outbox,
                handlers={**CLOCK_HANDLERS}, topics=list(consumed_by("sla")),
            ),
            title="Closeloop sla-service",
            description="Classification, cases and their sla to the owning department.",
        )
    )
