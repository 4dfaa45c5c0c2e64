"""A trigram index for the caseload's search by part of a name.

The search is `full_name__icontains`, which PostgreSQL runs as
UPPER(full_name) LIKE UPPER('%...%'): no b-tree serves a pattern with a
leading wildcard, so every search read every user (4.7 ms for the count and
6.9 ms for the page at 10,000 patients; docs/performance.md). A GIN index of
trigrams on the same expression serves the count, and its statistics tell the
planner how many names match, so the page walks the name index instead.

PostgreSQL alone (SQLite, the development database, has no trigrams), so the
index is not in the model's Meta. pg_trgm is a trusted extension: the
database's owner may create it without being a superuser
(docs/decisions/0010-caseload-sort-indexes.md).
"""

from django.db import migrations

INDEX = "user_full_name_trgm"


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX {INDEX} ON accounts_user "
            "USING gin (UPPER(full_name::text) gin_trgm_ops)"
        )
        # The expression's statistics, which the planner's estimate of a
        # search reads, are gathered by ANALYZE, not by CREATE INDEX.
        schema_editor.execute("ANALYZE accounts_user")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0011_caseload_indexes"),
    ]

    operations = [migrations.RunPython(add_index, drop_index)]
