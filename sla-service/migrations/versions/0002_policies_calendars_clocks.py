"""sla: policies, calendars, closures, stores, staff, overrides, cases, signals, clocks with ledger,
ladders, escalations, channels and deliveries

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None
S = "sla"


def _ts(name: str, **kw) -> sa.Column:  # type: ignore[no-untyped-def]
    return sa.Column(name, sa.DateTime(timezone=True), **kw)


def upgrade() -> None:
    op.drop_table("clocks", schema=S)  # the walking skeleton's clocks; nothing depends on them yet
    op.create_table(
        "calendars",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("holiday_region", sa.String(8)),
        sa.Column("hours", JSONB, nullable=False),
        sa.Column("adjusted_day_hours", JSONB),
        sa.Column("version", sa.Integer, nullable=False),
        _ts("updated_at", nullable=False, server_default=sa.func.now()),
        schema=S,
    )
    op.create_table(
        "closures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("calendar_id", sa.String(64), sa.ForeignKey(f"{S}.calendars.id", ondelete="CASCADE"), index=True),
        sa.Column("store_id", sa.String(64), index=True),
        sa.Column("starts_on", sa.Date, nullable=False),
        sa.Column("ends_on", sa.Date, nullable=False),
        sa.Column("reason", sa.String(500)),
        _ts("created_at", nullable=False, server_default=sa.func.now()),
        sa.CheckConstraint("(calendar_id IS NULL) <> (store_id IS NULL)", name="one_owner"),
        sa.CheckConstraint("starts_on <= ends_on", name="ordered"),
        schema=S,
    )
    op.create_table(
        "stores",
        sa.Column("store_id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("region_id", sa.String(64), index=True),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("calendar", sa.String(16), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        _ts("updated_at", nullable=False),
        schema=S,
    )
    op.create_table(
        "staff",
        sa.Column("staff_id", sa.String(64), primary_key=True),
        sa.Column("department_id", sa.String(64), nullable=False),
        sa.Column("role", sa.String(32), nullable=False, index=True),
        sa.Column("store_ids", ARRAY(sa.String(64)), nullable=False),
        sa.Column("supervisor_id", sa.String(64)),
        sa.Column("active", sa.Boolean, nullable=False),
        _ts("updated_at", nullable=False),
        schema=S,
    )
    op.create_table(
        "overrides",
        sa.Column("scope", sa.String(8), primary_key=True),
        sa.Column("scope_id", sa.String(64), primary_key=True),
        sa.Column("calendar_id", sa.String(64)),
        sa.Column("ladder_id", sa.String(64)),
        schema=S,
    )
    op.create_table(
        "policies",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("key", sa.String(100), nullable=False, index=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("current", sa.Boolean, nullable=False, index=True),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("urgency", sa.String(16), nullable=False, index=True),
        sa.Column("store_id", sa.String(64)),
        sa.Column("region_id", sa.String(64)),
        sa.Column("channel", sa.String(32)),
        sa.Column("tier", sa.String(16)),
        sa.Column("target_factor", sa.Float, nullable=False),
        sa.Column("clocks", JSONB, nullable=False),
        _ts("created_at", nullable=False, server_default=sa.func.now()),
        sa.Column("created_by", sa.String(100)),
        sa.UniqueConstraint("key", "version", name="uq_policies_key"),
        schema=S,
    )
    op.create_index("uq_policies_current_key", "policies", ["key"], unique=True, schema=S,
                    postgresql_where=sa.text("current"))
    op.create_table(
        "cases",
        sa.Column("case_id", sa.String(36), primary_key=True),
        sa.Column("number", sa.String(64)),
        sa.Column("store_id", sa.String(64), nullable=False, index=True),
        sa.Column("region_id", sa.String(64)),
        sa.Column("urgency", sa.String(16), nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("tier", sa.String(16)),
        sa.Column("department", sa.String(64)),
        sa.Column("assignee_id", sa.String(64)),
        _ts("opened_at", nullable=False),
        _ts("first_resolved_at"),
        _ts("last_resolved_at"),
        _ts("closed_at"),
        sa.Column("reopen_count", sa.Integer, nullable=False),
        schema=S,
    )
    op.create_table(
        "signals",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.String(36), nullable=False, index=True),
        sa.Column("names", JSONB, nullable=False),
        _ts("occurred_at", nullable=False),
        sa.Column("event_id", sa.String(64), nullable=False, unique=True),
        sa.Column("applied", sa.Boolean, nullable=False),
        _ts("recorded_at", nullable=False, server_default=sa.func.now()),
        schema=S,
    )
    op.create_table(
        "clocks",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("case_id", sa.String(36), nullable=False, index=True),
        sa.Column("store_id", sa.String(64), nullable=False),
        sa.Column("region_id", sa.String(64)),
        sa.Column("metric", sa.String(64), nullable=False),
        sa.Column("round", sa.Integer, nullable=False),
        sa.Column("policy_id", sa.String(36), nullable=False),
        sa.Column("policy_version", sa.Integer, nullable=False),
        sa.Column("spec", JSONB, nullable=False),
        sa.Column("unit", sa.String(16), nullable=False),
        sa.Column("target_seconds", sa.Integer, nullable=False),
        sa.Column("target_working_days", sa.Integer),
        sa.Column("calendar_id", sa.String(64)),
        sa.Column("ladder_id", sa.String(64)),
        sa.Column("status", sa.String(16), nullable=False),
        _ts("started_at", nullable=False),
        _ts("due_at", nullable=False),
        _ts("warning_at"),
        _ts("warned_at"),
        _ts("paused_at"),
        sa.Column("paused_seconds", sa.Float, nullable=False),
        _ts("breached_at"),
        _ts("stopped_at"),
        sa.Column("escalation_level", sa.Integer, nullable=False),
        sa.Column("escalations_requested", sa.Integer, nullable=False, server_default="0"),
        _ts("next_escalation_at"),
        _ts("fire_at"),
        _ts("created_at", nullable=False, server_default=sa.func.now()),
        sa.UniqueConstraint("case_id", "metric", "round", name="uq_clocks_case_id"),
        schema=S,
    )
    op.create_index("ix_clocks_fire_at", "clocks", ["fire_at"], schema=S, postgresql_where=sa.text("fire_at IS NOT NULL"))
    op.create_index("ix_clocks_due_at", "clocks", ["due_at"], schema=S)
    op.create_table(
        "clock_ledger",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("clock_id", sa.String(36), sa.ForeignKey(f"{S}.clocks.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("kind", sa.String(16), nullable=False),
        _ts("at", nullable=False),
        sa.Column("detail", JSONB, nullable=False),
        _ts("recorded_at", nullable=False, server_default=sa.func.now()),
        schema=S,
    )
    op.create_table(
        "ladders",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("steps", JSONB, nullable=False),
        sa.Column("repeat_seconds", sa.Integer),
        _ts("updated_at", nullable=False, server_default=sa.func.now()),
        schema=S,
    )
    op.create_table(
        "escalations",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("clock_id", sa.String(36), nullable=False, index=True),
        sa.Column("case_id", sa.String(36), nullable=False, index=True),
        sa.Column("metric", sa.String(64), nullable=False),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("store_id", sa.String(64), nullable=False),
        sa.Column("region_id", sa.String(64)),
        sa.Column("staff_ids", ARRAY(sa.String(64)), nullable=False),
        sa.Column("reason", sa.String(16), nullable=False),
        _ts("requested_at", nullable=False),
        sa.UniqueConstraint("clock_id", "sequence", name="uq_escalations_clock_id"),
        schema=S,
    )
    op.create_table(
        "channels",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("secret", sa.String(200), nullable=False),
        sa.Column("event_types", JSONB, nullable=False),
        sa.Column("roles", JSONB, nullable=False),
        sa.Column("store_id", sa.String(64)),
        sa.Column("region_id", sa.String(64)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("disabled_reason", sa.String(500)),
        _ts("created_at", nullable=False, server_default=sa.func.now()),
        schema=S,
    )
    op.create_table(
        "deliveries",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("channel_id", sa.String(36), sa.ForeignKey(f"{S}.channels.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("event_type", sa.String(200), nullable=False),
        sa.Column("case_id", sa.String(36), index=True),
        sa.Column("envelope", JSONB, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        _ts("next_attempt_at", nullable=False),
        _ts("lease_until"),
        sa.Column("last_status", sa.Integer),
        sa.Column("last_error", sa.String(1000)),
        _ts("delivered_at"),
        _ts("created_at", nullable=False, server_default=sa.func.now()),
        sa.UniqueConstraint("channel_id", "event_id", name="uq_deliveries_channel_id"),
        schema=S,
    )
    op.create_index("ix_deliveries_pending", "deliveries", ["next_attempt_at"], schema=S,
                    postgresql_where=sa.text("status = 'pending'"))


def downgrade() -> None:
    for table in ("deliveries", "channels", "escalations", "ladders", "clock_ledger", "clocks", "signals", "cases",
                  "policies", "overrides", "staff", "stores", "closures", "calendars"):
        op.drop_table(table, schema=S)
    op.create_table(
        "clocks",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("case_id", sa.String(36), nullable=False, index=True),
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("target_seconds", sa.Integer, nullable=False),
        _ts("started_at", nullable=False),
        _ts("due_at", nullable=False, index=True),
        _ts("stopped_at"),
        sa.UniqueConstraint("case_id", "name", name="uq_clocks_case_id"),
        schema=S,
    )
