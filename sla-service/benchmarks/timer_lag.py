"""Benchmark: lag from a clock's due time to its `clock_breached` event on Kafka, with many running clocks.

    cd /work/main && .venv/bin/python sla-service/benchmarks/timer_lag.py --clocks 1000000 --rate 200 --seconds 30

Starts an embedded Postgres and a Kafka broker (or uses DATABASE_URL / KAFKA_BOOTSTRAP_SERVERS), fills
the clocks table with `--clocks` running clocks due far in the future, then lets `--rate` clocks per
second fall due for `--seconds` seconds while `--timers` timer replicas and one outbox relay run.
Prints lag percentiles (Kafka record timestamp − due_at), the timer's CPU while idle, and the cost of
one claim through the due-time index against one full scan of the table (the baseline it replaces).
Figures, never a pass/fail.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import shutil
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiokafka import AIOKafkaConsumer
from sqlalchemy import text

from closeloop.contracts.topics import SLA
from closeloop.db import Database
from closeloop.messaging.kafka import qualified
from closeloop.messaging.outbox import OutboxRelay
from closeloop.messaging.topics import ensure_topics
from sla.clocks.timer import ClockTimer
from sla.db import outbox
from sla.models import load_models
from sla.seed import seed
from sla.settings import Settings

_INSERT = """
INSERT INTO sla.clocks (id, case_id, store_id, metric, round, policy_id, policy_version, spec, unit, target_seconds,
  calendar_id, ladder_id, status, started_at, due_at, warning_at, warned_at, paused_seconds, escalation_level, fire_at)
SELECT gen_random_uuid()::text, gen_random_uuid()::text, 'S' || (g % 500), 'resolution', 1, 'bench', 1,
  '{"metric": "resolution", "stops_on": ["resolved"], "target_seconds": 86400}'::jsonb, 'wall', 86400, NULL, 'default',
  'running', CAST(:start AS timestamptz), CAST(:start AS timestamptz) + make_interval(secs => CAST(:offset AS float8) + g * CAST(:step AS float8)),
  NULL, CAST(:start AS timestamptz), 0, 0,
  CAST(:start AS timestamptz) + make_interval(secs => CAST(:offset AS float8) + g * CAST(:step AS float8))
FROM generate_series(0, CAST(:n AS int) - 1) AS g
"""


async def fill(database: Database, *, n: int, offset: float, step: float, start: datetime) -> None:
    chunk = 100_000
    async with database.engine.begin() as conn:
        for first in range(0, n, chunk):
            size = min(chunk, n - first)
            await conn.execute(text(_INSERT), {"start": start, "offset": offset + first * step, "step": step, "n": size})


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clocks", type=int, default=1_000_000, help="running clocks due in the far future")
    parser.add_argument("--rate", type=int, default=200, help="clocks falling due per second")
    parser.add_argument("--seconds", type=int, default=30, help="how long clocks keep falling due")
    parser.add_argument("--timers", type=int, default=2, help="timer replicas")
    args = parser.parse_args()

    from fleet.environment import FleetEnvironment
    from fleet.kafka import KafkaBroker
    from fleet.postgres import EmbeddedPostgres
    from fleet.provisioning import migrate_database

    env = FleetEnvironment.from_environ()
    root = Path(tempfile.mkdtemp(prefix="closeloop-bench-"))
    postgres = broker = None
    try:
        if env.database_url:
            base_url = env.database_url
        else:
            postgres = EmbeddedPostgres(root / "pg", fsync=False)
            await postgres.start()
            base_url = postgres.url
        if env.kafka_bootstrap_servers:
            bootstrap = env.kafka_bootstrap_servers
        else:
            broker = KafkaBroker(root / "kafka")
            await broker.start()
            bootstrap = broker.bootstrap_servers
        name = f"bench_{uuid.uuid4().hex[:8]}"
        from sqlalchemy.engine import make_url
        import asyncpg
        admin = await asyncpg.connect(make_url(base_url).set(drivername="postgresql", database="postgres").render_as_string(hide_password=False))
        await admin.execute(f'CREATE DATABASE "{name}"')
        await admin.close()
        url = make_url(base_url).set(database=name).render_as_string(hide_password=False)
        await migrate_database(url, ["sla"])
        namespace = f"bench{uuid.uuid4().hex[:6]}."
        await ensure_topics(bootstrap, namespace=namespace, partitions=3)
        settings = Settings(database_url=url, kafka_bootstrap_servers=bootstrap, topic_namespace=namespace)
        load_models()
        await seed(settings)
        database = Database(url, pool_size=4)

        started = time.perf_counter()
        now = datetime.now(UTC)
        await fill(database, n=args.clocks, offset=7 * 86400, step=0.5, start=now)
        async with database.engine.begin() as conn:
            await conn.execute(text("ANALYZE sla.clocks"))
        print(f"filled {args.clocks:,} running clocks in {time.perf_counter() - started:.1f} s")

        # claim cost through the partial index vs one full scan of the table (the hourly-batch baseline)
        async with database.engine.connect() as conn:
            t = time.perf_counter()
            for _ in range(20):
                await conn.execute(text("SELECT id FROM sla.clocks WHERE fire_at <= now() ORDER BY fire_at LIMIT 200 FOR UPDATE SKIP LOCKED"))
                await conn.rollback()
            claim = (time.perf_counter() - t) / 20
            t = time.perf_counter()
            for _ in range(3):
                await conn.execute(text("SELECT count(*) FROM sla.clocks WHERE status = 'running' AND due_at + interval '0' <= now()"))
            scan = (time.perf_counter() - t) / 3
        print(f"one claim via the due-time index: {claim * 1000:.2f} ms; one full scan: {scan * 1000:.1f} ms; "
              f"scan/claim = {scan / claim:,.0f}x")

        timers = [ClockTimer(database=Database(url, pool_size=2), batch_size=200, idle_seconds=1.0) for _ in range(args.timers)]
        relay = OutboxRelay(outbox=outbox, database=database, bootstrap_servers=bootstrap, namespace=namespace, poll_seconds=1.0)
        tasks = [asyncio.create_task(w.run()) for w in (*timers, relay)]

        # idle: nothing due for 10 s; the process's CPU use is the timers' and relay's cost of waiting
        cpu0, wall0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
        await asyncio.sleep(10)
        cpu1, wall1 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
        idle_cpu = (cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime) / (wall1 - wall0)
        print(f"idle CPU of {args.timers} timers + relay in this process: {idle_cpu * 100:.2f}% of one core")

        due_from = datetime.now(UTC) + timedelta(seconds=5)
        total = args.rate * args.seconds
        await fill(database, n=total, offset=(due_from - now).total_seconds(), step=1 / args.rate, start=now)
        consumer = AIOKafkaConsumer(qualified(SLA, namespace), bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                                    group_id=None, isolation_level="read_committed")
        await consumer.start()
        lags: list[float] = []
        deadline = time.monotonic() + args.seconds + 60
        while len(lags) < total and time.monotonic() < deadline:
            for records in (await consumer.getmany(timeout_ms=500, max_records=5000)).values():
                for r in records:
                    event = json.loads(r.value)
                    if event["type"] == "closeloop.sla.clock_breached.v1":
                        due = datetime.fromisoformat(event["data"]["due_at"])
                        lags.append(r.timestamp / 1000 - due.timestamp())
        await consumer.stop()
        for w in (*timers, relay):
            w.stop()
        await asyncio.gather(*tasks, return_exceptions=True)
        lags.sort()
        q = statistics.quantiles(lags, n=100) if len(lags) >= 2 else [float("nan")] * 99
        print(f"breaches seen on Kafka: {len(lags):,} of {total:,} ({args.rate}/s for {args.seconds} s, {args.timers} timers)")
        print(f"lag due_at → Kafka: p50 {q[49]:.3f} s, p95 {q[94]:.3f} s, p99 {q[98]:.3f} s, max {lags[-1]:.3f} s")
        print(f"p99 vs the 1 s target: {q[98] / 1.0:.2f}x; vs a 5-minute scan interval (Zammad): {300 / max(q[98], 1e-3):,.0f}x sooner")
        async with database.engine.connect() as conn:
            fired = sorted(
                (await conn.execute(text(
                    "SELECT extract(epoch FROM (detail->>'noticed_at')::timestamptz - at) FROM sla.clock_ledger WHERE kind = 'breached'"
                ))).scalars().all()
            )
        if len(fired) >= 2:
            f = statistics.quantiles(fired, n=100)
            print(f"of which due_at → timer fired (database): p50 {f[49]:.3f} s, p99 {f[98]:.3f} s; the rest is relay → Kafka")
        await database.dispose()
        for t in timers:
            await t.database.dispose()
    finally:
        if broker is not None:
            await broker.stop()
        if postgres is not None:
            await postgres.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
