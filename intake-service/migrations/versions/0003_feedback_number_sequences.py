"""intake: feedback numbers from per-day sequences instead of a locked counter row

A counter row stays locked until the numbering transaction commits, which serialised every submission
behind the slowest commit. ``intake.next_feedback_sequence(day)`` draws from the day's own sequence
(lock-free), creating it on the first call of the day; today's counters carry over.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

FUNCTION = """
CREATE FUNCTION intake.next_feedback_sequence(day date) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    name text := 'intake.feedback_seq_' || to_char(day, 'YYYYMMDD');
BEGIN
    RETURN nextval(name);
EXCEPTION WHEN undefined_table THEN
    BEGIN
        EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %s', name);
    EXCEPTION WHEN unique_violation OR duplicate_table THEN
        NULL;  -- a concurrent first call of the day created it
    END;
    RETURN nextval(name);
END
$$;
"""


def upgrade() -> None:
    op.execute(FUNCTION)
    op.execute(
        """
        DO $$
        DECLARE r record;
        BEGIN
            FOR r IN SELECT day, last FROM intake.daily_counter WHERE day >= current_date - 1 LOOP
                EXECUTE format('CREATE SEQUENCE IF NOT EXISTS intake.feedback_seq_%s START WITH %s',
                               to_char(r.day, 'YYYYMMDD'), r.last + 1);
            END LOOP;
        END
        $$;
        """
    )
    op.drop_table("daily_counter", schema="intake")


def downgrade() -> None:
    import sqlalchemy as sa

    op.create_table(
        "daily_counter",
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("last", sa.Integer, nullable=False),
        schema="intake",
    )
    op.execute("DROP FUNCTION intake.next_feedback_sequence(date)")
