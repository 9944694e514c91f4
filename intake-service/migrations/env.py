from closeloop.db.migrations import run_migrations

from intake.db import metadata
from intake.models import load_models
from intake.settings import Settings

load_models()
run_migrations(schema="intake", metadata=metadata, database_url=Settings().database_url)
