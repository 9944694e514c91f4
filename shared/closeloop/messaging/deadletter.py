"""``closeloop-deadletter``: list a dead-letter topic, or replay records back onto their origin topic.

Replaying publishes the original record (same key, same CloudEvent id) to the topic it came from;
the consuming service's inbox still guards against a double effect.
"""

from __future__ import annotations

import argparse
import asyncio
import json

from aiokafka import AIOKafkaConsumer, TopicPartition

from closeloop.messaging.kafka import qualified, reliable_producer
from closeloop.settings import ServiceSettings

_DLT_HEADERS = {"dlt.error", "dlt.origin.topic", "dlt.origin.partition", "dlt.origin.offset", "dlt.attempts", "dlt.service"}


async def read_dead_letters(*, bootstrap_servers: str, topic: str, timeout_ms: int = 2000) -> list[dict]:  # type: ignore[type-arg]
    """Every record currently on a dead-letter topic, with its error and origin."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap_servers, enable_auto_commit=False, group_id=None)
    await consumer.start()
    try:
        partitions = [TopicPartition(topic, p) for p in (consumer.partitions_for_topic(topic) or set())]
        if not partitions:
            await consumer._client.force_metadata_update()  # noqa: SLF001  (first metadata fetch)
            partitions = [TopicPartition(topic, p) for p in (consumer.partitions_for_topic(topic) or set())]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        found: list[dict] = []  # type: ignore[type-arg]
        while [tp for tp in partitions if await consumer.position(tp) < ends[tp]]:
            batches = await consumer.getmany(timeout_ms=timeout_ms)
            if not batches:
                break
            for tp, records in batches.items():
                for r in records:
                    headers = {k: v.decode() for k, v in r.headers or ()}
                    found.append(
                        {"partition": tp.partition, "offset": r.offset, "key": r.key.decode() if r.key else None,
                         "value": r.value, "headers": headers}
                    )
        return found
    finally:
        await consumer.stop()


async def replay(*, bootstrap_servers: str, topic: str, offsets: set[int] | None, namespace: str = "") -> int:
    """Publish the chosen dead letters back to their origin topics; returns how many."""
    records = await read_dead_letters(bootstrap_servers=bootstrap_servers, topic=topic)
    producer = reliable_producer(bootstrap_servers, client_id="closeloop-deadletter-replay")
    await producer.start()
    count = 0
    try:
        for r in records:
            if offsets is not None and r["offset"] not in offsets:
                continue
            origin = qualified(r["headers"]["dlt.origin.topic"], namespace)
            headers = [(k, v.encode()) for k, v in r["headers"].items() if k not in _DLT_HEADERS]
            headers.append(("dlt.replayed-from", f"{topic}@{r['offset']}".encode()))
            await producer.send_and_wait(
                origin, value=r["value"], key=r["key"].encode() if r["key"] else None, headers=headers
            )
            count += 1
    finally:
        await producer.stop()
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    listing = sub.add_parser("list", help="show the records on a dead-letter topic")
    listing.add_argument("topic")
    again = sub.add_parser("replay", help="publish records back to their origin topic")
    again.add_argument("topic")
    again.add_argument("--offset", type=int, action="append", help="only these offsets (repeatable); default all")
    args = parser.parse_args()
    settings = ServiceSettings()
    if args.command == "list":
        records = asyncio.run(read_dead_letters(bootstrap_servers=settings.kafka_bootstrap_servers, topic=args.topic))
        for r in records:
            print(json.dumps({k: v for k, v in r.items() if k != "value"} | {"value": r["value"].decode(errors="replace")}, ensure_ascii=False))
    else:
        n = asyncio.run(
            replay(
                bootstrap_servers=settings.kafka_bootstrap_servers, topic=args.topic,
                offsets=set(args.offset) if args.offset else None, namespace=settings.topic_namespace,
            )
        )
        print(f"replayed {n} record(s) from {args.topic}")


if __name__ == "__main__":
    main()
