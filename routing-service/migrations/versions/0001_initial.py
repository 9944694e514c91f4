"""routing: cases, outbox and inbox

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from closeloop.messaging.tables import create_messaging_tables, drop_messaging_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None
S = "routing"


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("feedback_id", sa.String(36), nullable=False, unique=True),
        sa.Column("feedback_number", sa.String(20), nullable=False),
        sa.Column("store_id", sa.String(32), nullable=False, index=True),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("subcategory", sa.String(32)),
        sa.Column("urgency", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("sentiment", sa.Float, nullable=False),
        sa.Column("theme_words", postgresql.JSONB, nullable=False),
        sa.Column("department", sa.String(32)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("classifier_version", sa.String(32), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        schema=S,
    )
    create_messaging_tables(op, S)


def downgrade() -> None:
    drop_messaging_tables(op, S)
    op.drop_table("cases", schema=S)
