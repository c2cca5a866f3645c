"""The change register behind the seeds.

The June 2019 report names DP071 to DP076 and titles DP073 to DP076; DP071 and DP072 get titles
of the demo's own, marked as such. SSC_72's headlines title SECMP0037, 0038, 0057 and 0059 (0057
and 0059 implemented on 28 February 2019); the report titles SECMP0058, implemented on 27 June
2019. The SMKI PMA (SMKIPMA_53) and the TABASC (TABASC_45) considered the new Draft Proposals in
May 2019: the agenda items link to them, and the TABASC's input ("its involvement is not required
at this point") is recorded against DP073 to DP076. Every write goes through the services; each
record is found by its natural key first, so loading twice adds nothing."""

from __future__ import annotations

import datetime as dt

from secretariat.changes.models import Change, ChangeLink, InputRequest, Path, Release, Stage
from secretariat.changes.services import (
    change_link,
    change_raise,
    change_update,
    input_give,
    input_request,
    release_create,
    stage_enter,
)
from secretariat.directory.models import Body
from secretariat.meetings.models import AgendaItem

D = dt.date

RELEASES = [
    # name, title, kind, date
    ("february-2019", "February 2019 SEC Release", "february", D(2019, 2, 28)),
    ("june-2019", "June 2019 SEC Release", "june", D(2019, 6, 27)),
    ("november-2019", "November 2019 SEC Release", "november", D(2019, 11, 7)),
    ("june-2020", "June 2020 SEC Release", "june", D(2020, 6, 25)),
    ("november-2020", "November 2020 SEC Release", "november", D(2020, 11, 5)),
]

# reference, title, demo title?, raised, path key, release name, implementation date, stages
CHANGES = [
    (
        "SECMP0037",
        "Pairing Local PPMIDS",
        False,
        D(2017, 11, 2),
        "self_governance",
        "november-2019",
        None,
        [("development", D(2017, 11, 2)), ("refinement", D(2018, 6, 1))],
    ),
    (
        "SECMP0038",
        "Sending Commands via PPMIDS",
        False,
        D(2017, 11, 2),
        "self_governance",
        "november-2019",
        None,
        [("development", D(2017, 11, 2)), ("refinement", D(2018, 6, 1))],
    ),
    (
        "SECMP0057",
        "Users to notify SSC of a Second or Subsequent User System",
        False,
        D(2018, 5, 10),
        "self_governance",
        "february-2019",
        D(2019, 2, 28),
        [
            ("development", D(2018, 5, 10)),
            ("change_board", D(2018, 11, 21)),
            ("implemented", D(2019, 2, 28)),
        ],
    ),
    (
        "SECMP0058",
        "Changes to the governance of the Self-Service",
        False,
        D(2018, 5, 24),
        "self_governance",
        "june-2019",
        D(2019, 6, 27),
        [("development", D(2018, 5, 24)), ("change_board", D(2019, 3, 20))],
    ),
    (
        "SECMP0059",
        "Amendments to SEC Security Assessments for Non-Domestic Suppliers and Other Users",
        False,
        D(2018, 6, 7),
        "self_governance",
        "february-2019",
        D(2019, 2, 28),
        [
            ("development", D(2018, 6, 7)),
            ("change_board", D(2018, 11, 21)),
            ("implemented", D(2019, 2, 28)),
        ],
    ),
    ("DP071", "Demo title: meter read retrieval timings", True, D(2019, 4, 18), "", "", None, []),
    (
        "DP072",
        "Demo title: SMETS1 prepayment top-up routing",
        True,
        D(2019, 4, 24),
        "",
        "",
        None,
        [],
    ),
    (
        "DP073",
        "alteration of SMKI repository information and documentation",
        False,
        D(2019, 4, 25),
        "",
        "",
        None,
        [],
    ),
    (
        "DP074",
        "clarity on obtaining SMKI device certificates",
        False,
        D(2019, 4, 29),
        "",
        "",
        None,
        [],
    ),
    ("DP075", "third party metering service providers", False, D(2019, 5, 1), "", "", None, []),
    ("DP076", "pursuing non-payment in events of default", False, D(2019, 5, 1), "", "", None, []),
]

# (body code, meeting month, item title, references considered there)
CONSIDERED = [
    (
        "SMKIPMA",
        5,
        "New Draft Proposals and Modification Proposals",
        [f"DP07{n}" for n in range(1, 7)],
    ),
    (
        "TABASC",
        5,
        "New Draft Proposals and Modification Proposals",
        ["DP073", "DP074", "DP075", "DP076"],
    ),
]
TABASC_RESPONSE = "The TABASC confirmed its involvement is not required at this point."


def _item(code: str, month: int, title: str) -> AgendaItem | None:
    return (
        AgendaItem.objects.filter(
            meeting__body__code=code,
            meeting__date__year=2019,
            meeting__date__month=month,
            title=title,
        )
        .select_related("meeting")
        .first()
    )


def _ssc72_item(text: str) -> AgendaItem | None:
    return AgendaItem.objects.filter(
        meeting__reference="SSC_72_2702", summary__contains=text
    ).first()


def load(demo) -> None:
    actor = demo.actor
    for name, title, kind, day in RELEASES:
        if not Release.objects.filter(name=name).exists():
            release_create(actor=actor, name=name, title=title, kind=kind, release_date=day)
    for reference, title, invented, raised, path, release, implemented, stages in CHANGES:
        if Change.objects.filter(reference=reference).exists():
            continue
        change = change_raise(
            actor=actor, reference=reference, title=title, raised_on=raised, demo_title=invented
        )
        change_update(
            actor=actor,
            change=change,
            path=Path.objects.filter(key=path).first() if path else None,
            release=Release.objects.filter(name=release).first() if release else None,
            implementation_date=implemented,
        )
        for key, day in stages or [("development", raised)]:
            stage_enter(
                actor=actor, change=change, stage=Stage.objects.get(key=key), entered_on=day
            )
    for code, month, title, references in CONSIDERED:
        item = _item(code, month, title)
        if item is None:
            continue
        for reference in references:
            change = Change.objects.get(reference=reference)
            change_link(actor=actor, change=change, item=item)
            if code == "TABASC" and not InputRequest.objects.filter(change=change).exists():
                asked = input_request(
                    actor=actor,
                    change=change,
                    body=Body.objects.get(code=code),
                    requested_on=change.raised_on,
                )
                input_give(
                    actor=actor,
                    request=asked,
                    given_on=item.meeting.date,
                    given_at=item,
                    response=TABASC_RESPONSE,
                )
    for text, references in (
        ("SECMP0037", ["SECMP0037", "SECMP0038"]),
        ("SECMP0057", ["SECMP0057", "SECMP0059"]),
    ):
        item = _ssc72_item(text)
        if item is None:
            continue
        for reference in references:
            if not ChangeLink.objects.filter(item=item, change__reference=reference).exists():
                change_link(actor=actor, change=Change.objects.get(reference=reference), item=item)
