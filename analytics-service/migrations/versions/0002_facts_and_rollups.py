"""analytics: case facts with their whole lifecycle, store copies, rollups, snapshots, initiatives

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
S = "analytics"

# Frozen copies of the rollup families at this revision (analytics/rollups/grains.py).
HIST = [f"{p}_h{i:02d}" for p in ("ack", "res") for i in range(16)]
CASE_MEASURES = [
    "opened", "complaints", "closed", "closed_loop", "resolved", "fcr", "resolved_accepted",
    "escalated", "repeats", "acknowledged", "ack_seconds", "resolution_count", "resolution_seconds",
    *HIST,
    "verdicts", "satisfied",
    "csat_answers", "csat_sum", "csat_top2", "nps_answers", "nps_promoters", "nps_detractors",
    "clocks_due", "clocks_met", "breaches",
]
WIDE = {"ack_seconds", "resolution_seconds"}
FAMILIES = {  # dimensions, measures, secondary indexes, number of grains
    "case_rollups": (
        ["region_id", "store_id", "category", "urgency", "channel", "kind", "department", "assignee_id"],
        CASE_MEASURES, [["store_id"], ["assignee_id"], ["department"]], 7,
    ),
    "issue_rollups": (
        ["term_kind", "term", "parent", "region_id", "store_id", "category", "urgency", "channel", "department"],
        ["cases"], [["store_id"]], 4,
    ),
    "breach_rollups": (
        ["clock", "region_id", "store_id", "department", "category", "urgency"], ["breaches"], [["store_id"]], 4,
    ),
}


def _ts(name: str, **kw) -> sa.Column:  # type: ignore[no-untyped-def]
    return sa.Column(name, sa.DateTime(timezone=True), **kw)


def upgrade() -> None:
    op.drop_table("case_facts", schema=S)
    op.create_table(
        "case_facts",
        sa.Column("case_id", sa.String(64), primary_key=True),
        sa.Column("feedback_id", sa.String(64)),
        sa.Column("opened", sa.Boolean, nullable=False, server_default=sa.text("false")),
        sa.Column("store_id", sa.String(64)),
        sa.Column("region_id", sa.String(64)),
        sa.Column("channel", sa.String(32)),
        sa.Column("category", sa.String(32)),
        sa.Column("subcategory", sa.String(64)),
        sa.Column("urgency", sa.String(16)),
        sa.Column("kind", sa.String(16)),
        sa.Column("department", sa.String(64)),
        sa.Column("assignee_id", sa.String(64)),
        _ts("assigned_at"),
        _ts("classified_at"),
        sa.Column("customer_key", sa.String(128)),
        sa.Column("theme_words", ARRAY(sa.String), nullable=False, server_default=sa.text("'{}'")),
        sa.Column("timezone", sa.String(64)),
        _ts("received_at"),
        _ts("opened_at"),
        sa.Column("opened_day", sa.Date, comment="local day of opened_at in the store's time zone"),
        _ts("acknowledged_at"),
        _ts("resolved_at"),
        sa.Column("first_contact_resolution", sa.Boolean, nullable=False, server_default=sa.text("false")),
        _ts("closed_at"),
        sa.Column("closed", sa.Boolean, nullable=False, server_default=sa.text("false")),
        sa.Column("closure_score", sa.Integer),
        sa.Column("loop_confirmed", sa.Boolean, nullable=False, server_default=sa.text("false")),
        _ts("reopened_at"),
        sa.Column("reopens", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("escalations", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("repeat", sa.Boolean, nullable=False, server_default=sa.text("false")),
        sa.Column("verdict_id", sa.String(64)),
        _ts("verdict_at"),
        sa.Column("verdict_satisfied", sa.Boolean),
        sa.Column("verdict_resolved", sa.Boolean),
        sa.Column("answers", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
        sa.Column("clocks", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
        sa.Column("breached_open", sa.Boolean, nullable=False, server_default=sa.text("false")),
        _ts("updated_at", nullable=False, server_default=sa.func.now()),
        schema=S,
        postgresql_with={"fillfactor": 80},
    )
    op.create_index("ix_case_facts_feedback_id", "case_facts", ["feedback_id"], schema=S)
    op.create_index("ix_case_facts_store_id", "case_facts", ["store_id"], schema=S)
    op.create_index("ix_case_facts_opened_day", "case_facts", ["opened_day", "store_id"], schema=S)
    op.create_index("ix_case_facts_customer", "case_facts", ["customer_key", "subcategory", "opened_at"], schema=S)
    op.create_index(
        "ix_case_facts_breached_open", "case_facts", ["store_id"], schema=S, postgresql_where=sa.text("breached_open")
    )
    op.create_table(
        "feedback_links",
        sa.Column("feedback_id", sa.String(64), primary_key=True),
        sa.Column("case_id", sa.String(64)),
        sa.Column("duplicate_of", sa.String(64)),
        schema=S,
    )
    op.create_index("ix_feedback_links_duplicate_of", "feedback_links", ["duplicate_of"], schema=S)
    op.create_table(
        "parked_events",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("feedback_id", sa.String(64), nullable=False),
        sa.Column("event_type", sa.String(200), nullable=False),
        sa.Column("payload", JSONB, nullable=False),
        _ts("parked_at", nullable=False, server_default=sa.func.now()),
        schema=S,
    )
    op.create_index("ix_parked_events_feedback_id", "parked_events", ["feedback_id"], schema=S)
    op.create_table(
        "stores",
        sa.Column("store_id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("region_id", sa.String(64)),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        _ts("updated_at", nullable=False),
        schema=S,
    )
    for table, (dims, measures, indexes, grains) in FAMILIES.items():
        op.create_table(
            table,
            sa.Column("grain", sa.SmallInteger, nullable=False),
            sa.Column("day", sa.Date, nullable=False),
            *[sa.Column(d, sa.String(64), nullable=False, server_default=sa.text("''")) for d in dims],
            *[sa.Column(m, sa.BigInteger if m in WIDE else sa.Integer, nullable=False, server_default=sa.text("0"))
              for m in measures],
            sa.PrimaryKeyConstraint("grain", "day", *dims, name=f"pk_{table}"),
            schema=S,
            postgresql_partition_by="LIST (grain)",  # one partition per grain: a grain's rows sit together
        )
        for grain in range(grains):
            # fillfactor 60: adding to a row's measures stays a HOT update that leaves the indexes alone
            op.execute(f'CREATE TABLE "{S}".{table}_g{grain} PARTITION OF "{S}".{table} '
                       f"FOR VALUES IN ({grain}) WITH (fillfactor = 60)")
        for cols in indexes:
            op.create_index(f"ix_{table}_{'_'.join(cols)}", table, ["grain", *cols, "day"], schema=S)
    op.create_table(
        "kpi_snapshots",
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("scope", sa.String(64), primary_key=True),
        _ts("published_at", nullable=False, server_default=sa.func.now()),
        schema=S,
    )
    op.create_table(
        "initiatives",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("owner_department", sa.String(64)),
        sa.Column("problem", sa.Text),
        sa.Column("theme_words", ARRAY(sa.String), nullable=False, server_default="{}"),
        sa.Column("scope", JSONB, nullable=False),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("target_figure", sa.String(64), nullable=False),
        sa.Column("target_value", sa.Float, nullable=False),
        sa.Column("created_by", sa.String(200)),
        _ts("created_at", nullable=False, server_default=sa.func.now()),
        schema=S,
    )


def downgrade() -> None:
    for table in ("initiatives", "kpi_snapshots", *FAMILIES, "stores", "parked_events", "feedback_links", "case_facts"):
        op.drop_table(table, schema=S)
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
