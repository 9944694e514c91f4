"""intake's schema, its declarative base and its outbox."""

from sqlalchemy import MetaData, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase

from closeloop.db import naming_convention
from closeloop.messaging.outbox import Outbox

SCHEMA = "intake"
metadata = MetaData(schema=SCHEMA, naming_convention=naming_convention)


class Base(DeclarativeBase):
    metadata = metadata


outbox = Outbox(metadata=metadata, source="intake")


async def advisory_lock(session: AsyncSession, name: str) -> None:
    """Serialise transactions about one thing (a customer, an idempotency key) until the caller commits."""
    await session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:name, 0))"), {"name": name})


async def try_advisory_lock(session: AsyncSession, name: str) -> bool:
    """Like ``advisory_lock`` but answers False at once when another transaction holds it."""
    return bool(
        await session.scalar(text("SELECT pg_try_advisory_xact_lock(hashtextextended(:name, 0))"), {"name": name})
    )
