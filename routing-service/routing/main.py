"""routing-service: classify every item, open the case, put it in the right hands."""

from __future__ import annotations

from fastapi import FastAPI

from closeloop.contracts.topics import consumed_by
from closeloop.db import Database
from closeloop.messaging.workers import messaging_workers
from closeloop.web.app import ServiceParts, create_service_app
from routing.cases.api import router as cases_router
from routing.cases.handlers import handlers
from routing.db import metadata, outbox
from routing.incidents.api import router as incidents_router
from routing.learning.api import classify_router
from routing.learning.api import router as learning_router
from routing.learning.warmup import ClassifierWarmUp
from routing.models import load_models
from routing.org.api import router as org_router
from routing.personal_data import cipher
from routing.rules.api import router as rules_router
from routing.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    cipher(settings)  # refuse to start without the key that seals feedback text at rest
    load_models()
    database = Database(settings.database_url, pool_size=settings.db_pool_size, application_name="routing")
    return create_service_app(
        ServiceParts(
            settings=settings,
            database=database,
            routers=[cases_router, incidents_router, org_router, rules_router, learning_router, classify_router],
            workers=lambda: [
                ClassifierWarmUp(),
                *messaging_workers(
                    settings=settings, database=database, metadata=metadata, outbox=outbox,
                    handlers=handlers(settings), topics=list(consumed_by("routing")),
                ),
            ],
            title="Closeloop routing-service",
            description="Classification, cases and their routing to the owning department; the organisation.",
        )
    )
