from django.db import migrations, models

import diary.models.figures

OLD_QUIET_INDEX = "figures_by_quiet"


def drop_old_quiet_index(apps, schema_editor):
    """0021's PostgreSQL-only index (last_entry ASC NULLS FIRST, ...): its
    OR IS NULL filter read every row of a team; figures_by_quiet_since
    serves both databases with one range."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_QUIET_INDEX}")


def restore_old_quiet_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {OLD_QUIET_INDEX} ON diary_caseloadfigures "
            "(last_entry ASC NULLS FIRST, sort_name, patient_id)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0012_user_name_trigram_index"),
        ("diary", "0021_caseload_sort_indexes"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="caseloadfigures",
            name="figures_last_entry",
        ),
        migrations.RunPython(drop_old_quiet_index, restore_old_quiet_index),
        migrations.AddIndex(
            model_name="caseloadfigures",
            index=models.Index(
                diary.models.figures.QuietSince("last_entry"),
                models.F("sort_name"),
                models.F("patient"),
                name="figures_by_quiet_since",
            ),
        ),
    ]
