"""sla-service: every promise to the customer has a clock, and a slipping clock climbs the ladder."""

from __future__ import annotations

from fastapi import FastAPI

from closeloop.contracts.topics import consumed_by
from closeloop.db import Database
from closeloop.messaging.workers import messaging_workers
from closeloop.web.app import ServiceParts, Worker, create_service_app
from sla.calendars.api import router as calendars_router
from sla.cases.handlers import HANDLERS as CASE_HANDLERS
from sla.channels.api import router as channels_router
from sla.clocks.api import router as clocks_router
from sla.clocks.timer import ClockTimer
from sla.db import metadata, outbox
from sla.deliveries.sender import DeliverySender
from sla.escalations.api import router as escalations_router
from sla.models import load_models
from sla.policies.api import router as policies_router
from sla.settings import Settings
from sla.stores.api import router as stores_router
from sla.stores.handlers import HANDLERS as STORE_HANDLERS


def workers(settings: Settings, database: Database) -> list[Worker]:
    """The relay and consumer, plus the clock timer and the webhook sender unless settings turn them off."""
    found: list[Worker] = list(
        messaging_workers(
            settings=settings, database=database, metadata=metadata, outbox=outbox,
            handlers={**CASE_HANDLERS, **STORE_HANDLERS}, topics=list(consumed_by("sla")),
        )
    )
    if settings.run_timer:
        found.append(
            ClockTimer(
                database=database, batch_size=settings.timer_batch_size, idle_seconds=settings.timer_idle_seconds,
                tick_seconds=settings.timer_tick_seconds,
            )
        )
    if settings.run_sender:
        found.append(DeliverySender(database=database, settings=settings))
    return found


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    load_models()
    database = Database(settings.database_url, pool_size=settings.db_pool_size, application_name="sla")
    return create_service_app(
        ServiceParts(
            settings=settings,
            database=database,
            routers=[clocks_router, policies_router, calendars_router, stores_router, escalations_router, channels_router],
            workers=lambda: workers(settings, database),
            title="Closeloop sla-service",
            description="Clocks on every case per versioned SLA policies and business calendars; warnings, breaches, "
            "escalation ladders and signed webhooks.",
        )
    )
