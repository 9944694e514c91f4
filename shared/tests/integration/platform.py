"""A throw-away schema with one table, an outbox and an inbox: the platform exercised without any service."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import ClassVar

from sqlalchemy import Column, Integer, MetaData, String, Table, text

from closeloop.contracts.envelope import EventPayload
from closeloop.db import Database
from closeloop.messaging.outbox import Outbox
from closeloop.messaging.tables import inbox_table, outbox_table
from closeloop.messaging.topics import ensure_topics

TEST_TOPIC = "closeloop.platformtest.v1"


class NoteWritten(EventPayload):
    """Test-only event: one note of a numbered sequence for an aggregate."""

    event_type: ClassVar[str] = "closeloop.platformtest.note_written.v1"
    topic: ClassVar[str] = TEST_TOPIC
    subject_field: ClassVar[str] = "aggregate"

    aggregate: str
    seq: int
    fail: bool = False


class Platform:
    def __init__(self, database_url: str, bootstrap_servers: str) -> None:
        self.schema = "pt_" + uuid.uuid4().hex[:8]
        self.metadata = MetaData(schema=self.schema)
        self.notes = Table(
            "notes", self.metadata,
            Column("id", Integer, primary_key=True, autoincrement=True),
            Column("aggregate", String(50)), Column("seq", Integer),
        )
        outbox_table(self.metadata)
        inbox_table(self.metadata)
        self.outbox = Outbox(metadata=self.metadata, source="platformtest", buckets=8)
        self.database = Database(database_url)
        self.bootstrap_servers = bootstrap_servers
        self.namespace = f"pt{uuid.uuid4().hex[:8]}."

    @property
    def topic(self) -> str:
        return self.namespace + TEST_TOPIC

    async def create(self) -> None:
        async with self.database.engine.begin() as conn:
            await conn.execute(text(f'CREATE SCHEMA "{self.schema}"'))
            await conn.run_sync(self.metadata.create_all)
        await ensure_topics(self.bootstrap_servers, namespace=self.namespace, names=[TEST_TOPIC, TEST_TOPIC + ".dlt.platformtest"], partitions=3)

    async def write_note(self, aggregate: str, seq: int, *, fail: bool = False) -> None:
        """A state change and its event in one unit of work, as a service does it."""
        async with self.database.unit_of_work() as session:
            await session.execute(self.notes.insert().values(aggregate=aggregate, seq=seq))
            await self.outbox.add(session, NoteWritten(aggregate=aggregate, seq=seq, fail=fail), time=datetime.now(UTC))

    async def apply_note(self, session, event) -> None:  # type: ignore[no-untyped-def]
        """Handler used by consumer tests: count the note in an ``applied`` table."""
        payload = event.payload()
        if payload.fail:
            raise RuntimeError(f"cannot apply note {payload.seq}")
        await session.execute(
            text(f'INSERT INTO "{self.schema}".applied (aggregate, seq) VALUES (:a, :s)'),
            {"a": payload.aggregate, "s": payload.seq},
        )

    async def applied(self) -> list[tuple[str, int]]:
        async with self.database.engine.connect() as conn:
            rows = await conn.execute(text(f'SELECT aggregate, seq FROM "{self.schema}".applied ORDER BY id'))
            return [tuple(r) for r in rows]

    async def create_applied_table(self) -> None:
        async with self.database.engine.begin() as conn:
            await conn.execute(
                text(f'CREATE TABLE "{self.schema}".applied (id serial primary key, aggregate text, seq int)')
            )


