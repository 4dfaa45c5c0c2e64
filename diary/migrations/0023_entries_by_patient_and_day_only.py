import django.db.models.deletion
from django.db import migrations, models

# Django's name for the foreign key's own index, the same on both databases.
PATIENT_INDEX = "diary_dailyentry_patient_id_f9e4175b"


class Migration(migrations.Migration):
    """The patient's own index dropped: one_entry_per_day (patient,
    entry_date) serves every look-up by patient, and PostgreSQL chose this
    one for ranges of days too, reading her whole history. Only the index
    goes: AlterField would also drop and re-check the foreign key on
    PostgreSQL and copy the whole table on SQLite."""

    dependencies = [
        ("accounts", "0012_user_name_trigram_index"),
        ("diary", "0022_quiet_since_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f"DROP INDEX IF EXISTS {PATIENT_INDEX}",
                    f"CREATE INDEX {PATIENT_INDEX} ON diary_dailyentry (patient_id)",
                )
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="dailyentry",
                    name="patient",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="entries",
                        to="accounts.patientprofile",
                    ),
                )
            ],
        )
    ]
