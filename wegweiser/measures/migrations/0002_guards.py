"""Database guards for what the models enforce: an append-only execution log and a plan state machine that
no raw SQL or bulk update can skip.

- execution events: every UPDATE and DELETE is refused (PostgreSQL also TRUNCATE);
- plans: a terminal plan (completed, aborted, cancelled) is never updated; entering an execution status needs
  the matching newest event (interrupted → in_progress only after ``fitness_confirmed``; aborted only after
  ``life_threatening``); plans are never deleted.
"""

from django.db import migrations

PLAN = "measures_measureplan"
EVENT = "measures_executionevent"
LATEST = f"COALESCE((SELECT kind FROM {EVENT} WHERE plan_id = NEW.id ORDER BY id DESC LIMIT 1), '')"
# The same condition in both dialects (NEW/OLD are available in SQLite triggers and PL/pgSQL functions).
BAD_TRANSITION = f"""OLD.status <> NEW.status AND (
    (NEW.status = 'in_progress' AND OLD.status = 'approved' AND {LATEST} <> 'started')
    OR (NEW.status = 'in_progress' AND OLD.status = 'interrupted' AND {LATEST} <> 'fitness_confirmed')
    OR (NEW.status = 'in_progress' AND OLD.status NOT IN ('approved', 'interrupted'))
    OR (NEW.status = 'interrupted' AND (OLD.status <> 'in_progress' OR {LATEST} <> 'medical_emergency'))
    OR (NEW.status = 'aborted' AND (OLD.status NOT IN ('in_progress', 'interrupted') OR {LATEST} <> 'life_threatening'))
    OR (NEW.status = 'completed' AND (OLD.status <> 'in_progress' OR {LATEST} <> 'completed'))
    OR (NEW.status = 'cancelled' AND {LATEST} <> 'cancelled')
    OR (NEW.status = 'approved' AND OLD.status <> 'draft')
    OR (NEW.status = 'draft' AND OLD.status <> 'approved')
)"""
TERMINAL = "OLD.status IN ('completed', 'aborted', 'cancelled')"

SQLITE_UP = [
    f"""CREATE TRIGGER measures_event_no_update BEFORE UPDATE ON {EVENT}
        BEGIN SELECT RAISE(ABORT, 'execution events are append-only'); END""",
    f"""CREATE TRIGGER measures_event_no_delete BEFORE DELETE ON {EVENT}
        BEGIN SELECT RAISE(ABORT, 'execution events are append-only'); END""",
    f"""CREATE TRIGGER measures_plan_terminal BEFORE UPDATE ON {PLAN} WHEN {TERMINAL}
        BEGIN SELECT RAISE(ABORT, 'measure plan is final'); END""",
    f"""CREATE TRIGGER measures_plan_transition BEFORE UPDATE OF status ON {PLAN} WHEN {BAD_TRANSITION}
        BEGIN SELECT RAISE(ABORT, 'measure plan: status change not allowed'); END""",
    f"""CREATE TRIGGER measures_plan_no_delete BEFORE DELETE ON {PLAN}
        BEGIN SELECT RAISE(ABORT, 'measure plans are not deleted'); END""",
]
SQLITE_DOWN = [f"DROP TRIGGER IF EXISTS {name}" for name in (
    "measures_event_no_update", "measures_event_no_delete", "measures_plan_terminal", "measures_plan_transition",
    "measures_plan_no_delete")]

POSTGRES_UP = [
    """CREATE OR REPLACE FUNCTION measures_event_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'execution events are append-only'; END; $$ LANGUAGE plpgsql""",
    f"""CREATE TRIGGER measures_event_append_only BEFORE UPDATE OR DELETE ON {EVENT}
        FOR EACH ROW EXECUTE FUNCTION measures_event_append_only()""",
    f"""CREATE TRIGGER measures_event_no_truncate BEFORE TRUNCATE ON {EVENT}
        FOR EACH STATEMENT EXECUTE FUNCTION measures_event_append_only()""",
    f"""CREATE OR REPLACE FUNCTION measures_plan_guard() RETURNS trigger AS $$
       BEGIN
         IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'measure plans are not deleted'; END IF;
         IF {TERMINAL} THEN RAISE EXCEPTION 'measure plan is final'; END IF;
         IF {BAD_TRANSITION} THEN RAISE EXCEPTION 'measure plan: status change not allowed'; END IF;
         RETURN NEW;
       END; $$ LANGUAGE plpgsql""",
    f"""CREATE TRIGGER measures_plan_guard BEFORE UPDATE OR DELETE ON {PLAN}
        FOR EACH ROW EXECUTE FUNCTION measures_plan_guard()""",
]
POSTGRES_DOWN = [
    f"DROP TRIGGER IF EXISTS measures_plan_guard ON {PLAN}",
    "DROP FUNCTION IF EXISTS measures_plan_guard()",
    f"DROP TRIGGER IF EXISTS measures_event_no_truncate ON {EVENT}",
    f"DROP TRIGGER IF EXISTS measures_event_append_only ON {EVENT}",
    "DROP FUNCTION IF EXISTS measures_event_append_only()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("measures", "0001_initial")]
    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
