from django.db import migrations


def install_defaults(apps, schema_editor):
    from secretariat.operations.defaults import install

    install(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("operations", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(install_defaults, migrations.RunPython.noop),
    ]
