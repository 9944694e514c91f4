"""routing-service: classify every item, open the case, put it in the right hands."""

from __future__ import annotations

from fastapi import FastAPI

from closeloop.contracts.topics import consumed_by
from closeloop.db import Database
from closeloop.messaging.workers import messaging_workers
from closeloop.web.app import ServiceParts, create_service_app
from routing.cases.api import router as cases_router
from routing.cases.handlers import HANDLERS as CASE_HANDLERS
from routing.db import metadata, outbox
from routing.models import load_models
from routing.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    load_models()
    database = Database(settings.database_url, pool_size=settings.db_pool_size, application_name="routing")
    return create_service_app(
        ServiceParts(
            settings=settings,
            database=database,
            routers=[cases_router],
            workers=lambda: messaging_workers(
                settings=settings, database=database, metadata=metadata, outbox=outbox,
                handlers={**CASE_HANDLERS}, topics=list(consumed_by("routing")),
            ),
            title="Closeloop routing-service",
            description="Classification, cases and their routing to the owning department.",
        )
    )
