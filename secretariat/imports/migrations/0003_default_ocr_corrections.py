from django.db import migrations

# Misreadings seen in the June 2019 report's text layer: the letter O or Q for a zero in Draft
# Proposal numbers, a zero for the letter O in IOC (SMETS1's Initial Operating Capability), and
# stray letters.
DEFAULTS = [
    ("DPQ73", "DP073", "Q read for 0"),
    ("DPO73", "DP073", "O read for 0"),
    ("DPQ074", "DP074", "Q read for 0"),
    ("DPO074", "DP074", "O read for 0"),
    ("DPQ75", "DP075", "Q read for 0"),
    ("DPO75", "DP075", "O read for 0"),
    ("DPO076", "DP076", "O read for 0"),
    ("DPQ076", "DP076", "Q read for 0"),
    ("I0C", "IOC", "zero read for O"),
    ("10C", "IOC", "one and zero read for I and O"),
    ("nhow", "now", "stray letter"),
    ("SMETSI1", "SMETS1", "stray letter"),
    ("VUSAS", "VUSAs", "plural read as a capital"),
]


def install(apps, schema_editor):
    OcrCorrection = apps.get_model("imports", "OcrCorrection")
    for wrong, right, note in DEFAULTS:
        OcrCorrection.objects.get_or_create(wrong=wrong, defaults={"right": right, "note": note})


class Migration(migrations.Migration):
    dependencies = [("imports", "0002_ocr_corrections")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
