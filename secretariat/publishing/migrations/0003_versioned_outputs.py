"""Each ledger row records what it was made with: the snapshot's shape and each hashed format's
output version. Every row before this migration was made with the first of each, written here as
numbers rather than read from the renderers, which will have moved on when this runs later."""

from django.db import migrations, models

FIRST_RENDERERS = {"docx": 1, "md": 1, "pdf": 1}


def first_versions(apps, schema_editor):
    record = apps.get_model("publishing", "PublicationRecord")
    # A queryset update: the ledger's model refuses changes to saved rows, this one is the
    # migration's own account of how those rows were made.
    record.objects.update(snapshot_format=1, renderers=FIRST_RENDERERS)


class Migration(migrations.Migration):
    dependencies = [("publishing", "0002_public_meeting_index")]

    operations = [
        migrations.AlterField(
            model_name="publicationversion",
            name="kind",
            field=models.CharField(max_length=40),
        ),
        migrations.AlterField(
            model_name="publicationrecord",
            name="kind",
            field=models.CharField(max_length=40),
        ),
        migrations.AddField(
            model_name="publicationrecord",
            name="snapshot_format",
            field=models.PositiveSmallIntegerField(default=1),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="publicationrecord",
            name="renderers",
            field=models.JSONField(default=dict),
            preserve_default=False,
        ),
        migrations.RunPython(first_versions, migrations.RunPython.noop),
    ]
