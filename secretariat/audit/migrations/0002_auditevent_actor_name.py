from django.db import migrations, models


def name_the_actors(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    User = apps.get_model("auth", "User")
    names = dict(User.objects.values_list("pk", "username"))
    # Raw SQL through the query API: audit events are append-only for the application.
    for actor_id, name in names.items():
        AuditEvent.objects.filter(actor_id=actor_id).update(actor_name=name)
    AuditEvent.objects.filter(actor__isnull=True).update(actor_name="system:unrecorded")


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="actor_name",
            field=models.CharField(default="", max_length=150),
            preserve_default=False,
        ),
        migrations.RunPython(name_the_actors, migrations.RunPython.noop),
    ]
