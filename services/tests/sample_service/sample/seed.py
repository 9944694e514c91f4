import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine

from sample.main import visits
from sample.settings import Settings


async def seed(settings: Settings) -> None:
    """Idempotent, as every seed must be: `run` seeds again on each start."""
    engine = create_async_engine(settings.database_url)
    async with engine.begin() as connection:
        if not (await connection.execute(sa.select(visits.c.id).where(visits.c.note == "seeded"))).first():
            await connection.execute(visits.insert().values(note="seeded"))
    await engine.dispose()
