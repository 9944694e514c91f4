"""analytics's schema, its declarative base and its outbox."""

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from closeloop.db import naming_convention
from closeloop.messaging.outbox import Outbox

SCHEMA = "analytics"
metadata = MetaData(schema=SCHEMA, naming_convention=naming_convention)


class Base(DeclarativeBase):
    metadata = metadata


outbox = Outbox(metadata=metadata, source="analytics")
