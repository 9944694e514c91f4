"""analytics-service: the service-quality figures management steers by."""

from __future__ import annotations

from fastapi import FastAPI

from analytics.db import metadata, outbox
from analytics.ingest.consumer import BatchConsumer
from analytics.ingest.handlers import batch_handler_for, handlers_for
from analytics.appraisal.api import router as appraisal_router
from analytics.breaches.api import router as breaches_router
from analytics.exports.api import router as exports_router
from analytics.initiatives.api import router as initiatives_router
from analytics.issues.api import router as issues_router
from analytics.kpis.api import router as kpis_router
from analytics.reports.api import router as reports_router
from analytics.snapshots.timer import SnapshotTimer
from analytics.models import load_models
from analytics.settings import Settings
from closeloop.contracts.topics import consumed_by
from closeloop.db import Database
from closeloop.messaging.workers import consumer_options, outbox_relay
from closeloop.web.app import ServiceParts, Worker, create_service_app


def workers(settings: Settings, database: Database) -> list[Worker]:
    """The relay of the KPI snapshot events, the batch consumer of every topic, the daily snapshot timer."""
    found: list[Worker] = []
    if settings.run_relay:
        found.append(outbox_relay(settings=settings, database=database, outbox=outbox))
    if settings.run_consumers:
        rules = settings.rules()
        found.append(
            BatchConsumer(
                batch_handler=batch_handler_for(rules), database=database, metadata=metadata,
                handlers=handlers_for(rules), topics=list(consumed_by("analytics")),
                **(consumer_options(settings) | {"batch_size": settings.ingest_batch_size}),
            )
        )
    if settings.run_snapshots:
        found.append(SnapshotTimer(settings=settings, database=database))
    return found


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    load_models()
    database = Database(settings.database_url, pool_size=settings.db_pool_size, application_name="analytics")
    return create_service_app(
        ServiceParts(
            settings=settings,
            database=database,
            routers=[
                kpis_router, issues_router, breaches_router, appraisal_router, exports_router, initiatives_router,
                reports_router,
            ],
            workers=lambda: workers(settings, database),
            title="Closeloop analytics-service",
            description=(
                "The service-quality figures management steers by: KPIs by store, region, department, category, "
                "channel, urgency, assignee and period; top issues and theme words; SLA breaches; appraisal; "
                "reports, exports and the dashboard. Every figure's definition is in its schema description."
            ),
        )
    )
