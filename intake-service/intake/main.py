"""intake-service: every channel in, nothing lost, personal data protected."""

from __future__ import annotations

from fastapi import FastAPI

from closeloop.contracts.topics import consumed_by
from closeloop.db import Database
from closeloop.messaging.workers import messaging_workers
from closeloop.web.app import ServiceParts, create_service_app
from intake.db import metadata, outbox
from intake.feedback.api import router as feedback_router
from intake.models import load_models
from intake.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    load_models()
    database = Database(settings.database_url, pool_size=settings.db_pool_size, application_name="intake")
    return create_service_app(
        ServiceParts(
            settings=settings,
            database=database,
            routers=[feedback_router],
            workers=lambda: messaging_workers(
                settings=settings, database=database, metadata=metadata, outbox=outbox,
                handlers={}, topics=list(consumed_by("intake")),
            ),
            title="Closeloop intake-service",
            description="Feedback from every channel, stored once, numbered, and announced.",
        )
    )
