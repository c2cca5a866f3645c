"""The crawl's share of the change and operations registers (secretariat/tests/test_crawl.py):
canaries in their restricted texts, the oracle for them (from docs/access.md, "The change and
operations registers"), and the records behind their routes' parameters."""

from __future__ import annotations

from secretariat.core import clock
from secretariat.labels.models import Label


def may_read(s, canary) -> bool:
    """Whether the persona's standing `s` admits a register canary: plain facts, no door."""
    label = canary.label
    if canary.kind == "operations":
        # docs/access.md, the operations register: AMBER to the body's members (a term covering
        # today or the record's date) and the secretariat; RED to the secretariat alone.
        if label == Label.GREEN:
            return s.community
        if label == Label.AMBER:
            assert canary.body_id is not None
            return s.secretariat or s.member(canary.body_id, canary.day or clock.today())
        return s.secretariat
    if canary.kind == "change":
        # docs/access.md, the change register: AMBER and RED to the proposer's users and the
        # secretariat.
        if label == Label.GREEN:
            return s.community
        own = canary.organisation_id is not None and canary.organisation_id == s.organisation_id
        return own or s.secretariat
    raise AssertionError(f"not a register canary: {canary.kind}")


def plant(world, Canary) -> None:
    """The change and operations registers: every restricted text of the demo's incidents,
    measures, owed reports, sub-group issues and remediation deadlines, and a change whose
    summary an officer marked AMBER (the demo's changes are all WHITE, as the SEC publishes
    them)."""
    from secretariat.changes.models import Change
    from secretariat.operations.models import (
        Incident,
        Measure,
        OwedReport,
        RemediationDeadline,
        SubGroupIssue,
    )

    for model, text, body, day in (
        (Incident, "service", "body_id", "occurred_on"),
        (Measure, "name", "body_id", None),
        (OwedReport, "title", "body_id", "asked_on"),
        (SubGroupIssue, "title", "body_id", "raised_on"),
        (RemediationDeadline, "note", "device__body_id", "device__listed_on"),
    ):
        fields = ["pk", "label", text, body] + ([day] if day else [])
        for row in model.objects.filter(label__gt=Label.WHITE).values(*fields):
            token = world.token(
                Canary(
                    "operations",
                    Label(row["label"]),
                    body_id=row[body],
                    day=row[day] if day else None,
                )
            )
            model.objects.filter(pk=row["pk"]).update(**{text: f"{token} {row[text]}"})
            world.objects.append(model.objects.get(pk=row["pk"]))
    change = Change.objects.get(reference="DP075")
    token = world.token(Canary("change", Label.AMBER, organisation_id=change.proposer_id))
    Change.objects.filter(pk=change.pk).update(
        summary=f"{token} {change.summary}", summary_label=Label.AMBER
    )
    world.objects.append(change)


def values(name: str, parameter: str) -> list[str]:
    """The registers' records behind a route's parameters: the canaried ones (a WHITE change,
    the AMBER one, AMBER incidents and issues, an owed report, a device with its AMBER
    deadline) and one that does not exist."""
    from secretariat.changes.models import InputRequest, Release
    from secretariat.operations.models import Device, OwedReport
    from secretariat.operations.views import NEW

    if name.startswith(("changes:", "api:change", "api:release")):
        if parameter == "reference":
            return ["DP075", "SECMP0037", "DP999"]
        if parameter == "name":
            return [Release.objects.order_by("release_date").values_list("name", flat=True)[0]]
        if parameter == "pk":
            return [str(InputRequest.objects.order_by("pk").values_list("pk", flat=True)[0])]
    operations = {
        "operations:incident": ["MI-2019-04-01", "MI-1999-01-01"],
        "operations:incident-edit": ["MI-2019-04-01"],
        "operations:incident-review": ["MI-2019-04-01"],
        "operations:measure": ["ota-firmware", "nothing"],
        "operations:value": ["ota-firmware"],
        "operations:issue": ["DQ-001", "DQ-002", "DQ-999"],
        "operations:issue-reprioritise": ["DQ-001"],
        "operations:issue-close": ["DQ-001"],
        "operations:owed-update": [
            str(pk) for pk in OwedReport.objects.values_list("pk", flat=True)
        ],
        "operations:new": list(NEW),
    }
    if name in operations:
        return operations[name]
    if name.startswith("operations:") and parameter in ("pk", "key"):
        devices = Device.objects.order_by("pk").values_list("pk", flat=True)
        return [str(pk) for pk in devices] + (["999999"] if name == "operations:device" else [])
    raise AssertionError(f"The crawl has no value for <{parameter}> of {name}: add one.")


def assert_reached(world, seen_by_readers: set[str]) -> None:
    """Each register's canaries reach some of their readers: its pages were crawled with
    records, not only with 404s."""
    for kind in ("register", "operations", "change"):
        tokens = {t for t, c in world.canaries.items() if c.kind == kind}
        assert tokens & seen_by_readers, f"no {kind} canary reached any of its readers"
