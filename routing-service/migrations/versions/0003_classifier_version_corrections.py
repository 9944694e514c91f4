"""routing: which corrections each classifier version learnt from (the baseline of the next retrain)

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "classifier_versions",
        sa.Column("correction_ids", postgresql.JSONB(astext_type=sa.Text()), nullable=False,
                  server_default=sa.text("'[]'::jsonb")),
        schema="routing",
    )


def downgrade() -> None:
    op.drop_column("classifier_versions", "correction_ids", schema="routing")
