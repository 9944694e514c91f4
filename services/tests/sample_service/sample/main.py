"""The sample service: a table, a readiness probe that reads it, and an endpoint echoing its env."""

from __future__ import annotations

import os

import sqlalchemy as sa
from fastapi import FastAPI, Response
from sqlalchemy.ext.asyncio import create_async_engine

from sample.settings import Settings

metadata = sa.MetaData(schema="sample")
visits = sa.Table("visits", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("note", sa.Text))


def create_app() -> FastAPI:
    settings = Settings()
    engine = create_async_engine(settings.database_url)
    app = FastAPI()

    @app.get("/readyz")
    async def readyz(response: Response) -> dict[str, object]:
        async with engine.connect() as connection:
            notes = (await connection.execute(sa.select(visits.c.note))).scalars().all()
        return {"status": "ready", "notes": notes}

    @app.get("/env")
    async def env() -> dict[str, str | None]:
        names = ("KAFKA_BOOTSTRAP_SERVERS", "CLOSELOOP_TOPIC_NAMESPACE", "SAMPLE_URL")
        return {name: os.environ.get(name) for name in names} | {
            "jwt_secret_set": str(bool(settings.jwt_secret)),
        }

    return app
