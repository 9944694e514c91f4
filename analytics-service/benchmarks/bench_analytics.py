"""Benchmark of analytics-service: ingest throughput and GET /v1/kpis latency over a large data set.

Run from the repository root:

    .venv/bin/python analytics-service/benchmarks/bench_analytics.py                # the full run (10M cases)
    .venv/bin/python analytics-service/benchmarks/bench_analytics.py --cases 200000  # a quick run

It prints figures, never fails on a timing. With no DATABASE_URL it starts an embedded PostgreSQL
(fsync off, as the test suite runs it) in a temporary directory; with Java it starts a single-node
Apache Kafka for the end-to-end ingest figure (--no-kafka skips it).

1. Ingest. Synthetic cases, ten events each (opened, assigned, two clocks started and stopped,
   acknowledged, resolved, survey, closed), interleaved in time order as CloudEvent JSON records:
   a. the batch path the live consumer runs (decode, validate, inbox claim, fold, rollups; 500 a batch);
   b. the platform's one-event-per-transaction path on the same records (the baseline, ratio = a ÷ b);
   c. end to end through Kafka: records published to the topics, the service's consumer started, until
      every event is in the inbox.
2. Query. ``--cases`` case facts over ``--months`` months (default 10,000,000 over 12 months, 200 stores,
   10 regions, 6 departments, 2,000 assignees) are generated in bulk with SQL (generate_series), and the
   case rollups are built from them in one GROUPING SETS pass at the same grains the service keeps
   incrementally (so the same number of rollup rows as event-by-event maintenance would give). Then
   GET /v1/kpis (in-process ASGI, the full HTTP stack) is timed for a month under ten filter mixes, and the
   same month's figures are computed by scanning the facts (the baseline, "raw scan").
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO / "analytics-service"), str(REPO / "services")]

import httpx  # noqa: E402
from aiokafka.structs import ConsumerRecord  # noqa: E402
from sqlalchemy import text  # noqa: E402

from analytics.db import metadata  # noqa: E402
from analytics.ingest.consumer import BatchConsumer  # noqa: E402
from analytics.ingest.handlers import batch_handler_for, handlers_for  # noqa: E402
from analytics.main import create_app  # noqa: E402
from analytics.models import load_models  # noqa: E402
from analytics.rollups.grains import CASES, DURATION_EDGES  # noqa: E402
from analytics.settings import Settings  # noqa: E402
from closeloop.auth import mint_token  # noqa: E402
from closeloop.contracts.case import CaseAcknowledged, CaseAssigned, CaseClosed, CaseOpened, CaseResolved  # noqa: E402
from closeloop.contracts.envelope import CloudEvent  # noqa: E402
from closeloop.contracts.feedback import CustomerRef, SurveyRecorded  # noqa: E402
from closeloop.contracts.sla import ClockStarted, ClockStopped  # noqa: E402
from closeloop.contracts.topics import consumed_by  # noqa: E402
from closeloop.db import Database  # noqa: E402
from fleet.provisioning import migrate_database  # noqa: E402

SECRET = "bench-secret-0123456789abcdef0123456789"
CATEGORIES = ["service", "product", "environment", "safety", "other"]
URGENCIES = ["urgent", "important", "general", "minor"]
KINDS = ["complaint", "suggestion", "praise", "inquiry"]
CHANNELS = ["pos", "app", "web", "wechat", "hotline", "counter", "suggestion_box", "review_platform", "email", "sms", "social"]
DEPARTMENTS = ["customer_service", "sales", "purchasing", "facilities", "food_safety", "security"]


# ---------------------------------------------------------------- infrastructure

@dataclass
class Servers:
    database: str
    admin_dsn: str
    bootstrap: str | None
    stop: list


async def servers(args: argparse.Namespace) -> Servers:
    import os

    stop: list = []
    (REPO / ".closeloop" / "bench").mkdir(parents=True, exist_ok=True)
    url = os.environ.get("DATABASE_URL")
    if url is None:
        from fleet.postgres import EmbeddedPostgres

        # Under the repository's (git-ignored) .closeloop/, not /tmp, which other sessions' clean-ups may sweep.
        home = REPO / ".closeloop" / "bench"
        data_dir = Path(tempfile.mkdtemp(prefix="pg-", dir=home))
        pg = EmbeddedPostgres(data_dir, fsync=False)
        await pg.start()

        async def stop_and_remove() -> None:
            await pg.stop()
            shutil.rmtree(data_dir, ignore_errors=True)

        stop.append(stop_and_remove)
        url = pg.url
    bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    if bootstrap is None and args.kafka:
        from fleet.brokers import java_toolchain_available
        from fleet.kafka import KafkaBroker

        if java_toolchain_available():
            kafka_dir = Path(tempfile.mkdtemp(prefix="kafka-", dir=REPO / ".closeloop" / "bench"))
            broker = KafkaBroker(kafka_dir)
            await broker.start()

            async def stop_broker() -> None:
                await broker.stop()
                shutil.rmtree(kafka_dir, ignore_errors=True)

            stop.append(stop_broker)
            bootstrap = broker.bootstrap_servers
    admin = url.replace("postgresql+asyncpg://", "postgresql://").rsplit("/", 1)[0] + "/postgres"
    return Servers(url, admin, bootstrap, stop)


async def new_database(servers: Servers, name: str) -> str:
    import asyncpg

    conn = await asyncpg.connect(servers.admin_dsn)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    url = servers.database.rsplit("/", 1)[0] + f"/{name}"
    await migrate_database(url, ["analytics"])
    return url


def settings(url: str, **overrides) -> Settings:  # type: ignore[no-untyped-def]
    return Settings(database_url=url, jwt_secret=SECRET, run_relay=False, run_consumers=False, run_snapshots=False,
                    log_json=False, log_level="WARNING", **overrides)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


# ---------------------------------------------------------------- ingest

def synthetic_events(cases: int, seed: int = 1) -> list[CloudEvent]:
    """Ten events per case, in time order across cases (as the topics would deliver them)."""
    rng = random.Random(seed)
    start = datetime(2026, 11, 1, tzinfo=UTC)
    timed: list[tuple[datetime, int, CloudEvent]] = []
    for i in range(cases):
        cid, store = f"bench-{i}", f"S{rng.randrange(200):03d}"
        opened_at = start + timedelta(seconds=rng.randrange(30 * 86400))
        ack = opened_at + timedelta(seconds=rng.randrange(60, 3600))
        resolved = ack + timedelta(seconds=rng.randrange(600, 3 * 86400))
        due = opened_at + timedelta(hours=48)
        customer = f"cust-{rng.randrange(cases // 3 + 1)}"
        payloads = [
            (opened_at, CaseOpened(
                case_id=cid, occurred_at=opened_at, feedback_id=f"fb-{cid}", feedback_number=f"FB-{i}", store_id=store,
                channel=rng.choice(CHANNELS), received_at=opened_at, category=rng.choice(CATEGORIES),
                subcategory=f"sub{rng.randrange(40)}", urgency=rng.choice(URGENCIES), kind=rng.choice(KINDS),
                theme_words=[f"w{rng.randrange(300)}", f"w{rng.randrange(300)}"], department=rng.choice(DEPARTMENTS),
                classifier_version="bench", customer=CustomerRef(customer_id=customer))),
            (opened_at, CaseAssigned(case_id=cid, occurred_at=opened_at, department=rng.choice(DEPARTMENTS),
                                     assignee_id=f"U{store}-{rng.randrange(10)}")),
            (opened_at, ClockStarted(case_id=cid, clock_id=f"{cid}-fc", clock="first_contact", occurred_at=opened_at,
                                     due_at=opened_at + timedelta(minutes=30), target_seconds=1800)),
            (opened_at, ClockStarted(case_id=cid, clock_id=f"{cid}-res", clock="resolution", occurred_at=opened_at,
                                     due_at=due, target_seconds=172800)),
            (ack, CaseAcknowledged(case_id=cid, occurred_at=ack)),
            (ack, ClockStopped(case_id=cid, clock_id=f"{cid}-fc", clock="first_contact", occurred_at=ack,
                               met=(ack - opened_at).total_seconds() <= 1800, elapsed_seconds=0)),
            (resolved, CaseResolved(case_id=cid, occurred_at=resolved, first_contact_resolution=rng.random() < 0.3)),
            (resolved, ClockStopped(case_id=cid, clock_id=f"{cid}-res", clock="resolution", occurred_at=resolved,
                                    met=resolved <= due, elapsed_seconds=0)),
            (resolved + timedelta(hours=3), SurveyRecorded(
                survey_id=f"sv-{cid}", feedback_id=f"fb-{cid}", case_id=cid, satisfied=rng.random() < 0.85,
                csat=rng.randint(1, 5), nps=rng.randint(0, 10), recorded_at=resolved + timedelta(hours=3))),
            (resolved + timedelta(hours=4), CaseClosed(case_id=cid, occurred_at=resolved + timedelta(hours=4),
                                                      loop_confirmed=True)),
        ]
        for k, (at, payload) in enumerate(payloads):
            timed.append((at, i * 10 + k, CloudEvent.wrap(payload, source="/closeloop/bench", time=at)))
    timed.sort(key=lambda x: (x[0], x[1]))
    return [e for _, _, e in timed]


def records(events: list[CloudEvent], namespace: str = "") -> list[ConsumerRecord]:
    out = []
    for offset, event in enumerate(events):
        topic = namespace + _topic_of(event)
        value = event.model_dump_json().encode()
        out.append(ConsumerRecord(topic=topic, partition=0, offset=offset, timestamp=0, timestamp_type=0,
                                  key=event.subject.encode(), value=value, checksum=None, serialized_key_size=0,
                                  serialized_value_size=len(value), headers=()))
    return out


def _topic_of(event: CloudEvent) -> str:
    from closeloop.contracts.envelope import event_model

    return event_model(event.type).topic  # type: ignore[union-attr]


def consumer(url: str, database: Database, **kw) -> BatchConsumer:  # type: ignore[no-untyped-def]
    rules = settings(url).rules()
    return BatchConsumer(
        batch_handler=batch_handler_for(rules), service="analytics", database=database, metadata=metadata,
        handlers=handlers_for(rules), topics=list(consumed_by("analytics")), bootstrap_servers=kw.pop("bootstrap", "x"),
        **kw,
    )


async def bench_ingest(srv: Servers, args: argparse.Namespace) -> dict:
    load_models()
    events = synthetic_events(args.ingest_cases)
    recs = records(events)
    result: dict = {"events": len(events)}

    url = await new_database(srv, "bench_ingest_batch")
    database = Database(url, pool_size=1)
    batcher = consumer(url, database)
    await batcher.apply_batch(recs[:1], dead_letter=False)  # open the connection
    backends = await backend_pids(srv, url)
    db_cpu, py_cpu = cpu_seconds(backends), time.process_time()
    started = time.perf_counter()
    for i in range(1, len(recs), 500):
        await batcher.apply_batch(recs[i : i + 500], dead_letter=False)
    result["batch_events_per_s"] = (len(recs) - 1) / (time.perf_counter() - started)
    result["python_us"] = (time.process_time() - py_cpu) / (len(recs) - 1) * 1e6
    result["postgres_us"] = (cpu_seconds(backends) - db_cpu) / (len(recs) - 1) * 1e6 if backends else None
    await database.dispose()

    url = await new_database(srv, "bench_ingest_single")
    database = Database(url, pool_size=2)
    single = consumer(url, database)
    subset = recs[: args.baseline_events]
    started = time.perf_counter()
    for record in subset:
        await single.process(record)
    result["per_event_events_per_s"] = len(subset) / (time.perf_counter() - started)
    await database.dispose()

    if srv.bootstrap:
        result["kafka_events_per_s"] = await bench_kafka_ingest(srv, events, (1, 2))
    return result


async def backend_pids(srv: Servers, url: str) -> list[int]:
    """The PostgreSQL backends serving ``url`` when the server runs on this machine (for their CPU time)."""
    import asyncpg

    conn = await asyncpg.connect(srv.admin_dsn)
    try:
        pids = [r[0] for r in await conn.fetch(
            "SELECT pid FROM pg_stat_activity WHERE datname = $1", url.rsplit("/", 1)[-1])]
    finally:
        await conn.close()
    return [p for p in pids if Path(f"/proc/{p}/stat").exists()]


def cpu_seconds(pids: list[int]) -> float:
    import os

    total = 0.0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


async def bench_kafka_ingest(srv: Servers, events: list[CloudEvent], processes: tuple[int, ...]) -> dict[int, float]:
    """Publish the events once; then, per count, that many consumer processes (replicas, one consumer group)
    consume them into a fresh database: events/s from their start until every event is in the inbox."""
    import subprocess

    from aiokafka import AIOKafkaProducer

    from closeloop.messaging.kafka import qualified
    from closeloop.messaging.topics import ensure_topics

    namespace = f"bench{uuid.uuid4().hex[:6]}."
    await ensure_topics(srv.bootstrap, namespace=namespace, partitions=3)  # type: ignore[arg-type]
    producer = AIOKafkaProducer(bootstrap_servers=srv.bootstrap, acks="all", enable_idempotence=True, linger_ms=20,
                                max_batch_size=262144)
    await producer.start()
    futures = [await producer.send(qualified(_topic_of(e), namespace), key=e.subject.encode(),
                                   value=e.model_dump_json().encode()) for e in events]
    await asyncio.gather(*futures)
    await producer.stop()
    rates: dict[int, float] = {}
    for count in processes:
        url = await new_database(srv, f"bench_ingest_kafka_{count}")
        group = f"bench-{uuid.uuid4().hex[:6]}"
        argv = [sys.executable, __file__, "--consume", url, srv.bootstrap or "", namespace, group]
        children = [subprocess.Popen(argv) for _ in range(count)]
        started = time.perf_counter()
        database = Database(url, pool_size=1)
        try:
            async with database.engine.connect() as conn:
                while (await conn.scalar(text("SELECT count(*) FROM analytics.inbox"))) < len(events):
                    await asyncio.sleep(0.2)
            rates[count] = len(events) / (time.perf_counter() - started)
        finally:
            for child in children:
                child.terminate()
            for child in children:
                child.wait(timeout=60)
            await database.dispose()
    return rates


async def consume_forever(url: str, bootstrap: str, namespace: str, group: str) -> None:
    """One consumer replica (a child process of the benchmark): the service's batch consumer, until SIGTERM."""
    import signal

    load_models()
    database = Database(url, pool_size=2)
    live = consumer(url, database, bootstrap=bootstrap, namespace=namespace, batch_size=500, group_id=group)
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, live.stop)
    await live.run()
    await database.dispose()


# ---------------------------------------------------------------- query

FACTS_SQL = """
INSERT INTO analytics.case_facts (
  case_id, feedback_id, opened, store_id, region_id, channel, category, subcategory, urgency, kind, department,
  assignee_id, timezone, opened_at, opened_day, acknowledged_at, resolved_at, first_contact_resolution, closed_at,
  closed, loop_confirmed, escalations, repeat, verdict_at, verdict_satisfied)
SELECT 'bulk-' || g, 'fb-' || g, true, store, 'R' || (s % 10), channel, category, 'sub' || floor(random() * 40)::int,
       urgency, kind, department, 'U' || store || '-' || floor(random() * 10)::int, 'Asia/Shanghai', opened_at,
       (opened_at AT TIME ZONE 'Asia/Shanghai')::date,
       opened_at + make_interval(secs => 60 + random() * 3600),
       CASE WHEN r < 0.9 THEN opened_at + make_interval(secs => 600 + random() * 250000) END,
       r2 < 0.3, CASE WHEN r < 0.85 THEN opened_at + interval '3 days' END, r < 0.85, r < 0.8, (r2 > 0.93)::int,
       random() < 0.08, CASE WHEN r < 0.8 THEN opened_at + interval '2 days' END, CASE WHEN r < 0.8 THEN random() < 0.88 END
FROM (
  SELECT g, s, 'S' || lpad(s::text, 3, '0') AS store,
         CAST(:start AS timestamptz) + make_interval(secs => (g::float8 / CAST(:cases AS float8)) * CAST(:span AS float8)) AS opened_at,
         (ARRAY['pos','app','web','wechat','hotline','counter','suggestion_box','review_platform','email','sms','social'])[1 + floor(random() * 11)::int] AS channel,
         (ARRAY['service','product','environment','safety','other'])[1 + floor(random() * 5)::int] AS category,
         (ARRAY['urgent','important','general','minor'])[1 + floor(random() * 4)::int] AS urgency,
         (ARRAY['complaint','suggestion','praise','inquiry'])[1 + floor(random() * 4)::int] AS kind,
         (ARRAY['customer_service','sales','purchasing','facilities','food_safety','security'])[1 + floor(random() * 6)::int] AS department,
         random() AS r, random() AS r2
  FROM (SELECT g, floor(random() * CAST(:stores AS int))::int AS s
        FROM generate_series(CAST(:first AS bigint), CAST(:last AS bigint)) AS g) AS numbered
) AS cases
"""
"""Ten million cases of independent, uniformly drawn stores, shapes, departments and assignees (10 a store),
opened evenly over the months; outcomes drawn with fixed shares (90% resolved, 85% closed, 80% surveyed...)."""


def rollup_sql() -> str:
    """The case rollups of every grain from the facts in one GROUPING SETS pass (cohort measures on the opening day)."""
    edges = "ARRAY[" + ",".join(str(e) for e in DURATION_EDGES) + "]::float8[]"
    ack = "extract(epoch FROM acknowledged_at - opened_at)"
    res = "extract(epoch FROM resolved_at - opened_at)"
    measures = {
        "opened": "1", "complaints": "(kind = 'complaint')::int", "closed": "closed::int",
        "closed_loop": "(closed AND loop_confirmed)::int", "resolved": "(resolved_at IS NOT NULL)::int",
        "fcr": "(resolved_at IS NOT NULL AND first_contact_resolution)::int",
        "resolved_accepted": "coalesce(verdict_satisfied, false)::int", "escalated": "(escalations > 0)::int",
        "repeats": "repeat::int", "acknowledged": "(acknowledged_at IS NOT NULL)::int",
        "ack_seconds": f"coalesce({ack}, 0)::bigint", "resolution_count": "(resolved_at IS NOT NULL)::int",
        "resolution_seconds": f"coalesce({res}, 0)::bigint",
        **{f"ack_h{i:02d}": f"(ack_bucket = {i})::int" for i in range(16)},
        **{f"res_h{i:02d}": f"(res_bucket = {i})::int" for i in range(16)},
        "verdicts": "(verdict_satisfied IS NOT NULL)::int", "satisfied": "coalesce(verdict_satisfied, false)::int",
        "csat_answers": "(verdict_satisfied IS NOT NULL)::int", "csat_sum": "(CASE WHEN verdict_satisfied THEN 5 WHEN NOT verdict_satisfied THEN 2 ELSE 0 END)",
        "csat_top2": "coalesce(verdict_satisfied, false)::int", "nps_answers": "(verdict_satisfied IS NOT NULL)::int",
        "nps_promoters": "coalesce(verdict_satisfied, false)::int", "nps_detractors": "coalesce(verdict_satisfied = false, false)::int",
        "clocks_due": "(resolved_at IS NOT NULL)::int", "clocks_met": "(resolved_at IS NOT NULL AND escalations = 0)::int",
        "breaches": "(escalations > 0)::int",
    }
    assert set(measures) == set(CASES.measures)
    dims = CASES.dims
    sets = ", ".join("(" + ", ".join(["opened_day", *[d for d in dims if d in g.dims]]) + ")" for g in CASES.grains)
    bits = " + ".join(f"(GROUPING({d}) << {i})" for i, d in enumerate(dims))
    grain_of = "CASE " + " ".join(
        f"WHEN {bits} = {sum(1 << i for i, d in enumerate(dims) if d not in g.dims)} THEN {g.id}" for g in CASES.grains
    ) + " END"
    return (
        f"INSERT INTO analytics.case_rollups (grain, day, {', '.join(dims)}, {', '.join(measures)}) "
        f"SELECT {grain_of}, opened_day, {', '.join(f'coalesce({d}, {chr(39) * 2})' for d in dims)}, "
        f"{', '.join(f'coalesce(sum({m}), 0)' for m in measures.values())} "
        f"FROM (SELECT *, width_bucket({ack}, {edges}) AS ack_bucket, width_bucket({res}, {edges}) AS res_bucket "
        f"FROM analytics.case_facts) AS f "
        f"GROUP BY GROUPING SETS ({sets}) ORDER BY 1, 2"  # rows land day by day, as live ingest writes them
    )


RAW_SQL = """
SELECT category, urgency, channel, kind, GROUPING(category, urgency, channel, kind) AS g, count(*) AS opened,
  sum((kind = 'complaint')::int), sum((closed AND loop_confirmed)::int), sum(closed::int),
  sum(coalesce(verdict_satisfied, false)::int), sum((resolved_at IS NOT NULL)::int),
  sum((resolved_at IS NOT NULL AND first_contact_resolution)::int), sum((escalations > 0)::int), sum(repeat::int),
  avg(extract(epoch FROM acknowledged_at - opened_at)), avg(extract(epoch FROM resolved_at - opened_at)),
  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - opened_at)),
  percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - opened_at))
FROM analytics.case_facts WHERE opened AND opened_day BETWEEN :start AND :end {where}
GROUP BY GROUPING SETS ((), (category), (urgency), (channel), (kind))
"""

QUERIES: list[tuple[str, dict[str, str]]] = [
    ("chain", {}),
    ("chain, daily series", {"granularity": "day"}),
    ("one store", {"store_id": "S017"}),
    ("one region", {"region": "R3"}),
    ("category", {"category": "safety"}),
    ("department", {"department": "purchasing"}),
    ("one assignee", {"assignee": "US017-3"}),
    ("store + category", {"store_id": "S017", "category": "product"}),
    ("channel + urgency", {"channel": "hotline", "urgency": "important"}),
    ("department + category", {"department": "customer_service", "category": "service"}),
]
RAW_FILTERS = {"store_id": "store_id", "region": "region_id", "category": "category", "department": "department",
               "assignee": "assignee_id", "channel": "channel", "urgency": "urgency"}


async def build_dataset(srv: Servers, args: argparse.Namespace) -> tuple[str, dict]:
    url = await new_database(srv, f"bench_kpis_{args.cases}")
    database = Database(url, pool_size=2)
    info: dict = {}
    start = datetime(2026, 1, 1, tzinfo=UTC)
    span = (args.months * 30.4375) * 86400
    async with database.engine.connect() as conn:
        for index in ("ix_case_facts_feedback_id", "ix_case_facts_store_id", "ix_case_facts_customer",
                      "ix_case_facts_breached_open", "ix_case_facts_opened_day"):
            await conn.execute(text(f"DROP INDEX IF EXISTS analytics.{index}"))
        await conn.commit()
        began = time.perf_counter()
        chunk = 1_000_000
        await conn.execute(text("SELECT setseed(0.42)"))
        for first in range(1, args.cases + 1, chunk):
            await conn.execute(text("SET LOCAL synchronous_commit = off"))
            await conn.execute(text(FACTS_SQL), {"start": start, "cases": args.cases, "span": span,
                                                 "stores": args.stores, "first": first,
                                                 "last": min(first + chunk - 1, args.cases)})
            await conn.commit()
            print(f"  facts: {min(first + chunk - 1, args.cases):,} rows", flush=True)
        info["facts_seconds"] = time.perf_counter() - began
        began = time.perf_counter()
        await conn.execute(text("CREATE INDEX ix_case_facts_opened_day ON analytics.case_facts (opened_day, store_id)"))
        await conn.execute(text("SET LOCAL work_mem = '1GB'"))
        await conn.execute(text(rollup_sql()))
        await conn.commit()
        autocommit = await conn.execution_options(isolation_level="AUTOCOMMIT")
        await autocommit.execute(text("VACUUM ANALYZE analytics.case_facts"))
        await autocommit.execute(text("VACUUM ANALYZE analytics.case_rollups"))
        info["rollup_seconds"] = time.perf_counter() - began
        info["rollup_rows"] = await conn.scalar(text("SELECT count(*) FROM analytics.case_rollups"))
        info["rollup_rows_per_grain"] = {
            g: n for g, n in (await conn.execute(text(
                "SELECT grain, count(*) FROM analytics.case_rollups WHERE day BETWEEN :a AND :b GROUP BY grain ORDER BY grain"
            ), {"a": date(2026, 7, 1), "b": date(2026, 7, 31)})).all()
        }
        info["facts_in_month"] = await conn.scalar(text(
            "SELECT count(*) FROM analytics.case_facts WHERE opened_day BETWEEN :a AND :b"), {"a": date(2026, 7, 1), "b": date(2026, 7, 31)})
    await database.dispose()
    return url, info


async def bench_queries(url: str, args: argparse.Namespace) -> list[dict]:
    app = create_app(settings(url))
    token = mint_token(secret=SECRET, subject="bench", scopes=["kpi:read"])
    month = {"from": "2026-07-01", "to": "2026-07-31"}
    rows = []
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://a",
                                     headers={"Authorization": f"Bearer {token}"}) as client:
            for name, params in QUERIES:
                for _ in range(3):  # warm the pool and the page cache
                    assert (await client.get("/v1/kpis", params={**month, **params})).status_code == 200
                times = []
                for _ in range(args.reps):
                    began = time.perf_counter()
                    response = await client.get("/v1/kpis", params={**month, **params})
                    times.append((time.perf_counter() - began) * 1000)
                    assert response.status_code == 200, response.text
                rows.append({"query": name, "volume": response.json()["volume"], "p50_ms": statistics.median(times),
                             "p95_ms": pct(times, 0.95), "max_ms": max(times), "all": times})
        database = app.state.database
        async with database.engine.connect() as conn:
            await conn.execute(text("SET max_parallel_workers_per_gather = 2"))
            for row, (name, params) in zip(rows, QUERIES):
                where = "".join(f" AND {RAW_FILTERS[k]} = :{k}" for k in params if k in RAW_FILTERS)
                values = {"start": date(2026, 7, 1), "end": date(2026, 7, 31), **{k: v for k, v in params.items() if k in RAW_FILTERS}}
                times = []
                for _ in range(args.raw_reps):
                    began = time.perf_counter()
                    result = (await conn.execute(text(RAW_SQL.format(where=where)), values)).all()
                    times.append((time.perf_counter() - began) * 1000)
                total = next(r for r in result if r.g == 15)
                row["raw_volume"] = total.opened
                row["raw_p50_ms"] = statistics.median(times)
    return rows


# ---------------------------------------------------------------- main

async def main(args: argparse.Namespace) -> None:
    srv = await servers(args)
    try:
        import os

        print(f"PostgreSQL: {srv.database.rsplit('@', 1)[-1]}; Kafka: {srv.bootstrap or 'none'}; "
              f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
        if not args.skip_ingest:
            ingest = await bench_ingest(srv, args)
            print("\n== ingest ==")
            print(f"events: {ingest['events']:,} ({args.ingest_cases:,} cases × 10)")
            print(f"batch path (what the consumer runs):   {ingest['batch_events_per_s']:>10,.0f} events/s")
            print(f"one event per transaction (baseline):  {ingest['per_event_events_per_s']:>10,.0f} events/s")
            print(f"ratio batch ÷ per-event:               {ingest['batch_events_per_s'] / ingest['per_event_events_per_s']:>10.1f}×")
            if ingest["postgres_us"] is not None:
                cpu = ingest["python_us"] + ingest["postgres_us"]
                print(f"batch path CPU per event: {ingest['python_us']:.0f} µs service + {ingest['postgres_us']:.0f} µs "
                      f"PostgreSQL = {cpu:.0f} µs → {1e6 / cpu:,.0f} events/s on an otherwise idle machine")
            for count, rate in ingest.get("kafka_events_per_s", {}).items():
                print(f"end to end through Kafka, {count} consumer process{'es' if count > 1 else ''}: "
                      f"{rate:>8,.0f} events/s")
        if not args.skip_query:
            print(f"\n== query: building {args.cases:,} cases over {args.months} months ==", flush=True)
            url, info = await build_dataset(srv, args)
            print(f"facts {info['facts_seconds']:.0f}s, rollups {info['rollup_seconds']:.0f}s; "
                  f"{info['rollup_rows']:,} rollup rows; cases in the month: {info['facts_in_month']:,}")
            print(f"rollup rows in the month per grain: {info['rollup_rows_per_grain']}")
            rows = await bench_queries(url, args)
            print("\nGET /v1/kpis for July 2026 (in-process HTTP; ms)           rollups p50   p95    max | raw scan p50 | ratio")
            every = []
            for r in rows:
                every += r["all"]
                print(f"{r['query']:<26} volume {r['volume']:>9,}       {r['p50_ms']:7.1f} {r['p95_ms']:6.1f} {r['max_ms']:6.1f} |"
                      f" {r['raw_p50_ms']:10.0f}   | {r['raw_p50_ms'] / r['p50_ms']:6.0f}×"
                      + ("" if r["raw_volume"] == r["volume"] else f"  (raw volume {r['raw_volume']:,}!)"))
            print(f"all queries: p50 {statistics.median(every):.1f} ms, p95 {pct(every, 0.95):.1f} ms, "
                  f"max {max(every):.1f} ms over {len(every)} requests")
    finally:
        for stop in reversed(srv.stop):
            await stop()


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=10_000_000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--stores", type=int, default=200)
    parser.add_argument("--reps", type=int, default=100, help="timed requests per query")
    parser.add_argument("--raw-reps", type=int, default=3, help="timed raw scans per query")
    parser.add_argument("--ingest-cases", type=int, default=10_000)
    parser.add_argument("--baseline-events", type=int, default=5_000)
    parser.add_argument("--no-kafka", dest="kafka", action="store_false")
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--skip-query", action="store_true")
    return parser.parse_args()


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "--consume":
        asyncio.run(consume_forever(*sys.argv[2:]))
    else:
        asyncio.run(main(parse()))
