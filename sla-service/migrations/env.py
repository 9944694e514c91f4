from closeloop.db.migrations import run_migrations

from sla.db import metadata
from sla.models import load_models
from sla.settings import Settings

load_models()
run_migrations(schema="sla", metadata=metadata, database_url=Settings().database_url)
