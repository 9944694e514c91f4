"""``analytics-rebuild``: replay every consumed topic from its first offset into a fresh analytics database.

The figures are a pure function of the events, so a rebuild reproduces them: point
``CLOSELOOP_DATABASE_URL`` at a new database, migrate it (``alembic -c analytics-service/alembic.ini
upgrade head``), run this command, then switch the service over. It reads with no consumer group (the
live service's offsets are untouched) up to the end offsets seen when it started, and applies batches
exactly as the live consumer does (inbox, so a record read twice counts once).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import time
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, TopicPartition

from analytics.db import metadata
from analytics.ingest.consumer import BatchConsumer
from analytics.ingest.handlers import batch_handler_for, handlers_for
from analytics.models import load_models
from analytics.settings import Settings
from closeloop.contracts.topics import consumed_by
from closeloop.db import Database
from closeloop.messaging.workers import consumer_options
from closeloop.messaging.kafka import qualified

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RebuildReport:
    records: int
    applied: int
    seconds: float


async def rebuild(settings: Settings, *, batch_size: int = 1000) -> RebuildReport:
    """Replay the topics from the beginning into ``settings.database_url`` (already migrated)."""
    load_models()
    database = Database(settings.database_url, pool_size=2, application_name="analytics-rebuild")
    rules = settings.rules()
    applier = BatchConsumer(
        batch_handler=batch_handler_for(rules), database=database, metadata=metadata,
        handlers=handlers_for(rules), topics=list(consumed_by("analytics")), **consumer_options(settings),
    )
    reader = AIOKafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap_servers, group_id=None, enable_auto_commit=False,
        isolation_level="read_committed", max_poll_records=batch_size, client_id="analytics-rebuild",
    )
    started = time.perf_counter()
    records = applied = 0
    await reader.start()
    try:
        partitions = [
            TopicPartition(name, p)
            for name in (qualified(t, settings.topic_namespace) for t in consumed_by("analytics"))
            for p in sorted(reader.partitions_for_topic(name) or await _partitions(reader, name))
        ]
        reader.assign(partitions)
        await reader.seek_to_beginning(*partitions)
        ends = await reader.end_offsets(partitions)
        remaining = {tp for tp in partitions if ends[tp] > 0}
        while remaining:
            batches = await reader.getmany(*remaining, timeout_ms=1000, max_records=batch_size)
            chunk = [r for tp, rs in batches.items() for r in rs if r.offset < ends[tp]]
            if chunk:
                outcomes = await applier.apply_batch(chunk, dead_letter=False)
                records += len(chunk)
                applied += sum(1 for o in outcomes if o.status == "applied")
            for tp in list(remaining):
                if await reader.position(tp) >= ends[tp]:
                    remaining.discard(tp)
    finally:
        await reader.stop()
        await database.dispose()
    return RebuildReport(records=records, applied=applied, seconds=time.perf_counter() - started)


async def _partitions(reader: AIOKafkaConsumer, topic: str) -> set[int]:
    await reader._client.force_metadata_update()  # noqa: SLF001  (no public call refreshes one topic)
    return reader.partitions_for_topic(topic) or set()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--batch-size", type=int, default=1000)
    args = parser.parse_args()
    report = asyncio.run(rebuild(Settings(), batch_size=args.batch_size))
    print(f"replayed {report.records} records ({report.applied} applied) in {report.seconds:.1f}s")


if __name__ == "__main__":
    main()
