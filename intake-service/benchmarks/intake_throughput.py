"""Benchmark: POST /v1/feedback on intake vs a bare FastAPI endpoint that only validates the same body.

    .venv/bin/python intake-service/benchmarks/intake_throughput.py [--seconds 20] [--connections 32] [--kafka]

Both servers run under uvicorn (one worker unless --workers, uvloop, httptools) in their own process; the same load
generator (keep-alive HTTP/1.1 connections, a fresh body per request: 70% with a customer and phone,
30% anonymous, 50 stores) drives each in turn after a warm-up. intake does everything it does in
production: validation, store scoping, customer lookup by keyed hash, sealing, duplicate check,
numbering, the insert and the outbox row in one transaction. With ``--kafka`` its outbox relay also
publishes to a real Kafka broker during the run. Postgres is the embedded one with fsync on, unless
DATABASE_URL names another server. Prints throughput, p50/p99 latency and the intake/bare ratios;
never fails on a timing.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from cryptography.fernet import Fernet

from closeloop.auth import mint_token
from fleet.ports import free_port, port_accepts
from fleet.postgres import EmbeddedPostgres
from fleet.provisioning import migrate_database

HERE = Path(__file__).resolve().parent
SERVICE_DIR = HERE.parent
SECRET = "benchmark-secret-0123456789abcdef012345"
TEMPLATES = [
    "收银员态度很差，找零直接扔在台面上",
    "冷柜里的酸奶已经过期三天了还在卖",
    "停车场的指示牌不清楚，绕了好几圈",
    "蔬菜区的地面很滑，没有放警示牌",
    "店员很热情地帮我找到了想要的商品，点赞",
    "建议周末多开几个收银台，排队太久了",
    "請問會員積分什麼時候到期？",
]


def body_for(n: int, rng: random.Random) -> bytes:
    item: dict[str, object] = {
        "channel": rng.choice(["pos", "app", "web", "wechat", "hotline"]),
        "store_id": f"S{rng.randrange(50):03d}",
        "content": f"{rng.choice(TEMPLATES)}（第{n}次，编号{rng.randrange(10**9)}）",
        "kind": "complaint",
    }
    if rng.random() < 0.7:
        item["customer"] = {"phone": f"139{rng.randrange(10**8):08d}", "name": "测试顾客", "tier": "regular"}
    return json.dumps(item, ensure_ascii=False).encode()


async def drive(port: int, *, token: str, seconds: float, connections: int, warmup: float) -> dict[str, float]:
    """Closed-loop load: each connection sends its next request as soon as the last answer arrived."""
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    rng = random.Random(7)
    counter = iter(range(10**9))
    start = time.perf_counter()
    measure_from = start + warmup
    stop_at = measure_from + seconds

    async def connection() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while (now := time.perf_counter()) < stop_at:
                body = body_for(next(counter), rng)
                request = (
                    f"POST /v1/feedback HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer {token}\r\n"
                    f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
                ).encode() + body
                writer.write(request)
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                await reader.readexactly(length)
                done = time.perf_counter()
                if now >= measure_from:
                    latencies.append(done - now)
                    statuses[int(head[9:12])] += 1
        finally:
            writer.close()

    await asyncio.gather(*[connection() for _ in range(connections)])
    latencies.sort()
    return {
        "requests": len(latencies),
        "throughput": len(latencies) / seconds,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        "non_2xx": sum(v for k, v in statuses.items() if not 200 <= k < 300),
    }


def serve(app: str, port: int, env: dict[str, str], *, factory: bool, workers: int) -> subprocess.Popen[bytes]:
    argv = [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
            "--loop", "uvloop", "--http", "httptools", "--no-access-log", "--log-level", "warning"]
    if factory:
        argv.append("--factory")
    return subprocess.Popen(argv, cwd=SERVICE_DIR, env=os.environ | env | {"PYTHONPATH": f"{SERVICE_DIR}:{HERE}"})


async def wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while not await port_accepts(port):
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"server on {port} did not start")
        await asyncio.sleep(0.1)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--kafka", action="store_true", help="run intake's outbox relay against a real Kafka")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes, the same for both servers")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="closeloop-bench-"))
    postgres = None
    broker = None
    processes: list[subprocess.Popen[bytes]] = []
    try:
        database_url = os.environ.get("DATABASE_URL")
        if not database_url:
            postgres = EmbeddedPostgres(scratch / "pg", fsync=True)
            await postgres.start()
            database_url = await postgres.create_database("bench")
        await migrate_database(database_url, ["intake"])
        bootstrap = "127.0.0.1:9"
        if args.kafka:
            from closeloop.messaging.topics import ensure_topics  # noqa: PLC0415
            from fleet.kafka import KafkaBroker  # noqa: PLC0415

            broker = KafkaBroker(scratch / "kafka")
            await broker.start()
            bootstrap = broker.bootstrap_servers
            await ensure_topics(bootstrap, namespace="bench.")

        token = mint_token(secret=SECRET, subject="bench", scopes=["feedback:write", "feedback:read"], ttl_seconds=3600)
        intake_env = {
            "DATABASE_URL": database_url, "KAFKA_BOOTSTRAP_SERVERS": bootstrap, "CLOSELOOP_TOPIC_NAMESPACE": "bench.",
            "CLOSELOOP_JWT_SECRET": SECRET, "CLOSELOOP_PII_KEY": Fernet.generate_key().decode(),
            "CLOSELOOP_PII_HASH_KEY": base64.urlsafe_b64encode(os.urandom(32)).decode(),
            "CLOSELOOP_RUN_RELAY": "true" if args.kafka else "false", "CLOSELOOP_RUN_CONSUMERS": "false",
            "CLOSELOOP_RATE_LIMITS": "1000000/second", "CLOSELOOP_LOG_LEVEL": "WARNING",
            "CLOSELOOP_ATTACHMENT_STORE_URL": f"file://{scratch / 'objects'}", "CLOSELOOP_DB_POOL_SIZE": "20",
        }
        load_before = os.getloadavg()[0]
        results = {}
        for name, app, factory, env in (
            ("bare FastAPI (validation only)", "bare_app:app", False, {}),
            ("intake POST /v1/feedback", "intake.main:create_app", True, intake_env),
        ):
            port = free_port()
            process = serve(app, port, env, factory=factory, workers=args.workers)
            processes.append(process)
            await wait_for(port, process)
            results[name] = await drive(
                port, token=token, seconds=args.seconds, connections=args.connections, warmup=args.warmup
            )
            process.terminate()
            process.wait(timeout=30)

        print(f"\nPOST /v1/feedback, {args.connections} connections, {args.seconds:.0f} s after {args.warmup:.0f} s warm-up"
              f"{', relay publishing to Kafka' if args.kafka else ''}, {args.workers} uvicorn worker(s) each, "
              f"{os.cpu_count()} CPUs, load average before the run {load_before:.1f}")
        print(f"{'':34} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'requests':>9} {'non-2xx':>8}")
        for name, r in results.items():
            print(f"{name:34} {r['throughput']:9.0f} {r['p50_ms']:8.2f} {r['p99_ms']:8.2f} {r['requests']:9.0f} {r['non_2xx']:8.0f}")
        bare, full = results.values()
        print(f"\nintake / bare throughput: {full['throughput'] / bare['throughput']:.2f}x (target >= 0.5x)")
        print(f"intake p99: {full['p99_ms']:.1f} ms (target < 50 ms); p99 ratio {full['p99_ms'] / bare['p99_ms']:.1f}x")
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
        if broker is not None:
            await broker.stop()
        if postgres is not None:
            await postgres.stop()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
