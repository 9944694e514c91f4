"""Key rotation: ``python -m intake.privacy.rotation`` re-seals every sealed value under the newest key.

Rotate by putting the new key first in ``CLOSELOOP_PII_KEY`` (``new,old``), restarting intake (it reads
both), running this, then dropping the old key.
"""

from __future__ import annotations

import asyncio

from sqlalchemy import or_, select

from closeloop.db import Database
from intake.customers.models import Customer
from intake.feedback.models import Feedback
from intake.models import load_models
from intake.privacy.sealing import Sealer
from intake.settings import Settings

_SEALED = {Customer: ("phone_sealed", "email_sealed", "name_sealed"), Feedback: ("content_sealed",)}


async def rotate_keys(*, database: Database, sealer: Sealer, batch_size: int = 500) -> int:
    """Re-seal values not yet under the newest key, a batch per transaction; returns how many changed."""
    changed = 0
    for model, fields in _SEALED.items():
        last_id = ""
        while True:
            async with database.unit_of_work() as session:
                rows = (
                    await session.scalars(
                        select(model)
                        .where(model.id > last_id, or_(*[getattr(model, f).is_not(None) for f in fields]))
                        .order_by(model.id)
                        .limit(batch_size)
                        .with_for_update()
                    )
                ).all()
                for row in rows:
                    for field in fields:
                        value = getattr(row, field)
                        if value and not sealer.is_current(value):
                            setattr(row, field, sealer.reseal(value))
                            changed += 1
            if len(rows) < batch_size:
                break
            last_id = rows[-1].id
    return changed


async def _main() -> None:
    load_models()
    settings = Settings()
    database = Database(settings.database_url, application_name="intake-rotation")
    try:
        changed = await rotate_keys(database=database, sealer=Sealer.from_settings(settings))
    finally:
        await database.dispose()
    print(f"re-sealed {changed} values under the newest key")


if __name__ == "__main__":
    asyncio.run(_main())
