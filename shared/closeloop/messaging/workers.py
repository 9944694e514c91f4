"""The background workers a service runs, chosen by its settings (API pods may run none)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import MetaData

from closeloop.db import Database
from closeloop.messaging.consumer import EventConsumer, Handler
from closeloop.messaging.outbox import Outbox, OutboxRelay
from closeloop.settings import ServiceSettings


def outbox_relay(*, settings: ServiceSettings, database: Database, outbox: Outbox) -> OutboxRelay:
    return OutboxRelay(
        outbox=outbox, database=database, bootstrap_servers=settings.kafka_bootstrap_servers,
        namespace=settings.topic_namespace, batch_size=settings.outbox_batch_size,
        poll_seconds=settings.outbox_poll_seconds, idempotent=settings.kafka_idempotence,
    )


def consumer_options(settings: ServiceSettings) -> dict[str, Any]:
    """What every consumer of a service takes from its settings, for ``EventConsumer`` and its subclasses."""
    return {
        "service": settings.service_name,
        "bootstrap_servers": settings.kafka_bootstrap_servers,
        "namespace": settings.topic_namespace,
        "max_attempts": settings.consumer_max_attempts,
        "retry_backoff_seconds": settings.consumer_retry_backoff_seconds,
        "batch_size": settings.consumer_batch_size,
        "idempotent": settings.kafka_idempotence,
    }


def messaging_workers(
    *,
    settings: ServiceSettings,
    database: Database,
    metadata: MetaData,
    outbox: Outbox | None,
    handlers: Mapping[str, Handler],
    topics: list[str],
) -> list[OutboxRelay | EventConsumer]:
    workers: list[OutboxRelay | EventConsumer] = []
    if settings.run_relay and outbox is not None:
        workers.append(outbox_relay(settings=settings, database=database, outbox=outbox))
    if settings.run_consumers and handlers and topics:
        workers.append(
            EventConsumer(database=database, metadata=metadata, handlers=handlers, topics=topics, **consumer_options(settings))
        )
    return workers
