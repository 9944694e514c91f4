from closeloop.db.migrations import run_migrations

from analytics.db import metadata
from analytics.models import load_models
from analytics.settings import Settings

load_models()
run_migrations(schema="analytics", metadata=metadata, database_url=Settings().database_url)
