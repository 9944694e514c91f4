"""analytics-service: the service-quality figures management steers by."""

from __future__ import annotations

from fastapi import FastAPI

from closeloop.contracts.topics import consumed_by
from closeloop.db import Database
from closeloop.messaging.workers import messaging_workers
from closeloop.web.app import ServiceParts, create_service_app
from analytics.facts.api import router as kpis_router
from analytics.facts.handlers import HANDLERS as FACT_HANDLERS
from analytics.db import metadata
from analytics.models import load_models
from analytics.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    load_models()
    database = Database(settings.database_url, pool_size=settings.db_pool_size, application_name="analytics")
    return create_service_app(
        ServiceParts(
            settings=settings,
            database=database,
            routers=[kpis_router],
            workers=lambda: messaging_workers(
                settings=settings, database=database, metadata=metadata, outbox=None,
                handlers={**FACT_HANDLERS}, topics=list(consumed_by("analytics")),
            ),
            title="Closeloop analytics-service",
            description="Classification, cases and their analytics to the owning department.",
        )
    )
