"""The outbox and inbox tables, created in each service's own schema."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, DateTime, Index, MetaData, SmallInteger, String, Table, func, text
from sqlalchemy.dialects.postgresql import JSONB


def _existing(metadata: MetaData, name: str) -> Table | None:
    return metadata.tables.get(f"{metadata.schema}.{name}" if metadata.schema else name)


def outbox_table(metadata: MetaData) -> Table:
    """Events written in the same transaction as the state change they announce."""
    if (table := _existing(metadata, "outbox")) is not None:
        return table
    return Table(
        "outbox",
        metadata,
        Column("id", BigInteger, primary_key=True, autoincrement=True),
        Column("event_id", String(64), nullable=False, unique=True),
        Column("event_type", String(200), nullable=False),
        Column("topic", String(200), nullable=False),
        Column("key", String(200), nullable=False),
        Column("bucket", SmallInteger, nullable=False),
        Column("envelope", JSONB, nullable=False),
        Column("headers", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("published_at", DateTime(timezone=True)),
        Index("ix_outbox_pending", "bucket", "id", postgresql_where=text("published_at IS NULL")),
    )


def inbox_table(metadata: MetaData) -> Table:
    """Ids of events already applied: a redelivered event finds its id here and changes nothing."""
    if (table := _existing(metadata, "inbox")) is not None:
        return table
    return Table(
        "inbox",
        metadata,
        Column("event_id", String(64), primary_key=True),
        Column("event_type", String(200), nullable=False),
        Column("topic", String(200), nullable=False),
        Column("processed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    )


def create_messaging_tables(op, schema: str) -> None:  # type: ignore[no-untyped-def]
    """Alembic step every service's first migration runs."""
    metadata = MetaData(schema=schema)
    for table in (outbox_table(metadata), inbox_table(metadata)):
        table.create(op.get_bind(), checkfirst=True)


def drop_messaging_tables(op, schema: str) -> None:  # type: ignore[no-untyped-def]
    op.drop_table("inbox", schema=schema)
    op.drop_table("outbox", schema=schema)
