"""intake: feedback, daily numbering, outbox and inbox

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
S = "intake"


def upgrade() -> None:
    op.create_table(
        "feedback",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("number", sa.String(20), nullable=False, unique=True),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("store_id", sa.String(32), nullable=False, index=True),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("details", postgresql.JSONB, nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now(), index=True),
        schema=S,
    )
    op.create_table(
        "daily_counter",
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("last", sa.Integer, nullable=False),
        schema=S,
    )
    create_messaging_tables(op, S)


def downgrade() -> None:
    drop_messaging_tables(op, S)
    op.drop_table("daily_counter", schema=S)
    op.drop_table("feedback", schema=S)
