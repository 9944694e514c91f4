from closeloop.db.migrations import run_migrations
from sample.main import metadata
from sample.settings import Settings

run_migrations(schema="sample", metadata=metadata, database_url=Settings().database_url)
