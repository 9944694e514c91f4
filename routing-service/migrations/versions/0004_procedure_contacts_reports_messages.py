"""routing: the handling procedure step by step, customer contacts, reports, message templates, outbound messages

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None
S = "routing"
JSONB = postgresql.JSONB(astext_type=sa.Text())


def _at(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _now(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False)


def upgrade() -> None:
    op.add_column("cases", sa.Column("procedure_id", sa.String(36)), schema=S)
    op.add_column("cases", sa.Column("liaison_id", sa.String(32)), schema=S)
    op.add_column("cases", sa.Column("departments_concerned", JSONB, nullable=False,
                                     server_default=sa.text("'[]'::jsonb")), schema=S)
    op.add_column("cases", sa.Column("hazards", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")), schema=S)
    op.add_column("cases", sa.Column("ill_count", sa.Integer()), schema=S)
    op.add_column("cases", _at("waiting_since"), schema=S)

    op.create_table(
        "procedures",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("urgency", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("steps", JSONB, nullable=False),
        sa.Column("callback_required", sa.Boolean(), nullable=False),
        sa.Column("confirmation_required", sa.Boolean(), nullable=False),
        sa.Column("report", sa.String(16)),
        sa.Column("supervisor_alert", sa.Boolean(), nullable=False),
        _now("created_at"),
        sa.Column("created_by", sa.String(64)),
        sa.UniqueConstraint("urgency", "version", name="uq_procedures_urgency"),
        schema=S,
    )
    op.create_index("ix_routing_procedures_urgency", "procedures", ["urgency"], schema=S)
    op.create_index("ix_procedures_current_urgency", "procedures", ["urgency"], unique=True, schema=S,
                    postgresql_where=sa.text("current"))

    op.create_table(
        "case_steps",
        sa.Column("id", sa.BigInteger(), primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.String(36), sa.ForeignKey(f"{S}.cases.id", name="fk_case_steps_case_id_cases"),
                  nullable=False),
        sa.Column("step", sa.String(64), nullable=False),
        sa.Column("department", sa.String(32)),
        sa.Column("staff_id", sa.String(32)),
        _at("done_at", nullable=False),
        sa.Column("done_by", sa.String(64), nullable=False),
        sa.Column("by_role", sa.String(16)),
        sa.Column("details", JSONB, nullable=False),
        sa.Column("text_sealed", sa.Text()),
        _now("recorded_at"),
        schema=S,
    )
    op.create_index("ix_case_steps_case_step", "case_steps", ["case_id", "step"], schema=S)

    op.create_table(
        "case_deadlines",
        sa.Column("clock_id", sa.String(36), primary_key=True),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("clock", sa.String(64), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        _at("started_at"),
        _at("due_at", nullable=False),
        _at("stopped_at"),
        _now("updated_at"),
        schema=S,
    )
    op.create_index("ix_routing_case_deadlines_case_id", "case_deadlines", ["case_id"], schema=S)

    op.create_table(
        "customer_contacts",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("case_id", sa.String(36),
                  sa.ForeignKey(f"{S}.cases.id", name="fk_customer_contacts_case_id_cases"), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("direction", sa.String(8), nullable=False),
        sa.Column("purpose", sa.String(16), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("staff_id", sa.String(64), nullable=False),
        _at("at", nullable=False),
        sa.Column("summary_sealed", sa.Text()),
        sa.Column("template_id", sa.String(64)),
        sa.Column("message_id", sa.String(36)),
        _now("recorded_at"),
        schema=S,
    )
    op.create_index("ix_routing_customer_contacts_case_id", "customer_contacts", ["case_id"], schema=S)

    op.create_table(
        "case_reports",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("case_id", sa.String(36), sa.ForeignKey(f"{S}.cases.id", name="fk_case_reports_case_id_cases"),
                  nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("sections_sealed", sa.Text()),
        _at("submitted_at"), sa.Column("submitted_by", sa.String(64)),
        _at("reviewed_at"), sa.Column("reviewed_by", sa.String(64)),
        _at("approved_at"), sa.Column("approved_by", sa.String(64)),
        sa.Column("times_returned", sa.Integer(), nullable=False, server_default=sa.text("0")),
        _now("created_at"),
        _now("updated_at"),
        sa.UniqueConstraint("case_id", "kind", name="uq_case_reports_case_id"),
        schema=S,
    )
    op.create_index("ix_routing_case_reports_case_id", "case_reports", ["case_id"], schema=S)

    op.create_table(
        "report_reviews",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("report_id", sa.String(36),
                  sa.ForeignKey(f"{S}.case_reports.id", name="fk_report_reviews_report_id_case_reports"),
                  nullable=False),
        sa.Column("reviewer", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16)),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("comment_sealed", sa.Text()),
        sa.Column("reopened_handling", sa.Boolean(), nullable=False),
        _at("at", nullable=False),
        schema=S,
    )
    op.create_index("ix_routing_report_reviews_report_id", "report_reviews", ["report_id"], schema=S)

    op.create_table(
        "message_templates",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("purpose", sa.String(32), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("audience", sa.String(16), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _now("updated_at"),
        sa.Column("updated_by", sa.String(64)),
        schema=S,
    )

    op.create_table(
        "outbound_messages",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("case_id", sa.String(36)),
        sa.Column("audience", sa.String(16), nullable=False),
        sa.Column("purpose", sa.String(32), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("recipient", sa.String(128), nullable=False),
        sa.Column("language", sa.String(16)),
        sa.Column("template_ids", sa.String(200)),
        sa.Column("body_sealed", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("adapter", sa.String(32)),
        sa.Column("dedupe_key", sa.String(128)),
        _at("next_attempt_at", nullable=False),
        _at("sent_at"),
        sa.Column("last_error", sa.String(500)),
        _now("created_at"),
        sa.UniqueConstraint("dedupe_key", name="uq_outbound_messages_dedupe_key"),
        schema=S,
    )
    op.create_index("ix_routing_outbound_messages_case_id", "outbound_messages", ["case_id"], schema=S)
    op.create_index("ix_outbound_messages_pending", "outbound_messages", ["next_attempt_at"], schema=S,
                    postgresql_where=sa.text("status = 'pending'"))


def downgrade() -> None:
    for table in ("outbound_messages", "message_templates", "report_reviews", "case_reports", "customer_contacts",
                  "case_deadlines", "case_steps", "procedures"):
        op.drop_table(table, schema=S)
    for column in ("waiting_since", "ill_count", "hazards", "departments_concerned", "liaison_id", "procedure_id"):
        op.drop_column("cases", column, schema=S)
