"""Every model change has its migration: a deployment migrates what the code
expects, or a column (or a choice the audit needs) is missing in production."""

from __future__ import annotations

import io

from django.core.management import call_command


def test_no_model_change_is_left_without_a_migration(db):
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit as exc:  # --check exits 1 when a migration is missing
        raise AssertionError(f"missing migrations:\n{out.getvalue()}") from exc
