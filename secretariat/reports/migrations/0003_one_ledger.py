"""One ledger: the Panel report's versions and published rows move into publishing's tables as
the document kinds `panel-report` and `appendix-a` of their Panel meeting, and the report's own
tables go. Every stored value moves as it is: the snapshots, hashes and content hashes, and
`published_at` to the microsecond (earlier report rows kept microseconds; new ones, like every
publication, use whole seconds). The rows were made with the first snapshot format and the first
output version of each format, written here as numbers."""

from django.db import migrations

KIND_OF_PART = {"report": "panel-report", "appendix-a": "appendix-a"}
PART_OF_KIND = {kind: part for part, kind in KIND_OF_PART.items()}
FIRST_RENDERERS = {"docx": 1, "md": 1, "pdf": 1}
LEDGER_FIELDS = (
    "number",
    "audience",
    "label",
    "title",
    "reason",
    "snapshot",
    "hashes",
    "content_hash",
    "published_at",
    "published_by_id",
    "approved_by_id",
)
VERSION_FIELDS = (
    "number",
    "status",
    "reason",
    "drafted_by_id",
    "approved_by_id",
    "approved_at",
    "snapshot",
)


def into_the_ledger(apps, schema_editor):
    report_version = apps.get_model("reports", "ReportVersion")
    report_publication = apps.get_model("reports", "ReportPublication")
    version_model = apps.get_model("publishing", "PublicationVersion")
    record_model = apps.get_model("publishing", "PublicationRecord")
    for old in report_version.objects.select_related("report").order_by("id"):
        meeting_id = old.report.meeting_id
        kind = KIND_OF_PART[old.part]
        new = version_model.objects.create(
            meeting_id=meeting_id,
            kind=kind,
            **{name: getattr(old, name) for name in VERSION_FIELDS},
        )
        # `drafted_at` is set on creation; the draft's own time is put back.
        version_model.objects.filter(pk=new.pk).update(drafted_at=old.drafted_at)
        published = report_publication.objects.filter(version_id=old.pk).first()
        if published is not None:
            record_model.objects.create(
                version_id=new.pk,
                meeting_id=meeting_id,
                kind=kind,
                # The shape the snapshot says it has: the first, for every row the old code
                # made (a workspace whose demo froze a picture says so itself).
                snapshot_format=published.snapshot.get("format", 1),
                renderers=FIRST_RENDERERS,
                **{name: getattr(published, name) for name in LEDGER_FIELDS},
            )


def out_of_the_ledger(apps, schema_editor):
    """Back to the report's tables, as the rows were (for a migration to an earlier state)."""
    report_model = apps.get_model("reports", "PanelReport")
    report_version = apps.get_model("reports", "ReportVersion")
    report_publication = apps.get_model("reports", "ReportPublication")
    version_model = apps.get_model("publishing", "PublicationVersion")
    record_model = apps.get_model("publishing", "PublicationRecord")
    versions = version_model.objects.filter(kind__in=PART_OF_KIND).order_by("id")
    for new in versions:
        report = report_model.objects.get(meeting_id=new.meeting_id)
        old = report_version.objects.create(
            report_id=report.pk,
            part=PART_OF_KIND[new.kind],
            **{name: getattr(new, name) for name in VERSION_FIELDS},
        )
        report_version.objects.filter(pk=old.pk).update(drafted_at=new.drafted_at)
        published = record_model.objects.filter(version_id=new.pk).first()
        if published is not None:
            report_publication.objects.create(
                version_id=old.pk,
                report_id=report.pk,
                part=old.part,
                **{name: getattr(published, name) for name in LEDGER_FIELDS},
            )
    record_model.objects.filter(kind__in=PART_OF_KIND).delete()
    versions.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_default_layout"),
        ("publishing", "0003_versioned_outputs"),
    ]

    operations = [
        migrations.RunPython(into_the_ledger, out_of_the_ledger),
        migrations.DeleteModel(name="ReportPublication"),
        migrations.DeleteModel(name="ReportVersion"),
    ]
