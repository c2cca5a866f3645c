"""What the API's writes take and answer. A write names labels by name; an answer carries each
text only if its reader may read it (None otherwise), as every projection does."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import WithJsonSchema

LabelName = Literal["WHITE", "GREEN", "AMBER", "RED"]
MeetingStatus = Literal["planned", "held", "closed"]
ItemKind = Literal["regular", "matters_arising", "minutes", "standing", "aob"]
AttendanceStatus = Literal["present", "part", "apologies"]
Capacity = Literal["chair", "member", "alternate", "secretariat", "observer", "guest", "presenter"]
ActionStatus = Literal["open", "on_target", "complete"]
# A meeting's times are London's local times of its day. JSON Schema's `time` format requires a
# zone offset, which these never carry, so they are described by their own pattern.
LocalTime = Annotated[
    dt.time,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$",
            "description": "A local (London) time without a zone, e.g. 10:00.",
        }
    ),
]
# A record's number is small; bounding it keeps the database's integer from overflowing.
Number = Field(ge=1, le=100_000)
Version = Field(ge=1, le=2_147_483_647, description="The version the writer read.")


class MeetingIn(Schema):
    body: str = Field(
        max_length=20, pattern=r"^[^\x00-\x1f\x7f]*$", description="The body's code, e.g. SSC."
    )
    number: int = Number
    date: dt.date
    start_time: LocalTime | None = None
    end_time: LocalTime | None = None
    location: str = Field("", max_length=200)


class MeetingChange(Schema):
    version: int = Version
    number: int | None = Field(None, ge=1, le=100_000)
    date: dt.date | None = None
    start_time: LocalTime | None = None
    end_time: LocalTime | None = None
    location: str | None = Field(None, max_length=200)
    status: MeetingStatus | None = None
    label: LabelName | None = None


class WrittenMeeting(Schema):
    reference: str
    body: str
    number: int
    date: dt.date
    start_time: LocalTime | None
    end_time: LocalTime | None
    location: str
    status: str
    label: str
    version: int


class ItemIn(Schema):
    title: str = Field(max_length=300)
    title_label: LabelName = "WHITE"
    summary: str = Field("", max_length=20_000)
    summary_label: LabelName = "WHITE"
    restricted_text: str = Field("", max_length=20_000)
    label: LabelName = "WHITE"
    kind: ItemKind = "regular"
    parent: int | None = Field(None, ge=1, le=2_147_483_647, description="A sub-point's item.")


class ItemChange(Schema):
    version: int = Version
    title: str | None = Field(None, max_length=300)
    title_label: LabelName | None = None
    summary: str | None = Field(None, max_length=20_000)
    summary_label: LabelName | None = None
    restricted_text: str | None = Field(None, max_length=20_000)
    label: LabelName | None = None
    kind: ItemKind | None = None


class WrittenItem(Schema):
    id: int
    meeting: str
    number: int
    parent: int | None
    kind: str
    label: str
    title_label: str
    summary_label: str
    version: int
    title: str | None = Field(description="None if the reader may not read it.")
    summary: str | None
    restricted_text: str | None


class AttendanceIn(Schema):
    status: AttendanceStatus
    capacity: Capacity = "member"
    note: str = Field("", max_length=300)
    items_missed: list[Annotated[int, Field(ge=1, le=100_000)]] | None = Field(
        None, max_length=200, description="Part attendance: the numbers of the items missed."
    )
    version: str | None = Field(
        None,
        max_length=16,
        description="The row's `version` as last read (`none` if it had no row): a row changed "
        "meanwhile answers 409 and nothing is written. Omitted, the last write stands.",
    )


class WrittenAttendance(Schema):
    meeting: str
    person: int
    status: str
    capacity: str
    items_heard: list[int]
    version: str = Field(description="The row's state, to send back with the next change.")


class StaleAttendance(Schema):
    """A 409 answer: the row changed since the writer read it; what it holds now. Nothing was
    written."""

    detail: str
    record: str
    version: str
    current: WrittenAttendance | None


class OutcomeIn(Schema):
    verb: str = Field(max_length=40, description="An outcome verb, e.g. NOTED.")
    text: str = Field(max_length=2_000)
    label: LabelName = "WHITE"


class OutcomeChange(Schema):
    version: int = Version
    verb: str | None = Field(None, max_length=40)
    text: str | None = Field(None, max_length=2_000)
    label: LabelName | None = None


class WrittenOutcome(Schema):
    id: int
    item: int
    verb: str
    label: str
    version: int
    text: str | None


class ActionIn(Schema):
    text: str = Field(max_length=2_000)
    owner: int = Field(ge=1, le=2_147_483_647, description="The owner: a person's id.")
    due_date: dt.date | None = None
    label: LabelName | None = Field(None, description="At least the item's label (the default).")


class ActionChange(Schema):
    version: int = Version
    text: str | None = Field(None, max_length=2_000)
    status: ActionStatus | None = None
    due_date: dt.date | None = None
    label: LabelName | None = None


class WrittenAction(Schema):
    id: int
    reference: str
    item: int
    owner: int
    due_date: dt.date | None
    status: str
    label: str
    version: int
    text: str | None
