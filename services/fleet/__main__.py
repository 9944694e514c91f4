"""`closeloop-stack`: run the whole fleet locally, or migrate, seed, serve and create topics one part at a time."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import time

from aiokafka.errors import KafkaError
from closeloop.messaging.topics import ensure_topics

from fleet import provisioning
from fleet.environment import FleetEnvironment
from fleet.registry import REPO_ROOT, SERVICES, select_services, service_named
from fleet.state import StateDir
from fleet.supervisor import Stack, uvicorn_argv


def _shown(path: object) -> str:
    text = str(path)
    root = f"{REPO_ROOT}/"
    return text[len(root):] if text.startswith(root) else text


def _summary(stack: Stack, seconds: float) -> str:
    width = max(len(name) for name in stack.urls) + 2
    broker = stack.broker.name if stack.broker else "external broker"
    phases = ", ".join(f"{phase} {spent:.1f} s" for phase, spent in stack.timings.items())
    lines = [f"\nCloseloop is up in {seconds:.1f} s ({phases}):"]
    lines += [f"  {name:<{width}}{url}   (OpenAPI: {url}/docs)" for name, url in stack.urls.items()]
    lines += [
        f"  {'database':<{width}}{stack.database_url}",
        f"  {'broker':<{width}}{stack.bootstrap_servers} ({broker})",
        f"  {'token':<{width}}{_shown(stack.state.token_path)}  (every scope, 30 days)",
        f"  {'env':<{width}}{_shown(stack.state.stack_env_path)}",
        f"  {'logs':<{width}}{_shown(stack.state.logs_dir)}/",
        "",
        f'  curl -H "Authorization: Bearer $(cat {_shown(stack.state.token_path)})" '
        f"{next(iter(stack.urls.values()))}/readyz",
        "Ctrl-C stops everything; the data stays for the next run.",
    ]
    return "\n".join(lines)


async def _run(env: FleetEnvironment, *, echo: bool) -> int:
    stack = Stack.from_environment(env, echo=(lambda line: print(line, flush=True)) if echo else None)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stopping.set)

    started_at = time.monotonic()
    print("Starting Closeloop: database, broker, topics, migrations, seeds, services ...", flush=True)
    starting = asyncio.create_task(stack.start())
    stop_requested = asyncio.create_task(stopping.wait())
    await asyncio.wait({starting, stop_requested}, return_when=asyncio.FIRST_COMPLETED)
    if not starting.done():
        print("\nStopping before start-up finished ...", flush=True)
        starting.cancel()
        await asyncio.gather(starting, return_exceptions=True)
        return 130
    if starting.exception() is not None:
        stop_requested.cancel()
        print(f"\nCloseloop could not start: {starting.exception()}", file=sys.stderr, flush=True)
        return 1

    print(_summary(stack, time.monotonic() - started_at), flush=True)
    service_exit = asyncio.create_task(stack.wait_for_service_exit())
    await asyncio.wait({service_exit, stop_requested}, return_when=asyncio.FIRST_COMPLETED)
    code = 0
    if service_exit.done():
        crashed = service_exit.result()
        print(f"\n{crashed.spec.name} exited with code {crashed.process.returncode}:\n"
              f"{crashed.process.log_tail(lines=20)}\nStopping the rest ...", file=sys.stderr, flush=True)
        code = 1
    else:
        service_exit.cancel()
        print("\nStopping: services, then broker, then database ...", flush=True)
    await stack.stop()
    print("Stopped.", flush=True)
    return code


def _recorded_env(env: FleetEnvironment) -> dict[str, str]:
    """The servers of the last `run` (or those the environment names) plus the dev secrets."""
    state = StateDir(env.state_dir)
    recorded = state.read_stack_env()
    values = {key: recorded[key] for key in ("DATABASE_URL", "KAFKA_BOOTSTRAP_SERVERS",
                                             "CLOSELOOP_TOPIC_NAMESPACE") if key in recorded}
    if env.database_url:
        values["DATABASE_URL"] = env.database_url
    if env.kafka_bootstrap_servers:
        values["KAFKA_BOOTSTRAP_SERVERS"] = env.kafka_bootstrap_servers
    secrets = state.load_or_create_secrets(
        jwt_secret=env.jwt_secret, pii_key=env.pii_key, pii_hash_key=env.pii_hash_key
    )
    return {**values, **secrets.as_env()}


def _require(values: dict[str, str], key: str) -> str:
    if key not in values:
        raise SystemExit(f"{key} is not set and no stack is recorded: start one with `closeloop-stack run` "
                         f"or set {key}")
    return values[key]


async def _migrate(env: FleetEnvironment, target: str) -> int:
    values = _recorded_env(env)
    _require(values, "DATABASE_URL")
    for spec in select_services(target):
        await provisioning.migrate(spec, env=values)
        print(f"{spec.name}: migrated")
    return 0


async def _seed(env: FleetEnvironment, target: str) -> int:
    values = _recorded_env(env)
    _require(values, "DATABASE_URL")
    for spec in select_services(target):
        print(await provisioning.seed(spec, env=values))
    return 0


async def _topics(env: FleetEnvironment) -> int:
    values = _recorded_env(env)
    created = await ensure_topics(
        _require(values, "KAFKA_BOOTSTRAP_SERVERS"), namespace=values.get("CLOSELOOP_TOPIC_NAMESPACE", "")
    )
    print(f"created {len(created)} topic(s)" + (f": {', '.join(created)}" if created else ", all existed"))
    return 0


def _serve(target: str, *, host: str, port: int | None) -> int:
    """Replace this process with uvicorn, so signals from the container runtime reach it directly."""
    argv = uvicorn_argv(service_named(target), host=host, port=port)
    os.execv(argv[0], argv)
    return 0


def _parser() -> argparse.ArgumentParser:
    names = [spec.name for spec in SERVICES]
    parser = argparse.ArgumentParser(prog="closeloop-stack", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="start database, broker and the four services; Ctrl-C stops them")
    run.add_argument("--quiet", action="store_true", help="do not echo service logs to the console")
    for name, what in (("migrate", "apply Alembic migrations"), ("seed", "load reference data")):
        command = commands.add_parser(name, help=f"{what} for one service or all")
        command.add_argument("service", choices=[*names, "all"])
    serve = commands.add_parser("serve", help="run one service in the foreground (the container entry point)")
    serve.add_argument("service", choices=names)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=None)
    commands.add_parser("topics", help="create every missing topic")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    env = FleetEnvironment.from_environ()
    if args.command == "run":
        return asyncio.run(_run(env, echo=not args.quiet))
    if args.command == "serve":
        return _serve(args.service, host=args.host, port=args.port)
    step = {
        "migrate": lambda: _migrate(env, args.service),
        "seed": lambda: _seed(env, args.service),
        "topics": lambda: _topics(env),
    }[args.command]
    try:
        return asyncio.run(step())
    except (provisioning.ProvisioningError, KafkaError, OSError) as exc:
        detail = "\n".join(str(exc).splitlines()[-12:])
        print(f"{args.command} failed:\n{detail}\n(is the stack running? `closeloop-stack run`, or set "
              "DATABASE_URL / KAFKA_BOOTSTRAP_SERVERS)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
