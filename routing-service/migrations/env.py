from closeloop.db.migrations import run_migrations

from routing.db import metadata
from routing.models import load_models
from routing.settings import Settings

load_models()
run_migrations(schema="routing", metadata=metadata, database_url=Settings().database_url)
