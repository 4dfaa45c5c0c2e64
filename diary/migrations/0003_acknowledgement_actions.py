"""An acknowledgement records several actions: the old single action becomes a
list of one, so no acknowledgement loses what the nurse did."""

from django.db import migrations, models


def single_to_list(apps, schema_editor):
    Acknowledgement = apps.get_model("diary", "Acknowledgement")
    for ack in Acknowledgement.objects.only("pk", "action"):
        ack.actions = [ack.action] if ack.action else []
        ack.save(update_fields=["actions"])


def list_to_single(apps, schema_editor):
    # Going back keeps the first action only: the old column holds one.
    Acknowledgement = apps.get_model("diary", "Acknowledgement")
    for ack in Acknowledgement.objects.only("pk", "actions"):
        ack.action = ack.actions[0] if ack.actions else "other"
        ack.save(update_fields=["action"])


class Migration(migrations.Migration):
    dependencies = [
        ("diary", "0002_nurse_review"),
    ]

    operations = [
        migrations.AddField(
            model_name="acknowledgement",
            name="actions",
            field=models.JSONField(default=list),
        ),
        migrations.RunPython(single_to_list, list_to_single),
        migrations.RemoveField(model_name="acknowledgement", name="action"),
    ]
