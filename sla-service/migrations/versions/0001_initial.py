"""sla: clocks, outbox and inbox

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
S = "sla"


def upgrade() -> None:
    op.create_table(
        "clocks",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("case_id", sa.String(36), nullable=False, index=True),
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("target_seconds", sa.Integer, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("stopped_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("case_id", "name", name="uq_clocks_case_id"),
        schema=S,
    )
    create_messaging_tables(op, S)


def downgrade() -> None:
    drop_messaging_tables(op, S)
    op.drop_table("clocks", schema=S)
