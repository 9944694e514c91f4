"""`python -m fleet.seeding <package>`: run a service's `seed(settings)` with settings from this environment.

A separate process so the service's `Settings()` reads exactly the environment the supervisor prepared.
"""

from __future__ import annotations

import asyncio
import importlib
import importlib.util
import sys


def has_seed(package: str) -> bool:
    return importlib.util.find_spec(f"{package}.seed") is not None


async def seed_here(package: str) -> bool:
    """Seed in this process; False when the service has no `<package>.seed` module."""
    if not has_seed(package):
        return False
    settings = importlib.import_module(f"{package}.settings").Settings()
    await importlib.import_module(f"{package}.seed").seed(settings)
    return True


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m fleet.seeding <package>", file=sys.stderr)
        return 2
    seeded = asyncio.run(seed_here(args[0]))
    print(f"{args[0]}: {'seeded' if seeded else 'no seed module, nothing to do'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
