"""Case opening through real Kafka and PostgreSQL, against the broker's own delivery measured in the same run.

    .venv/bin/python routing-service/benchmarks/case_opening.py [--sequential 100] [--burst 500]

Starts an embedded PostgreSQL and Apache Kafka (as the tests do), migrates and seeds routing, and runs the
service in-process with its consumer and outbox relay. Then:

* baseline: records produced to a scratch topic and read back by a bare consumer (the broker's delivery);
* sequential: one feedback.received event at a time, timed until its case is visible with a department
  and an assignee (what a customer waits for, less intake's part);
* burst: many events at once, timed until every case is visible (throughput of one replica).

Prints percentiles, cases per second and the ratio to the baseline. It never fails on a timing.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import os
import shutil
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from aiokafka import AIOKafkaConsumer
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from closeloop.contracts import CloudEvent
from closeloop.contracts.feedback import CustomerRef, FeedbackReceived
from closeloop.messaging.kafka import qualified, reliable_producer
from closeloop.messaging.topics import ensure_topics
from fleet.kafka import KafkaBroker
from fleet.postgres import EmbeddedPostgres
from fleet.provisioning import migrate_database

TEXTS = (
    "收银员态度很差,找零还扔在台面上",
    "買的鮮奶打開已經發臭,日期還沒過期,孩子喝了一口就吐了",
    "貨架標價 12.9 元,結賬收了 15.9 元,已經第二次了",
    "冷藏區太冷了,建議提供一些購物車毛毯",
    "三樓安全出口被紙箱堵住了",
    "The trolley wheels keep jamming, please fix them",
    "希望會員日活動可以提前在 APP 通知",
    "謝謝生鮮區的王師傅幫我挑魚",
    "收銀台只開一個,排隊排了半個小時",
    "洗手間好臭,地上都是水",
)
STORES = ("S001", "S002", "S003", "S004")


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return (f"p50 {pick(0.50) * 1000:7.1f} ms   p95 {pick(0.95) * 1000:7.1f} ms   "
            f"p99 {pick(0.99) * 1000:7.1f} ms   mean {statistics.fmean(ordered) * 1000:7.1f} ms   (n={len(ordered)})")


def p99(samples: list[float]) -> float:
    return sorted(samples)[min(len(samples) - 1, int(0.99 * len(samples)))]


async def broker_baseline(bootstrap: str, namespace: str, n: int) -> list[float]:
    """Produce-to-consume time of bare records: the floor any consumer of this broker sits on."""
    topic = qualified("bench.baseline", namespace)
    await ensure_topics(bootstrap, names=[topic], partitions=3)
    producer = reliable_producer(bootstrap, client_id="bench-baseline")
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=f"{namespace}bench", auto_offset_reset="latest",
                                enable_auto_commit=False)
    await producer.start()
    await consumer.start()
    try:
        while not consumer.assignment():
            await asyncio.sleep(0.05)
        await consumer.seek_to_end()
        samples = []
        for i in range(n):
            sent = time.perf_counter()
            await producer.send_and_wait(topic, value=str(i).encode(), key=str(i).encode())
            while True:
                batch = await consumer.getmany(timeout_ms=1000)
                if any(r.value == str(i).encode() for records in batch.values() for r in records):
                    break
            samples.append(time.perf_counter() - sent)
        return samples
    finally:
        await producer.stop()
        await consumer.stop()


def feedback(i: int) -> FeedbackReceived:
    return FeedbackReceived(
        feedback_id=str(uuid.uuid4()), number=f"FB-20261123-{i:06d}", channel="pos", store_id=STORES[i % len(STORES)],
        content=TEXTS[i % len(TEXTS)], received_at=datetime.now(UTC), customer=CustomerRef(customer_id=f"bench-{i}"),
    )


async def main(sequential: int, burst: int) -> None:
    root = Path(tempfile.mkdtemp(prefix="closeloop-bench-routing-"))
    postgres = EmbeddedPostgres(root / "pg", fsync=False)
    broker = KafkaBroker(root / "kafka")
    await asyncio.gather(postgres.start(), broker.start())
    try:
        database_url = await postgres.create_database("bench")
        await migrate_database(database_url, ["routing"])
        namespace = f"bench{uuid.uuid4().hex[:6]}."
        await ensure_topics(broker.bootstrap_servers, namespace=namespace, partitions=3)

        from routing.main import create_app
        from routing.seed import seed
        from routing.settings import Settings

        settings = Settings(
            database_url=database_url, kafka_bootstrap_servers=broker.bootstrap_servers, topic_namespace=namespace,
            jwt_secret="bench-secret-0123456789abcdef0123456789", log_level="WARNING",
            pii_key=base64.urlsafe_b64encode(os.urandom(32)).decode(), outbox_poll_seconds=0.2,
        )
        await seed(settings)
        baseline = await broker_baseline(broker.bootstrap_servers, namespace, sequential)

        from routing.cases.opening.classification import builtin_model

        await asyncio.to_thread(builtin_model)  # train once before timing, as the running service has
        app = create_app(settings)
        engine = create_async_engine(database_url)
        producer = reliable_producer(broker.bootstrap_servers, client_id="bench")
        await producer.start()
        topic = qualified(FeedbackReceived.topic, namespace)

        async def publish(item: FeedbackReceived) -> None:
            event = CloudEvent.wrap(item, source="/closeloop/bench")
            await producer.send_and_wait(topic, value=event.model_dump_json().encode(), key=item.feedback_id.encode())

        async def visible(ids: list[str]) -> set[str]:
            async with engine.connect() as connection:
                rows = await connection.execute(
                    text("SELECT feedback_id FROM routing.cases WHERE feedback_id = ANY(:ids) AND department IS NOT NULL"),
                    {"ids": ids},
                )
                return {r.feedback_id for r in rows}

        async with app.router.lifespan_context(app):
            warm = feedback(1)  # not timed: the consumer joins its group and the pools fill on the first event
            await publish(warm)
            while warm.feedback_id not in await visible([warm.feedback_id]):
                await asyncio.sleep(0.05)

            opening: list[float] = []
            for i in range(sequential):
                item = feedback(10 + i)
                started = time.perf_counter()
                await publish(item)
                while item.feedback_id not in await visible([item.feedback_id]):
                    await asyncio.sleep(0.005)
                opening.append(time.perf_counter() - started)

            items = [feedback(100_000 + i) for i in range(burst)]
            started = time.perf_counter()
            await asyncio.gather(*(publish(item) for item in items))
            pending = [i.feedback_id for i in items]
            while pending:
                done = await visible(pending)
                pending = [f for f in pending if f not in done]
                if pending:
                    await asyncio.sleep(0.05)
            burst_seconds = time.perf_counter() - started
        await producer.stop()
        await engine.dispose()

        print("\ncase opening benchmark (routing-service, one replica, real Kafka + PostgreSQL)")
        print(f"  broker delivery (baseline)      {percentiles(baseline)}")
        print(f"  event -> case assigned          {percentiles(opening)}")
        print(f"  ratio p99 case / p99 broker     {p99(opening) / p99(baseline):7.1f} x")
        print(f"  burst of {burst}: {burst_seconds:6.2f} s  ->  {burst / burst_seconds:7.1f} cases/s")
    finally:
        await broker.stop()
        await postgres.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sequential", type=int, default=100)
    parser.add_argument("--burst", type=int, default=500)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.sequential, arguments.burst))
