"""Attendance: who was present, who sent apologies, in what capacity; the quorum where the
body's practice sets one. Each row is written through `attendance_record`.

A save is all or nothing, and it is checked against what the officer saw: each row of the form
carries a digest of the row as it was shown (`seen-<person>`). A row the officer left as shown
is not written, so another officer's change to it since stands; a row the officer changed that
someone else has changed since is a conflict (409), and nothing of the save is written."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from secretariat.core.services import ServiceError
from secretariat.directory.models import MEMBER_ROLES, Membership, Person, Role
from secretariat.labels.access import covering_q
from secretariat.labels.requests import ReaderRequest
from secretariat.meetings.models import (
    NOT_RECORDED,
    AgendaItem,
    Attendance,
    Meeting,
    attendance_state,
    recorded_state,
)
from secretariat.meetings.services import attendance_record
from secretariat.workspace.access import officer_meeting_or_404
from secretariat.workspace.selectors import quorum
from secretariat.workspace.views.common import errors_of, is_htmx, page, see_other

ROLE_CAPACITY = {
    Role.CHAIR: Attendance.Capacity.CHAIR,
    Role.MEMBER: Attendance.Capacity.MEMBER,
    Role.ALTERNATE: Attendance.Capacity.ALTERNATE,
    Role.OBSERVER: Attendance.Capacity.OBSERVER,
    Role.SECRETARIAT: Attendance.Capacity.SECRETARIAT,
}


def _rows(meeting) -> list[dict]:
    """Everyone recorded, then everyone who holds a seat or serves the body on the day."""
    recorded = {
        row.person_id: row
        for row in Attendance.objects.filter(meeting=meeting)
        .select_related("person")
        .prefetch_related("items_heard")
    }
    top = list(
        AgendaItem.objects.filter(meeting=meeting, parent__isnull=True)
        .order_by("number")
        .values_list("pk", "number")
    )
    seats = (
        Membership.objects.filter(body_id=meeting.body_id)
        .filter(covering_q(meeting.date))
        .select_related("person")
        .order_by("role", "person__full_name")
    )
    rows: dict[int, dict] = {}
    for membership in seats:
        rows.setdefault(
            membership.person_id,
            {
                "person": membership.person,
                "capacity": ROLE_CAPACITY[Role(membership.role)],
                "status": "",
                "note": "",
                "missed": "",
                "member": membership.role in MEMBER_ROLES,
                "seen": NOT_RECORDED,
            },
        )
    # Until anyone but the minuting officer is recorded, the form proposes every seat holder
    # present: the officer changes who was not, and one save records the meeting.
    proposing = all(row.capacity == Attendance.Capacity.SECRETARIAT for row in recorded.values())
    for seat in rows.values():
        seat["proposed"] = Attendance.Status.PRESENT if proposing and seat["member"] else ""
    for person_id, record in recorded.items():
        heard = {item.pk for item in record.items_heard.all()}
        rows[person_id] = {
            "person": record.person,
            "capacity": record.capacity,
            "status": record.status,
            "note": record.note,
            "missed": ", ".join(str(n) for pk, n in top if pk not in heard)
            if record.status == Attendance.Status.PART
            else "",
            "proposed": "",
            "member": rows.get(person_id, {}).get("member", False),
            "seen": recorded_state(record),
        }
    order = {capacity: n for n, capacity in enumerate(Attendance.Capacity.values)}
    return sorted(rows.values(), key=lambda r: (order[r["capacity"]], r["person"].full_name))


@require_http_methods(["GET", "POST"])
def attendance(request: ReaderRequest, reference: str) -> HttpResponse:
    meeting = officer_meeting_or_404(request.reader, reference)
    errors: dict = {}
    status = 200
    if request.method == "POST":
        try:
            _save(request, meeting)
        except AttendanceConflict as conflict:
            errors, status = errors_of(conflict), 409
        except ServiceError as error:
            errors, status = errors_of(error), 400
        else:
            if not is_htmx(request):
                return see_other(reverse("workspace:attendance", args=[meeting.reference]))
    rows = _rows(meeting)
    recorded = [
        Attendance(status=row["status"], capacity=row["capacity"]) for row in rows if row["status"]
    ]
    listed = {row["person"].pk for row in rows}
    return page(
        request,
        "workspace/attendance.html",
        {
            "meeting": meeting,
            "rows": rows,
            "statuses": Attendance.Status.choices,
            "capacities": Attendance.Capacity.choices,
            "quorum": quorum(meeting, recorded),
            "proposing": any(row["proposed"] for row in rows),
            "others": Person.objects.exclude(pk__in=listed).order_by("full_name")[:500],
            "errors": errors,
        },
        partial="attendance",
        status=status,
    )


def _missed(meeting, status: str, text: str, person_id: str) -> list[AgendaItem] | None:
    """The items a part attendee missed, from their numbers ("3, 5"); None unless part."""
    if status != Attendance.Status.PART:
        return None
    numbers = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
    if not all(number.isdigit() for number in numbers):
        raise ServiceError({f"missed-{person_id}": f"List item numbers, e.g. 3, 5 (not {text!r})."})
    wanted = {int(number) for number in numbers}
    items = list(AgendaItem.objects.filter(meeting=meeting, parent__isnull=True, number__in=wanted))
    unknown = wanted - {item.number for item in items}
    if unknown:
        raise ServiceError(
            {
                f"missed-{person_id}": f"{meeting.reference} has no item "
                f"{', '.join(str(n) for n in sorted(unknown))}."
            }
        )
    return items


class AttendanceConflict(ServiceError):
    """Rows the officer changed that someone else changed since the page was shown."""


def _save(request, meeting) -> None:
    """Write the rows the officer changed, all or none; a row left blank is not recorded."""
    with transaction.atomic():
        # One attendance save at a time per meeting: the check against what was seen and the
        # writes happen under the meeting's row lock (SQLite's IMMEDIATE transactions already
        # serialise writers), so two officers' saves cannot both pass the check.
        Meeting.objects.select_for_update().filter(pk=meeting.pk).exists()
        _write(request, meeting)


def _write(request, meeting) -> None:
    current = {
        row.person_id: row
        for row in Attendance.objects.filter(meeting=meeting).prefetch_related("items_heard")
    }
    top = list(AgendaItem.objects.filter(meeting=meeting, parent__isnull=True))
    conflicts: dict[str, str] = {}
    for key in request.POST:
        if not key.startswith("status-"):
            continue
        person_id = key.removeprefix("status-")
        if not person_id.isdigit():
            continue
        status = request.POST.get(key, "")
        capacity = request.POST.get(f"capacity-{person_id}", Attendance.Capacity.MEMBER)
        note = request.POST.get(f"note-{person_id}", "").strip()
        row = current.get(int(person_id))
        missed = None
        if status:
            missed = _missed(
                meeting, status, request.POST.get(f"missed-{person_id}", ""), person_id
            )
        heard = None if missed is None else {item.pk for item in top if item not in missed}
        seen = request.POST.get(f"seen-{person_id}")
        if seen is not None:
            if attendance_state(status, capacity, note, heard or ()) == seen:
                continue  # left as shown: whatever is recorded now stands
            if recorded_state(row) != seen:
                if recorded_state(row) != attendance_state(status, capacity, note, heard or ()):
                    conflicts[f"status-{person_id}"] = _conflict_message(row, person_id)
                continue
        if not status:
            continue
        if (
            row
            and (row.status, row.capacity, row.note) == (status, capacity, note)
            and (heard is None or heard == {item.pk for item in row.items_heard.all()})
        ):
            continue
        person = Person.objects.filter(pk=int(person_id)).first()
        if person is None:
            raise ServiceError({"person": "That person is not in the directory."})
        attendance_record(
            actor=request.user,
            meeting=meeting,
            person=person,
            status=status,
            capacity=capacity,
            note=note,
            items_missed=missed,
        )
    added = None
    extra = request.POST.get("add_person", "")
    if extra.isdigit() and request.POST.get("add_status"):
        added = Person.objects.filter(pk=int(extra)).first()
        if added is None:
            raise ServiceError({"add_person": "That person is not in the directory."})
        if added.pk in current:
            conflicts["add_person"] = (
                f"{added.full_name} was recorded by someone else since this page was shown: "
                "their row is in the table now. Nothing was saved."
            )
    if conflicts:
        raise AttendanceConflict(conflicts)
    if added is not None:
        attendance_record(
            actor=request.user,
            meeting=meeting,
            person=added,
            status=request.POST["add_status"],
            capacity=request.POST.get("add_capacity", Attendance.Capacity.OBSERVER),
        )


def _conflict_message(row: Attendance | None, person_id: str) -> str:
    if row is None:
        name = Person.objects.filter(pk=int(person_id)).values_list("full_name", flat=True).first()
        return (
            f"{name or 'This person'}'s attendance was removed by someone else since this page "
            "was shown. Nothing was saved: check the row and save again."
        )
    now = row.get_status_display()
    if row.note:
        now = f"{now} ({row.note})"
    return (
        f"{row.person.full_name}'s attendance was changed by someone else since this page was "
        f"shown: it is now {now}, as a {row.get_capacity_display().lower()}. Nothing was saved: "
        "check the row and save again."
    )
