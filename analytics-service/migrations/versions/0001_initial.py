"""analytics: case facts, outbox and inbox

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from closeloop.messaging.tables import create_messaging_tables, drop_messaging_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None
S = "analytics"


def upgrade() -> None:
    op.create_table(
        "case_facts",
        sa.Column("case_id", sa.String(36), primary_key=True),
        sa.Column("store_id", sa.String(32), nullable=False, index=True),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("urgency", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False, index=True),
        schema=S,
    )
    create_messaging_tables(op, S)


def downgrade() -> None:
    drop_messaging_tables(op, S)
    op.drop_table("case_facts", schema=S)
