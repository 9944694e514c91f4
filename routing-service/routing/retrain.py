"""``python -m routing.retrain``: build a classifier version from the built-in corpus and staff corrections,
and activate it only if it is no worse than the active one on the held-out split.

Prints the decision and the figures of both versions; ``--dry-run`` judges without keeping anything.
"""

from __future__ import annotations

import argparse
import asyncio
import json

from closeloop.db import Database
from routing.learning.retraining import retrain
from routing.models import load_models
from routing.settings import Settings


async def run(settings: Settings, *, dry_run: bool) -> dict[str, object]:
    load_models()
    database = Database(settings.database_url, pool_size=1, application_name="routing-retrain")
    try:
        async with database.sessions() as session, session.begin():
            outcome = await retrain(session=session, settings=settings)
            result = {
                "version": outcome.version.id, "status": outcome.version.status, "activated": outcome.activated,
                "baseline": outcome.baseline_version, "decision": outcome.version.decision,
                "corrections_used": outcome.version.corrections_used,
                "training_examples": outcome.version.training_examples,
                "holdout_examples": outcome.version.holdout_examples,
                "candidate": {k: outcome.version.metrics.get(k) for k in ("accuracy", "urgent_recall", "exact")},
                "baseline_figures": {k: outcome.version.baseline_metrics.get(k)
                                     for k in ("accuracy", "urgent_recall", "exact")},
            }
            if dry_run:
                await session.rollback()
                result["dry_run"] = True
            return result
    finally:
        await database.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m routing.retrain", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dry-run", action="store_true", help="judge the candidate, keep nothing")
    args = parser.parse_args(argv)
    result = asyncio.run(run(Settings(), dry_run=args.dry_run))
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
