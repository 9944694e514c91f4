"""intake-service: every channel in, nothing lost, personal data protected."""

from __future__ import annotations

from datetime import timedelta

from fastapi import FastAPI

from closeloop.contracts.topics import consumed_by
from closeloop.db import Database
from closeloop.messaging.workers import messaging_workers
from closeloop.web.app import ServiceParts, Worker, create_service_app
from intake.admission.media import install_malformed_json_handler
from intake.admission.size import BodySizeLimit
from intake.attachments.api import router as attachments_router
from intake.context import IntakeContext
from intake.customers.api import router as customers_router
from intake.db import metadata, outbox
from intake.feedback.api import router as feedback_router
from intake.models import load_models
from intake.retention.worker import RetentionWorker
from intake.settings import Settings
from intake.stores.handlers import HANDLERS as STORE_HANDLERS
from intake.surveys.api import router as surveys_router

HANDLERS = {**STORE_HANDLERS}


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    load_models()
    context = IntakeContext.from_settings(settings)
    database = Database(settings.database_url, pool_size=settings.db_pool_size, application_name="intake")

    def workers() -> list[Worker]:
        running: list[Worker] = list(
            messaging_workers(
                settings=settings, database=database, metadata=metadata, outbox=outbox,
                handlers=HANDLERS, topics=list(consumed_by("intake")),
            )
        )
        if settings.run_relay:
            running.append(
                RetentionWorker(
                    database=database, objects=context.objects, interval_seconds=settings.retention_interval_seconds,
                    orphan_after=timedelta(hours=settings.orphan_attachment_hours),
                )
            )
        return running

    app = create_service_app(
        ServiceParts(
            settings=settings,
            database=database,
            routers=[feedback_router, surveys_router, attachments_router, customers_router],
            workers=workers,
            title="Closeloop intake-service",
            description="Feedback from every channel, stored once, numbered, and announced. Personal data is "
            "encrypted at rest and masked for callers without `pii:read`.",
        )
    )
    app.state.intake = context
    install_malformed_json_handler(app)

    def limit_for(path: str) -> int:
        if path.startswith("/v1/attachments"):
            return settings.attachment_max_bytes + 64 * 1024
        if path.endswith(":batch") or path.endswith("/batch"):
            return settings.batch_max_body_bytes
        return settings.max_body_bytes

    app.add_middleware(BodySizeLimit, limit_for=limit_for)
    return app
