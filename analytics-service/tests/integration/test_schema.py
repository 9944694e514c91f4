"""The migrated schema keeps a partition for every grain the code writes (a new grain needs a migration)."""

from __future__ import annotations

from sqlalchemy import text

from analytics.rollups.grains import FAMILIES
from closeloop.db import Database


async def test_every_grain_of_every_rollup_family_has_its_partition(analytics_db):
    database = Database(analytics_db, pool_size=1)
    try:
        async with database.engine.connect() as conn:
            rows = (await conn.execute(text(
                "SELECT parent.relname, child.relname FROM pg_inherits "
                "JOIN pg_class parent ON parent.oid = inhparent JOIN pg_class child ON child.oid = inhrelid "
                "JOIN pg_namespace n ON n.oid = parent.relnamespace WHERE n.nspname = 'analytics'"
            ))).all()
    finally:
        await database.dispose()
    partitions = {(parent, child) for parent, child in rows}
    for family in FAMILIES:
        for grain in family.grains:
            assert (family.table, f"{family.table}_g{grain.id}") in partitions
