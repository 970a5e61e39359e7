"""Make the audit trail append-only in the database itself, not only in the model's save()/delete().

A trigger rejects every UPDATE and DELETE on the entries table, so neither a raw SQL statement nor a bulk
queryset operation can rewrite history; the hash chain then detects anything done around the triggers.
"""

from django.db import migrations

TABLE = "audit_auditentry"

SQLITE_UP = [
    f"""CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END""",
    f"""CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END""",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS audit_entry_no_update", "DROP TRIGGER IF EXISTS audit_entry_no_delete"]

POSTGRES_UP = [
    """CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit entries are append-only'; END; $$ LANGUAGE plpgsql""",
    f"""CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()""",
    # TRUNCATE bypasses row triggers; forbid it with a statement trigger.
    f"""CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON {TABLE}
        FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()""",
]
POSTGRES_DOWN = [
    f"DROP TRIGGER IF EXISTS audit_entry_no_truncate ON {TABLE}",
    f"DROP TRIGGER IF EXISTS audit_entry_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS audit_entry_append_only()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_chain_head")]
    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
