from django.db import migrations


def install(apps, schema_editor):
    from secretariat.reports import defaults

    defaults.install(apps.get_model("reports", "ReportTemplate"), apps.get_model("reports", "ReportSection"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
