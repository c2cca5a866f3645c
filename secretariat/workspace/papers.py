"""Papers as files: upload (types and size limit in settings), versions, the door for every
download (recorded), and the agenda pack — the agenda as the reader may read it and the PDF
papers they may read, merged into one PDF, with the other files listed.

Who may read a paper: its own label, in the scope of its body and its named distribution (a RED
paper goes to the people named on it, and nobody else but an elevated superuser), through the
one rule (`Reader.admits`). A paper also belongs to a meeting: only a reader who may know the
meeting exists finds it there."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Prefetch

from secretariat.audit.labelling import Fragment, register
from secretariat.audit.services import audit_record
from secretariat.core import clock
from secretariat.core.services import ServiceError, actor_name
from secretariat.directory.models import Person
from secretariat.labels.access import Reader, Scope
from secretariat.labels.models import Label
from secretariat.meetings.models import AgendaItem, Meeting, Paper
from secretariat.meetings.services import paper_attach, paper_create
from secretariat.workspace.paper_models import PaperDownload, PaperFile

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "doc": "application/msword",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "txt": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}
# What the first bytes of a file of each kind must be: a name ending .pdf is not enough.
MAGIC = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "ods": (b"PK\x03\x04",),
    "doc": (b"\xd0\xcf\x11\xe0",),
}
SAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]+")


def allowed_types() -> list[str]:
    return [ext.lower().lstrip(".") for ext in settings.SECRETARIAT_PAPER_TYPES]


def max_bytes() -> int:
    return int(settings.SECRETARIAT_PAPER_MAX_BYTES)


@dataclass(frozen=True)
class Upload:
    """A file as the request gave it: its name and its bytes."""

    name: str
    data: bytes

    @classmethod
    def from_request(cls, uploaded) -> Upload | None:
        if uploaded is None:
            return None
        limit = max_bytes()
        if uploaded.size > limit:
            raise ServiceError({"file": _too_big(uploaded.size, limit)})
        return cls(uploaded.name or "", uploaded.read())


def _too_big(size: int, limit: int) -> str:
    return f"The file is {size / 1048576:.1f} MB; the largest a paper may be is {limit / 1048576:.1f} MB."


def _checked(upload: Upload) -> tuple[str, str, str]:
    """(safe name, extension, content type), or a refusal naming the field."""
    name = SAFE_NAME.sub("_", (upload.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]).strip()
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = allowed_types()
    if extension not in allowed:
        raise ServiceError(
            {"file": f"A paper may be a {', '.join(allowed)} file; {name or 'this'} is not."}
        )
    if not upload.data:
        raise ServiceError({"file": "The file is empty."})
    if len(upload.data) > max_bytes():
        raise ServiceError({"file": _too_big(len(upload.data), max_bytes())})
    magic = MAGIC.get(extension)
    if magic and not upload.data.startswith(magic):
        raise ServiceError({"file": f"{name} does not hold what a .{extension} file holds."})
    return name[:200], extension, CONTENT_TYPES.get(extension, "application/octet-stream")


@transaction.atomic
def paper_file_add(*, actor, paper: Paper, upload: Upload, note: str = "") -> PaperFile:
    """A new version of the paper's file; earlier versions are kept as they were."""
    actor_name(actor)
    name, extension, content_type = _checked(upload)
    # Lock the paper so two uploads at once cannot take the same version number.
    Paper.objects.select_for_update().filter(pk=paper.pk).first()
    number = (PaperFile.objects.filter(paper=paper).aggregate(n=Max("number"))["n"] or 0) + 1
    file = PaperFile.objects.create(
        paper=paper,
        number=number,
        name=name,
        extension=extension,
        content_type=content_type,
        size=len(upload.data),
        sha256=hashlib.sha256(upload.data).hexdigest(),
        data=upload.data,
        note=(note or "").strip()[:300],
        uploaded_at=clock.now(),
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        verb="paper.file",
        obj=paper,
        changes={"file": f"v{number} {name}", "sha256": file.sha256},
    )
    return file


@transaction.atomic
def paper_upload(
    *,
    actor,
    item: AgendaItem,
    reference: str,
    title: str,
    label,
    upload: Upload | None,
    distribution: list[Person] = (),  # type: ignore[assignment]
    title_label=None,
) -> Paper:
    """A new paper for an item, with its first file: RED papers name their distribution."""
    reference = (reference or "").strip()
    title = (title or "").strip()
    if not reference:
        raise ServiceError({"reference": "A paper needs a reference, e.g. SSC_72_05."})
    if not title:
        raise ServiceError({"title": "A paper needs a title."})
    label = Label.parse(label)
    if label == Label.RED and not distribution:
        raise ServiceError(
            {"distribution": "A RED paper goes to a named distribution: name who receives it."}
        )
    if upload is None:
        raise ServiceError({"file": "Choose the paper's file."})
    distribution = list(distribution)
    user_id = getattr(actor, "pk", None)
    uploader = Person.objects.filter(user_id=user_id).first() if user_id else None
    if label == Label.RED and uploader is not None and uploader not in distribution:
        # The officer who tables a RED paper keeps reading it: they are on its distribution.
        distribution.append(uploader)
    paper = paper_create(
        actor=actor,
        body=item.meeting.body,
        reference=reference,
        title=title,
        label=label,
        title_label=Label.parse(title_label, field="title_label") if title_label else label,
        distribution=distribution,
    )
    paper_attach(actor=actor, item=item, paper=paper)
    paper_file_add(actor=actor, paper=paper, upload=upload)
    return paper


# -- the door -------------------------------------------------------------------------------------


def paper_scope(paper: Paper) -> Scope:
    """The paper's body and its named distribution (prefetched as `distribution`)."""
    people = frozenset(person.pk for person in paper.distribution.all())
    return Scope(body_id=paper.body_id, people=people)


def may_read(reader: Reader, paper: Paper) -> bool:
    return reader.admits(paper.label, paper_scope(paper))


def title_for(reader: Reader, paper: Paper) -> str:
    if reader.admits(paper.title_label, paper_scope(paper)):
        return paper.title
    return f"A paper labelled {Label(paper.title_label).name}"


def meeting_papers(meeting: Meeting) -> list[tuple[AgendaItem, Paper]]:
    """Each (item, paper) of the meeting, items in agenda order, with the papers' files (without
    their bytes) and distributions loaded: three queries, however many papers."""
    files = Prefetch(
        "files", queryset=PaperFile.objects.defer("data").order_by("-number"), to_attr="versions"
    )
    items = (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("parent")
        .prefetch_related(
            Prefetch(
                "papers",
                queryset=Paper.objects.prefetch_related("distribution", files).order_by(
                    "reference"
                ),
            )
        )
        .order_by("parent__number", "number")
    )
    rows = []
    for item in items:
        item.meeting = meeting
        rows += [(item, paper) for paper in item.papers.all()]
    return rows


def readable_papers(reader: Reader, meeting: Meeting) -> list[tuple[AgendaItem, Paper]]:
    return [(item, paper) for item, paper in meeting_papers(meeting) if may_read(reader, paper)]


def record_download(*, user, file: PaperFile, via: str = PaperDownload.Via.FILE) -> None:
    """Each delivery leaves a row: who (or "anonymous" for a WHITE paper), which version, how."""
    signed_in = getattr(user, "is_authenticated", False)
    PaperDownload.objects.create(
        file=file,
        reader=user if signed_in else None,
        reader_name=user.get_username() if signed_in else "anonymous",
        at=clock.now(),
        via=via,
    )


def downloads():
    """The deliveries page's rows for paper downloads (`workspace.deliveries`)."""
    from secretariat.workspace.deliveries import LATEST, DeliveryRow

    rows = PaperDownload.objects.select_related("file__paper").order_by("-at", "-id")[:LATEST]
    for row in rows.defer("file__data"):
        file = row.file
        yield DeliveryRow(
            at=row.at,
            who=row.reader_name,
            how=row.get_via_display(),
            what=f"{file.paper.reference} version {file.number} ({file.name})",
            detail=f"sha256 {file.sha256[:16]}…",
        )


# -- the labelled diff ----------------------------------------------------------------------------


def _describe_file(file, name: str) -> Fragment:
    paper = file.paper
    return Fragment(Label(paper.label), (paper_scope(paper),))


def register_fragments() -> None:
    register(PaperFile, _describe_file)
