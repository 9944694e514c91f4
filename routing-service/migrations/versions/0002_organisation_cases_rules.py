"""routing: organisation, routing rules, case lifecycle and timeline, incidents, safety tasks, learning

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
S = "routing"
JSONB = postgresql.JSONB(astext_type=sa.Text())


def _ids(length: int) -> postgresql.ARRAY:
    return postgresql.ARRAY(sa.String(length=length))


def _now() -> sa.Column:
    return sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "regions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        _now(),
        schema=S,
    )
    op.create_table(
        "departments",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        _now(),
        schema=S,
    )
    op.create_table(
        "stores",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("region_id", sa.String(32), sa.ForeignKey(f"{S}.regions.id", name="fk_stores_region_id_regions"),
                  index=True),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("calendar", sa.String(16), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        _now(),
        schema=S,
    )
    op.create_table(
        "staff",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("department_id", sa.String(32),
                  sa.ForeignKey(f"{S}.departments.id", name="fk_staff_department_id_departments"),
                  nullable=False, index=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("store_ids", _ids(32), nullable=False),
        sa.Column("supervisor_id", sa.String(32)),
        sa.Column("skills", _ids(32), nullable=False),
        sa.Column("capacity", sa.Integer, nullable=False),
        sa.Column("on_shift", sa.Boolean, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("last_assigned_at", sa.DateTime(timezone=True)),
        _now(),
        schema=S,
    )
    op.create_table(
        "routing_rules",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False, index=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("categories", _ids(16), nullable=False),
        sa.Column("subcategories", _ids(32), nullable=False),
        sa.Column("urgencies", _ids(16), nullable=False),
        sa.Column("store_ids", _ids(32), nullable=False),
        sa.Column("channels", _ids(32), nullable=False),
        sa.Column("tiers", _ids(16), nullable=False),
        sa.Column("department_id", sa.String(32),
                  sa.ForeignKey(f"{S}.departments.id", name="fk_routing_rules_department_id_departments"),
                  nullable=False),
        sa.Column("required_skill", sa.String(32)),
        sa.Column("active", sa.Boolean, nullable=False),
        _now(),
        schema=S,
    )

    # Cases grow from the skeleton's columns; rows a skeleton build left behind get neutral values.
    new_case_columns = [
        sa.Column("number", sa.String(24)),
        sa.Column("region_id", sa.String(32)),
        sa.Column("content_sealed", sa.Text),
        sa.Column("language", sa.String(16)),
        sa.Column("customer_id", sa.String(64)),
        sa.Column("customer_key", sa.String(128)),
        sa.Column("customer_masked_phone", sa.String(32)),
        sa.Column("customer_tier", sa.String(16)),
        sa.Column("customer", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
        sa.Column("items", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("urgency_rank", sa.SmallInteger, nullable=False, server_default="2"),
        sa.Column("classified_urgency", sa.String(16)),
        sa.Column("raised_by", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("confidence", sa.Float),
        sa.Column("explanation", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("routing_rule_id", sa.String(64)),
        sa.Column("assignee_id", sa.String(32)),
        sa.Column("watchers", _ids(32), nullable=False, server_default=sa.text("'{}'")),
        sa.Column("escalation_level", sa.SmallInteger, nullable=False, server_default="0"),
        sa.Column("breached", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("breached_clocks", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("repeat_of", sa.String(36)),
        sa.Column("reopen_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("resolution_sealed", sa.Text),
        sa.Column("first_contact_resolution", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("satisfied", sa.Boolean),
        sa.Column("csat", sa.SmallInteger),
        sa.Column("nps", sa.SmallInteger),
        sa.Column("loop_confirmed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True)),
        sa.Column("resolved_at", sa.DateTime(timezone=True)),
        sa.Column("closed_at", sa.DateTime(timezone=True)),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")),
    ]
    for column in new_case_columns:
        op.add_column("cases", column, schema=S)
    op.execute(f"UPDATE {S}.cases SET number = 'CS-' || substr(feedback_number, 4), status = 'new' "
               "WHERE number IS NULL")
    op.alter_column("cases", "number", nullable=False, schema=S)
    op.create_unique_constraint("uq_cases_number", "cases", ["number"], schema=S)
    op.create_index("ix_cases_queue", "cases", ["department", "status", "urgency_rank", "opened_at"], schema=S)
    op.create_index("ix_cases_assignee_status", "cases", ["assignee_id", "status"], schema=S)
    op.create_index("ix_cases_store_opened", "cases", ["store_id", "opened_at"], schema=S)
    op.create_index("ix_cases_customer", "cases", ["customer_key", "received_at"], schema=S)
    op.create_index("ix_cases_received", "cases", ["received_at"], schema=S)
    op.create_index("ix_cases_items", "cases", ["items"], schema=S, postgresql_using="gin",
                    postgresql_ops={"items": "jsonb_path_ops"})

    op.create_table(
        "case_counters",
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("last", sa.Integer, nullable=False),
        schema=S,
    )
    op.create_table(
        "case_feedback",
        sa.Column("feedback_id", sa.String(36), primary_key=True),
        sa.Column("primary_feedback_id", sa.String(36), nullable=False, index=True),
        sa.Column("case_id", sa.String(36), sa.ForeignKey(f"{S}.cases.id", name="fk_case_feedback_case_id_cases"),
                  index=True),
        sa.Column("feedback_number", sa.String(20), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("customer", JSONB, nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attached_at", sa.DateTime(timezone=True)),
        schema=S,
    )
    op.create_table(
        "timeline",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.String(36), sa.ForeignKey(f"{S}.cases.id", name="fk_timeline_case_id_cases"),
                  nullable=False, index=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("entry", sa.String(32), nullable=False),
        sa.Column("details", JSONB, nullable=False),
        sa.Column("text_sealed", sa.Text),
        sa.Column("idempotency_key", sa.String(128)),
        sa.UniqueConstraint("case_id", "idempotency_key", name="uq_timeline_case_id"),
        schema=S,
    )
    op.create_table(
        "case_tasks",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("case_id", sa.String(36), sa.ForeignKey(f"{S}.cases.id", name="fk_case_tasks_case_id_cases"),
                  nullable=False, index=True),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("owner_department", sa.String(32)),
        sa.Column("owner_id", sa.String(32)),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("details", JSONB, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True)),
        sa.Column("completed_by", sa.String(64)),
        sa.UniqueConstraint("case_id", "code", name="uq_case_tasks_case_id"),
        schema=S,
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("store_id", sa.String(32)),
        sa.Column("problem", sa.String(64)),
        sa.Column("sku", sa.String(64)),
        sa.Column("batch", sa.String(64)),
        sa.Column("departments", _ids(32), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Index("ix_incidents_group", "kind", "store_id", "problem", "last_linked_at"),
        sa.Index("ix_incidents_product", "kind", "sku", "batch", "last_linked_at"),
        schema=S,
    )
    op.create_table(
        "incident_cases",
        sa.Column("incident_id", sa.String(36),
                  sa.ForeignKey(f"{S}.incidents.id", name="fk_incident_cases_incident_id_incidents"), primary_key=True),
        sa.Column("case_id", sa.String(36), sa.ForeignKey(f"{S}.cases.id", name="fk_incident_cases_case_id_cases"),
                  primary_key=True, index=True),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        schema=S,
    )
    op.create_table(
        "corrections",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("case_id", sa.String(36), sa.ForeignKey(f"{S}.cases.id", name="fk_corrections_case_id_cases"),
                  nullable=False, index=True),
        sa.Column("text_sealed", sa.Text, nullable=False),
        sa.Column("channel", sa.String(32)),
        sa.Column("classifier_version", sa.String(32), nullable=False),
        sa.Column("predicted", JSONB, nullable=False),
        sa.Column("corrected", JSONB, nullable=False),
        sa.Column("by", sa.String(64), nullable=False),
        sa.Column("reason", sa.String(500)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, index=True),
        schema=S,
    )
    op.create_table(
        "classifier_versions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("activated_at", sa.DateTime(timezone=True)),
        sa.Column("based_on", sa.String(32)),
        sa.Column("training_examples", sa.Integer, nullable=False),
        sa.Column("corrections_used", sa.Integer, nullable=False),
        sa.Column("holdout_examples", sa.Integer, nullable=False),
        sa.Column("metrics", JSONB, nullable=False),
        sa.Column("baseline_metrics", JSONB, nullable=False),
        sa.Column("decision", sa.String(500)),
        sa.Column("model", sa.LargeBinary),
        schema=S,
    )
    # At most one active classifier version, whatever two retrains racing each other do.
    op.create_index("uq_classifier_versions_active", "classifier_versions", ["status"], unique=True, schema=S,
                    postgresql_where=sa.text("status = 'active'"))


def downgrade() -> None:
    for table in ("classifier_versions", "corrections", "incident_cases", "incidents", "case_tasks", "timeline",
                  "case_feedback", "case_counters"):
        op.drop_table(table, schema=S)
    for index in ("ix_cases_items", "ix_cases_received", "ix_cases_customer", "ix_cases_store_opened",
                  "ix_cases_assignee_status", "ix_cases_queue"):
        op.drop_index(index, table_name="cases", schema=S)
    op.drop_constraint("uq_cases_number", "cases", schema=S, type_="unique")
    for column in ("number", "region_id", "content_sealed", "language", "customer_id", "customer_key",
                   "customer_masked_phone", "customer_tier", "customer", "items", "urgency_rank",
                   "classified_urgency", "raised_by", "confidence", "explanation", "routing_rule_id", "assignee_id",
                   "watchers", "escalation_level", "breached", "breached_clocks", "repeat_of", "reopen_count",
                   "resolution_sealed", "first_contact_resolution", "satisfied", "csat", "nps", "loop_confirmed",
                   "acknowledged_at", "resolved_at", "closed_at", "updated_at"):
        op.drop_column("cases", column, schema=S)
    for table in ("routing_rules", "staff", "stores", "departments", "regions"):
        op.drop_table(table, schema=S)
