from django.db import migrations

# The agenda every body starts from until officers give it a template of its own.
DEFAULT_TEMPLATE = [
    (1, "Welcome, apologies and declarations of interest", "regular"),
    (2, "Minutes and Actions Outstanding", "minutes"),
    (3, "Matters Arising", "matters_arising"),
    (4, "Any Other Business", "aob"),
]


def add_defaults(apps, schema_editor):
    StandingItem = apps.get_model("workspace", "StandingItem")
    if StandingItem.objects.filter(body__isnull=True).exists():
        return
    for position, title, kind in DEFAULT_TEMPLATE:
        StandingItem.objects.create(body=None, position=position, title=title, kind=kind)


def remove_defaults(apps, schema_editor):
    apps.get_model("workspace", "StandingItem").objects.filter(body__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("workspace", "0001_initial")]
    operations = [migrations.RunPython(add_defaults, remove_defaults)]
