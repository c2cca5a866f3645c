"""On PostgreSQL, triggers that refuse UPDATE and DELETE on the append-only tables, below the
application: the ORM already refuses (core.models.AppendOnlyModel), this refuses any client of
the database that does not first switch the triggers off. Made after every ledger's table exists
(the publication ledger, the audit log and the rest listed here); SQLite has no such triggers,
and relies on the keyed chains (audit/chain.py) to show a change.

A new append-only model adds its table to a later migration like this one:
secretariat/audit/tests/test_chains.py checks that every append-only table has its trigger."""

from django.db import migrations

# Refused UPDATE and DELETE.
APPEND_ONLY = (
    "audit_auditevent",
    "audit_elevatedread",
    "publishing_publicationrecord",
    "publishing_frozenrecord",
    "publishing_delivery",
    "publishing_withdrawal",
    "publishing_screeningoverride",
    "assurance_statusdecision",
    "reports_sectionoverride",
    "reports_highlightdecision",
    "imports_importedfile",
    "workspace_paperfile",
    "workspace_paperdownload",
)
# Refused UPDATE only: a meeting's (or an agenda item's) circulations, draft comments and
# approval go with it when it is deleted (on_delete=CASCADE), which a DELETE trigger would turn
# into an error.
UPDATE_ONLY = (
    "workspace_circulation",
    "workspace_draftcomment",
    "workspace_minutesapproval",
)

FUNCTION = """
CREATE OR REPLACE FUNCTION secretariat_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'secretariat: % is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
"""


def _create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, None)  # no parameters: the % are the function's
    for table, events in [
        *((t, "UPDATE OR DELETE") for t in APPEND_ONLY),
        *((t, "UPDATE") for t in UPDATE_ONLY),
    ]:
        schema_editor.execute(
            f"CREATE TRIGGER secretariat_append_only BEFORE {events} ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION secretariat_append_only()"
        )


def _drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in (*APPEND_ONLY, *UPDATE_ONLY):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS secretariat_append_only ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS secretariat_append_only()")


class Migration(migrations.Migration):
    dependencies = [
        ("workspace", "0007_comments_on_outcomes_and_actions"),
        ("audit", "0005_chains"),
        ("publishing", "0008_chains"),
        ("assurance", "0002_default_vocabularies_and_rules"),
        ("reports", "0004_appendix_distribution_and_highlight_decisions"),
        ("imports", "0003_default_ocr_corrections"),
    ]

    operations = [migrations.RunPython(_create, _drop)]
