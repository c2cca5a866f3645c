"""The demo's meeting practice: a quorum for the SSC, so that the attendance page shows it.
The figure is illustrative (the seeds do not state one); officers set the real one as data.
And the follow-up: `present` has reported on their SSC_72 action, waiting for the officer to
confirm, and follows the SSC. Idempotent."""

from __future__ import annotations

from secretariat.actions.models import Action
from secretariat.directory.models import Body, Person
from secretariat.directory.services import person_create
from secretariat.documents.labelled import Document, Paragraph, Section, Text, project
from secretariat.documents.renderers import render
from secretariat.labels.access import Reader
from secretariat.meetings.models import AgendaItem, Paper
from secretariat.workspace.follow_up import action_report_make, body_follow
from secretariat.workspace.history import auditor_grant, is_auditor
from secretariat.workspace.office_models import ActionReport, BodyFollow
from secretariat.workspace.papers import Upload, paper_file_add, paper_upload
from secretariat.workspace.services import body_practice_set

SSC_QUORUM = 4
REPORT_NOTE = (
    "Both segmentation options were discussed with our PKI team; the business impact note goes "
    "to SECAS before the next meeting."
)


def load(demo) -> None:
    ssc = Body.objects.get(code="SSC")
    practice = getattr(ssc, "practice", None)
    if practice is None or practice.quorum != SSC_QUORUM:
        body_practice_set(actor=demo.actor, body=ssc, quorum=SSC_QUORUM)
    follow_up(demo, ssc)
    auditor(demo)
    paper_files(demo)


# A WHITE paper with its file, for the papers page and the pack; and the file of SSC_72's RED
# paper SSC_72_03, which its named distribution alone may download.
PAPERS = [
    ("SSC_72_P1", "Demo paper: the SSC's forward plan for 2019", "WHITE"),
    ("SSC_72_03", "SMKI certificate segmentation: options for the SSC", "RED"),
]


def _pdf(reference: str, title: str) -> bytes:
    text = f"Demo paper {reference}: {title}. Written for the demo; no real content."
    document = Document(
        kind="paper",
        title=title,
        sections=(Section(heading=Text("Purpose"), blocks=(Paragraph((Text(text),)),)),),
        meta={"subtitle": "Paper for SSC meeting 72", "reference": reference},
    )
    return render(project(document, Reader()), "pdf")


def paper_files(demo) -> None:
    item = (
        AgendaItem.objects.filter(meeting__reference="SSC_72_2702", parent=None, label=0)
        .order_by("number")
        .first()
    )
    for reference, title, label in PAPERS:
        paper = Paper.objects.filter(reference=reference).first()
        if paper is not None and paper.files.exists():
            continue
        upload = Upload(f"{reference}.pdf", _pdf(reference, title))
        if paper is not None:
            # SSC_72 tabled the paper by reference: its file comes now.
            paper_file_add(actor=demo.actor, paper=paper, upload=upload)
        elif item is not None:
            paper_upload(
                actor=demo.actor,
                item=item,
                reference=reference,
                title=title,
                label=label,
                upload=upload,
            )


# The auditor: a person of no party and no seat, so that they read content as an outsider does
# (docs/access.md, the auditor); the role opens the ledger, the trail and the deliveries.
AUDITOR = ("auditor", "Jordan Blake")
PASSWORD = "demo"


def auditor(demo) -> None:
    username, full_name = AUDITOR
    person = Person.objects.filter(user__username=username).first()
    if person is None:
        person = person_create(
            actor=demo.actor,
            full_name=full_name,
            username=username,
            password=PASSWORD,
            is_demo=True,
            email=f"{username}@demo.invalid",
        )
    demo.people[username] = person
    if not is_auditor(person.user):
        auditor_grant(actor=demo.actor, user=person.user)


def follow_up(demo, ssc: Body) -> None:
    member = demo.people.get("present")
    if member is None or member.user is None:
        return
    action = (
        Action.objects.filter(meeting__reference="SSC_72_2702", owner=member).order_by("pk").first()
    )
    if action is not None and not ActionReport.objects.filter(action=action).exists():
        # The owner reports for themselves: the report's actor is their own account.
        action_report_make(
            actor=member.user, action=action, status=Action.Status.ON_TARGET, note=REPORT_NOTE
        )
    if not BodyFollow.objects.filter(person=member, body=ssc).exists():
        body_follow(actor=member.user, person=member, body=ssc)
