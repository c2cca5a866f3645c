"""The demo workspace: the bodies, parties, people and meetings of the two seed documents.

`load_demo()` is idempotent: every record is found by its natural key before it is made, so a
second run adds nothing. Writes go through the services like any other change, with no actor
(the audit log shows them as the system's)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from django.db import transaction

from secretariat.actions.services import action_raise, action_update_record
from secretariat.core.progress import SILENT, Progress
from secretariat.core.services import DEMO_LOADER
from secretariat.demo import (
    assurance,
    changes,
    operations,
    publications,
    reports,
    spring2019,
    ssc72,
    workspace,
)
from secretariat.directory.bodies import BODIES
from secretariat.directory.models import Body, Organisation, Person, Role
from secretariat.directory.services import (
    back_office_grant,
    body_create,
    membership_create,
    organisation_create,
    person_create,
)
from secretariat.meetings.models import Meeting
from secretariat.meetings.services import (
    attendance_record,
    ensure_default_verbs,
    item_add,
    meeting_create,
    outcome_record,
    paper_create,
)
from secretariat.reports.appendix import highlight_decide
from secretariat.search import index as search_index

PASSWORD = "demo"
# Officers keep the back office as staff with the officers' permissions, never as superusers.
OFFICERS = ("officer",)


# Invented real names for the seeds' pseudonymous parties; the demo labels them RED.
ORGANISATIONS = [
    ("Code Administrator and Secretariat (SECAS)", "code_administrator", "", "WHITE"),
    ("Data Communications Company", "dcc", "", "WHITE"),
    ("Northmoor Energy Ltd", "large_supplier", "A", "RED"),
    ("Harbourline Power plc", "large_supplier", "B", "RED"),
    ("Fenwick Gas & Power Ltd", "small_supplier", "B", "RED"),
    ("Thistle Home Energy Ltd", "small_supplier", "C", "RED"),
    ("Kestrel Home Energy Ltd", "small_supplier", "N", "RED"),
    ("Brightwater Supply Ltd", "small_supplier", "AA", "RED"),
    ("Copperleaf Energy Ltd", "small_supplier", "AE", "RED"),
    ("Meterwise Services Ltd", "other_user", "I", "RED"),
    ("Lanyard Data Ltd", "other_user", "L", "RED"),
    ("Westgrid Electricity Networks", "electricity_network", "A", "RED"),
    ("Eastline Gas Networks", "gas_network", "A", "RED"),
]

# username, full name, organisation (category, pseudonym or ""), staff, memberships
# membership: (body code, role, seat, term start, term end or None)
ACCOUNTS = [
    (
        "officer",
        "Sam Okafor",
        ("code_administrator", ""),
        True,
        [(code, "secretariat", "", "2018-01-01", None) for code, *_ in BODIES],
    ),
    (
        "chair",
        "Helen Marsh",
        ("other", ""),
        False,
        [("SSC", "chair", "independent", "2018-01-01", None)],
    ),
    (
        "present",
        "Priya Shah",
        ("large_supplier", "A"),
        False,
        [("SSC", "member", "large_supplier", "2018-01-01", None)],
    ),
    (
        "absent",
        "Tom Reilly",
        ("small_supplier", "C"),
        False,
        [("SSC", "member", "small_supplier", "2018-01-01", None)],
    ),
    ("party", "Alex Doyle", ("small_supplier", "AA"), False, []),
    (
        "panel",
        "Morgan Ellis",
        ("large_supplier", "B"),
        False,
        [("PANEL", "member", "large_supplier", "2018-01-01", None)],
    ),
]

# Further members who fill the seats; they have no sign-in.
MEMBERS = [
    ("Grace Adeyemi", ("large_supplier", "B"), "SSC", "alternate", "large_supplier"),
    ("Owen Pritchard", ("electricity_network", "A"), "SSC", "member", "electricity_network"),
    ("Ruth Calder", ("gas_network", "A"), "SSC", "member", "gas_network"),
    ("Imran Qureshi", ("other_user", "I"), "SSC", "member", "other_user"),
    ("Dana Whitlock", ("dcc", ""), "OPSG", "member", "dcc"),
    ("Lewis Brennan", ("large_supplier", "A"), "OPSG", "chair", "independent"),
    ("Nadia Petrov", ("large_supplier", "B"), "SMKIPMA", "chair", "independent"),
    ("Callum Reid", ("electricity_network", "A"), "TABASC", "chair", "independent"),
    ("Fiona Grant", ("small_supplier", "N"), "TAG", "chair", "independent"),
    ("Peter Lomax", ("large_supplier", "A"), "PANEL", "chair", "independent"),
    ("Joanne Ward", ("gas_network", "A"), "DQSG", "chair", "independent"),
]

OUTSIDER = ("outsider", "Casey Morgan")

# The break-glass superuser: a person of no party and no seat, so that without an elevation
# they read as an outsider does (docs/access.md, Superusers and break-glass).
BREAKGLASS = ("breakglass", "Robin Achebe")


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _optional_date(text: str | None) -> dt.date | None:
    return _date(text) if text else None


def _organisation(key) -> Organisation | None:
    category, pseudonym = key
    if category == "other":
        return None
    return Organisation.objects.filter(category=category, pseudonym=pseudonym).first()


class Demo:
    def __init__(self):
        self.actor = DEMO_LOADER
        self.people: dict[str, Person] = {}

    # -- directory ----------------------------------------------------------------------------

    def bodies(self) -> None:
        for position, (code, name, short, parent, cadence) in enumerate(BODIES):
            if Body.objects.filter(code=code).exists():
                continue
            body_create(
                actor=self.actor,
                code=code,
                name=name,
                short_name=short,
                cadence=cadence,
                parent=Body.objects.get(code=parent) if parent else None,
                position=position,
            )

    def organisations(self) -> None:
        for name, category, pseudonym, label in ORGANISATIONS:
            if Organisation.objects.filter(name=name).exists():
                continue
            organisation_create(
                actor=self.actor,
                name=name,
                category=category,
                pseudonym=pseudonym,
                name_label=label,
            )

    def _person(
        self, key: str, full_name: str, organisation, *, username="", staff=False
    ) -> Person:
        person = Person.objects.filter(full_name=full_name).first()
        if person is None:
            person = person_create(
                actor=self.actor,
                full_name=full_name,
                organisation=organisation,
                username=username,
                password=PASSWORD if username else None,
                is_demo=True,
                is_staff=staff,
                email=f"{username or full_name.split()[0].lower()}@demo.invalid",
            )
        self.people[key] = person
        return person

    def _membership(self, person, code, role, seat, start, end) -> None:
        body = Body.objects.get(code=code)
        if person.memberships.filter(body=body, role=role).exists():
            return
        membership_create(
            actor=self.actor,
            person=person,
            body=body,
            role=role,
            seat=seat,
            term_start=_date(start),
            term_end=_optional_date(end),
            standard_term=end is not None,
        )

    def people_and_memberships(self) -> None:
        for username, full_name, organisation, staff, memberships in ACCOUNTS:
            person = self._person(
                username, full_name, _organisation(organisation), username=username, staff=staff
            )
            for membership in memberships:
                self._membership(person, *membership)
        for full_name, organisation, code, role, seat in MEMBERS:
            person = self._person(full_name, full_name, _organisation(organisation))
            self._membership(person, code, role, seat, "2018-01-01", "2021-12-31")
        for key, person in self.people.items():
            if key in OFFICERS and person.user and not person.user.groups.exists():
                back_office_grant(actor=self.actor, person=person)
        self.breakglass()
        if not Person.objects.filter(user__username=OUTSIDER[0]).exists():
            from django.contrib.auth import get_user_model

            User = get_user_model()
            if not User.objects.filter(username=OUTSIDER[0]).exists():
                # A signed-in account of no SEC Party: it belongs to no person of the directory.
                user = User(username=OUTSIDER[0], first_name=OUTSIDER[1])
                user.set_password(PASSWORD)
                user.save()

    def breakglass(self) -> None:
        username, full_name = BREAKGLASS
        person = Person.objects.filter(user__username=username).first()
        if person is None:
            person = person_create(
                actor=self.actor,
                full_name=full_name,
                username=username,
                password=PASSWORD,
                is_demo=True,
                is_superuser=True,
                email=f"{username}@demo.invalid",
            )
        self.people[username] = person

    # -- meetings -----------------------------------------------------------------------------

    def _meeting(self, code, number, date, **fields) -> tuple[Meeting, bool]:
        body = Body.objects.get(code=code)
        meeting = Meeting.objects.filter(body=body, number=number).first()
        if meeting is not None:
            return meeting, False
        meeting = meeting_create(
            actor=self.actor, body=body, number=number, date=_date(date), **fields
        )
        return meeting, True

    def _attend(self, meeting, key, status, capacity) -> None:
        attendance_record(
            actor=self.actor,
            meeting=meeting,
            person=self.people[key],
            status=status,
            capacity=capacity,
        )

    def _standard_attendance(self, meeting: Meeting) -> None:
        """Who was there: the body's members and its secretariat officer; `absent` sent apologies
        to every SSC meeting of the demo."""
        for membership in meeting.body.memberships.select_related("person"):
            person = membership.person
            if not membership.covers(meeting.date):
                continue
            key = next((k for k, p in self.people.items() if p.pk == person.pk), None)
            if key is None:
                continue
            if membership.role == Role.SECRETARIAT:
                self._attend(meeting, key, "present", "secretariat")
            elif key == "absent":
                self._attend(meeting, key, "apologies", "member")
            else:
                self._attend(meeting, key, "present", membership.role)

    def ssc72(self) -> None:
        time = dt.time
        previous, created = self._meeting(
            "SSC",
            71,
            "2019-02-13",
            start_time=time(10),
            end_time=time(16),
            location=spring2019.LOCATION,
            status="closed",
            next_meeting_date=_date("2019-02-27"),
        )
        if created:
            self._standard_attendance(previous)
            item = item_add(
                actor=self.actor,
                meeting=previous,
                title="SMETS1 Update",
                label="AMBER",
                summary="The DCC provided an update on SMETS1 enrolment and adoption.",
            )
            outcome_record(
                actor=self.actor, meeting=previous, item=item, verb="NOTED", text="the update"
            )
            self.carried_action = action_raise(
                actor=self.actor,
                item=item,
                owner=self.people["officer"],
                due_date=_date("2019-02-27"),
                text="SECAS to circulate the DCC's SMETS1 segmentation paper ahead of SSC_72.",
            )
        meeting, created = self._meeting(
            "SSC",
            72,
            "2019-02-27",
            start_time=time(10),
            end_time=time(16),
            location=spring2019.LOCATION,
            status="closed",
            next_meeting_date=_date("2019-03-13"),
        )
        if not created:
            return
        self._standard_attendance(meeting)
        papers: dict[int, list] = {}
        for reference, title, label, title_label, numbers in ssc72.PAPERS:
            distribution = (
                [self.people[k] for k in ("officer", "chair", "present")] if label == "RED" else []
            )
            paper = paper_create(
                actor=self.actor,
                body=meeting.body,
                reference=reference,
                title=title,
                label=label,
                title_label=title_label,
                distribution=distribution,
            )
            for number in numbers:
                papers.setdefault(number, []).append(paper)
        for spec in ssc72.ITEMS:
            self._item(meeting, spec, papers.get(spec["number"], []))
        carried = getattr(self, "carried_action", None)
        if carried is not None:
            action_update_record(
                actor=self.actor,
                action=carried,
                meeting=meeting,
                status="complete",
                text="Paper circulated on 20 February 2019.",
            )
        self._meeting(
            "SSC",
            73,
            "2019-03-13",
            start_time=time(10),
            end_time=time(16),
            location=spring2019.LOCATION,
            next_meeting_date=_date("2019-03-27"),
        )

    def _item(self, meeting, spec, papers) -> None:
        fields = {
            key: spec[key]
            for key in (
                "kind",
                "label",
                "summary",
                "restricted_text",
                "presenter",
                "withheld_notice",
            )
            if key in spec
        }
        if "party" in spec:
            fields["party"] = _organisation(spec["party"])
        item = item_add(
            actor=self.actor,
            meeting=meeting,
            number=spec["number"],
            title=spec["title"],
            papers=papers,
            **fields,
        )
        for verb, text, *where in spec.get("outcomes", []):
            # A third value: the paragraph of the item's text the outcome is written into.
            outcome_record(
                actor=self.actor,
                meeting=meeting,
                item=item,
                verb=verb,
                text=text,
                joins_paragraph=where[0] if where else None,
            )
        for label, summary, outcomes, restricted in spec.get("sub_points", []):
            sub = item_add(
                actor=self.actor,
                meeting=meeting,
                parent=item,
                label=label,
                summary=summary,
                restricted_text=restricted,
                withheld_notice=False,
                # A bullet that is all summary needs no title of its own.
                title=outcomes[0][1][:120] if outcomes else "",
            )
            for verb, text in outcomes:
                outcome_record(actor=self.actor, meeting=meeting, item=sub, verb=verb, text=text)
        for label, text in spec.get("standing", []):
            item_add(
                actor=self.actor,
                meeting=meeting,
                parent=item,
                label=label,
                title=text,
                withheld_notice=False,
            )
        for text, owner, due in spec.get("actions", []):
            action_raise(
                actor=self.actor,
                item=item,
                text=text,
                owner=self.people[owner],
                due_date=_date(due),
            )

    def spring(self) -> None:
        for code, number, date, items in spring2019.MEETINGS:
            meeting, created = self._meeting(
                code,
                number,
                date,
                start_time=dt.time(10),
                end_time=dt.time(13),
                location=spring2019.LOCATION,
                status="closed",
            )
            if not created:
                continue
            self._standard_attendance(meeting)
            if code == "PANEL":
                self._attend(meeting, "panel", "present", "member")
            for title, label, summary, heading, report in items:
                item = item_add(
                    actor=self.actor,
                    meeting=meeting,
                    title=title,
                    label=label,
                    summary=summary,
                    restricted_text=f"Demo confidential record: {title}.",
                    report_to_panel=True,
                    report_heading=heading,
                    report_text=report,
                    report_label="WHITE" if label != "RED" else "AMBER",
                )
                outcome_record(
                    actor=self.actor, meeting=meeting, item=item, verb="NOTED", text="the update"
                )
                if label == "RED":
                    # A highlight above the report's label reaches Appendix A only by its
                    # meeting's decision to report it to the Panel.
                    decision = outcome_record(
                        actor=self.actor,
                        meeting=meeting,
                        item=item,
                        verb="AGREED",
                        text="to report the matter to the Panel in Appendix A",
                        label=label,
                    )
                    highlight_decide(actor=self.actor, item=item, outcome=decision)


# What the registers, the ledger and the Panel report add to the demo: each `load(demo)` is
# idempotent.
EXTENSIONS = (assurance, changes, operations, publications, reports, workspace)


@transaction.atomic
def load_demo(progress: Progress = SILENT) -> Demo:
    ensure_default_verbs()
    demo = Demo()
    steps: list[tuple[str, Callable[[], object]]] = [
        ("bodies", demo.bodies),
        ("parties", demo.organisations),
        ("people", demo.people_and_memberships),
        ("SSC_72", demo.ssc72),
        ("spring 2019", demo.spring),
        *(
            (extension.__name__.rpartition(".")[2], partial(extension.load, demo))
            for extension in EXTENSIONS
        ),
    ]
    # Each save would refresh its records' search rows: the index is built once, at the end.
    with search_index.suspend(), progress.counting("Loading the demo", len(steps)) as loading:
        for name, step in steps:
            loading.advance(0, note=name)  # names the step under way
            step()
            loading.advance()
    search_index.rebuild()
    return demo


__all__ = ["load_demo"]
