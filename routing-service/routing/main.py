"""routing-service: classify every item, open the case, put it in the right hands."""

from __future__ import annotations

from fastapi import FastAPI

from closeloop.contracts.topics import consumed_by
from closeloop.db import Database
from closeloop.messaging.workers import messaging_workers
from closeloop.web.app import ServiceParts, Worker, create_service_app
from routing.cases.api import router as cases_router
from routing.cases.handlers import handlers
from routing.contacts.api import router as contacts_router
from routing.db import metadata, outbox
from routing.incidents.api import router as incidents_router
from routing.learning.api import classify_router
from routing.learning.api import router as learning_router
from routing.learning.warmup import ClassifierWarmUp
from routing.models import load_models
from routing.org.api import router as org_router
from routing.outbound.adapters import Adapters, DevelopmentAdapter
from routing.outbound.api import router as messages_router
from routing.outbound.sender import MessageSender
from routing.personal_data import cipher
from routing.procedures.api import router as procedures_router
from routing.replies.api import router as replies_router
from routing.reports.api import router as reports_router
from routing.rules.api import router as rules_router
from routing.settings import Settings
from routing.work_group.api import router as work_group_router
from routing.work_group.digest import DigestTimer


def outbound_adapters(settings: Settings) -> Adapters:
    """The adapters settings wire to each channel; only the development adapter exists so far."""
    return Adapters.configured(settings.outbound_adapters, {"development": DevelopmentAdapter()})


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    cipher(settings)  # refuse to start without the key that seals feedback text at rest
    load_models()
    database = Database(settings.database_url, pool_size=settings.db_pool_size, application_name="routing")
    adapters = outbound_adapters(settings)

    def workers() -> list[Worker]:
        found: list[Worker] = [
            ClassifierWarmUp(),
            *messaging_workers(
                settings=settings, database=database, metadata=metadata, outbox=outbox,
                handlers=handlers(settings), topics=list(consumed_by("routing")),
            ),
        ]
        if settings.run_sender:
            found.append(MessageSender(database=database, settings=settings, adapters=adapters))
        if settings.run_digest:
            found.append(DigestTimer(database=database, settings=settings))
        return found

    app = create_service_app(
        ServiceParts(
            settings=settings,
            database=database,
            routers=[cases_router, contacts_router, reports_router, replies_router, messages_router,
                     work_group_router, procedures_router, incidents_router, org_router, rules_router, learning_router,
                     classify_router],
            workers=workers,
            title="Closeloop routing-service",
            description="Classification, cases and their routing to the owning department, the handling procedure "
            "step by step, contacts and replies to customers, reports; the organisation.",
        )
    )
    app.state.outbound_adapters = adapters
    return app
