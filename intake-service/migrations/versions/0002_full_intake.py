"""intake: every feedback field, customers (sealed personal data), idempotency keys, attachments,
survey responses, the read copy of stores

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None
S = "intake"


def upgrade() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("phone_hash", sa.String(64)),
        sa.Column("email_hash", sa.String(64)),
        sa.Column("phone_sealed", sa.Text),
        sa.Column("email_sealed", sa.Text),
        sa.Column("name_sealed", sa.Text),
        sa.Column("phone_masked", sa.String(32)),
        sa.Column("email_masked", sa.String(320)),
        sa.Column("name_masked", sa.String(100)),
        sa.Column("member_id", sa.String(64)),
        sa.Column("gender", sa.String(16)),
        sa.Column("age_range", sa.String(16)),
        sa.Column("tier", sa.String(16)),
        sa.Column("special_needs", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("erased_at", sa.DateTime(timezone=True)),
        schema=S,
    )
    op.create_index(
        "uq_customers_phone_hash", "customers", ["phone_hash"], unique=True, schema=S,
        postgresql_where=sa.text("phone_hash IS NOT NULL"),
    )
    op.create_index("ix_customers_email_hash", "customers", ["email_hash"], schema=S)
    op.create_index("ix_customers_member_id", "customers", ["member_id"], schema=S)

    op.drop_column("feedback", "details", schema=S)
    op.drop_index("ix_intake_feedback_store_id", "feedback", schema=S)
    for column in (
        sa.Column("location", postgresql.JSONB),
        sa.Column("content_sealed", sa.Text),
        sa.Column("normalized_content", sa.Text, nullable=False, server_default=""),
        sa.Column("occurred_at", sa.DateTime(timezone=True)),
        sa.Column("rating", sa.SmallInteger),
        sa.Column("items", postgresql.JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("customer_id", sa.String(36), sa.ForeignKey(f"{S}.customers.id", name="fk_feedback_customer_id_customers")),
        sa.Column("order_ref", sa.String(64)),
        sa.Column("receipt_no", sa.String(64)),
        sa.Column("external_ref", sa.String(128)),
        sa.Column("language", sa.String(16)),
        sa.Column("duplicate_of", sa.String(36), sa.ForeignKey(f"{S}.feedback.id", name="fk_feedback_duplicate_of_feedback")),
        sa.Column("duplicate_score", sa.Float),
        sa.Column("client_id", sa.String(128), nullable=False, server_default=""),
        sa.Column("submitted_by", sa.String(128), nullable=False, server_default=""),
        sa.Column("survey_rounds", sa.Integer, nullable=False, server_default="1"),
    ):
        op.add_column("feedback", column, schema=S)
    for name in ("normalized_content", "items", "client_id", "submitted_by", "survey_rounds"):
        op.alter_column("feedback", name, server_default=None, schema=S)
    op.create_index("ix_feedback_store_id_number", "feedback", ["store_id", "number"], schema=S)
    op.create_index("ix_feedback_customer_id_received_at", "feedback", ["customer_id", "received_at"], schema=S)
    op.create_index("ix_feedback_store_id_received_at", "feedback", ["store_id", "received_at"], schema=S)
    op.create_index("ix_intake_feedback_duplicate_of", "feedback", ["duplicate_of"], schema=S)
    op.create_index(
        "uq_feedback_channel_external_ref", "feedback", ["channel", "external_ref"], unique=True, schema=S,
        postgresql_where=sa.text("external_ref IS NOT NULL"),
    )

    op.create_table(
        "attachments",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("client_id", sa.String(128), nullable=False),
        sa.Column("feedback_id", sa.String(36), sa.ForeignKey(f"{S}.feedback.id", name="fk_attachments_feedback_id_feedback")),
        sa.Column("object_key", sa.String(200), nullable=False),
        sa.Column("content_type", sa.String(100), nullable=False),
        sa.Column("size_bytes", sa.BigInteger, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        schema=S,
    )
    op.create_index("ix_intake_attachments_feedback_id", "attachments", ["feedback_id"], schema=S)
    op.create_index("ix_intake_attachments_created_at", "attachments", ["created_at"], schema=S)

    op.create_table(
        "idempotency_keys",
        sa.Column("client_id", sa.String(128), primary_key=True),
        sa.Column("key", sa.String(300), primary_key=True),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("resource_kind", sa.String(16), nullable=False),
        sa.Column("resource_id", sa.String(36)),
        sa.Column("status_code", sa.SmallInteger),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        schema=S,
    )
    op.create_index("ix_intake_idempotency_keys_expires_at", "idempotency_keys", ["expires_at"], schema=S)

    op.create_table(
        "survey_responses",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("token", sa.String(200), nullable=False, unique=True),
        sa.Column(
            "feedback_id", sa.String(36),
            sa.ForeignKey(f"{S}.feedback.id", name="fk_survey_responses_feedback_id_feedback"), nullable=False,
        ),
        sa.Column("store_id", sa.String(32), nullable=False),
        sa.Column("satisfied", sa.Boolean),
        sa.Column("resolved", sa.Boolean),
        sa.Column("csat", sa.SmallInteger),
        sa.Column("nps", sa.SmallInteger),
        sa.Column("comment", sa.Text),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        schema=S,
    )
    op.create_index("ix_intake_survey_responses_feedback_id", "survey_responses", ["feedback_id"], schema=S)

    op.create_table(
        "stores",
        sa.Column("store_id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("region_id", sa.String(32)),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        schema=S,
    )


def downgrade() -> None:
    op.drop_table("stores", schema=S)
    op.drop_table("survey_responses", schema=S)
    op.drop_table("idempotency_keys", schema=S)
    op.drop_table("attachments", schema=S)
    op.drop_index("uq_feedback_channel_external_ref", "feedback", schema=S)
    op.drop_index("ix_intake_feedback_duplicate_of", "feedback", schema=S)
    op.drop_index("ix_feedback_store_id_received_at", "feedback", schema=S)
    op.drop_index("ix_feedback_customer_id_received_at", "feedback", schema=S)
    op.drop_index("ix_feedback_store_id_number", "feedback", schema=S)
    for name in (
        "survey_rounds", "submitted_by", "client_id", "duplicate_score", "duplicate_of", "language", "external_ref",
        "receipt_no", "order_ref", "customer_id", "items", "rating", "occurred_at", "normalized_content",
        "content_sealed", "location",
    ):
        op.drop_column("feedback", name, schema=S)
    op.add_column(
        "feedback", sa.Column("details", postgresql.JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")), schema=S
    )
    op.create_index("ix_intake_feedback_store_id", "feedback", ["store_id"], schema=S)
    op.drop_table("customers", schema=S)
