"""The change register of a synthetic archive, written in bulk like the meetings.

From the SEC's designation (or the archive's first year, whichever is later) parties raise Draft
Proposals through the year. Each is presented, with the others raised since, at the next meeting
of the TABASC or the SMKI PMA (one item listing them, as the seeds' "Draft Proposals 071 to 076"
is), where it is NOTED. Most become Modification Proposals a few months later, go through the
stages on a path, may ask a sub-committee for its input (answered at that body's next meeting),
are voted on by the Change Board by party category (the Alternative Solution separately, when
there is one), and are decided and implemented in the next SEC Release; some are withdrawn.

The rows keep the register services' rules: references DPnnn and MPnnn never taken twice (the
demo's DP071 to DP076 and the older SECMPnnnn are skipped or untouched), a DP that converts leads
to its MP, stages in date order on the stage list in use on their day, a vote per category and
solution, links only to items of held meetings. Everything is WHITE, as the SEC publishes its
change register (the defaults of the models).
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
from collections import defaultdict

from secretariat.archive.generator.schedule import Slot
from secretariat.archive.generator.world import World
from secretariat.archive.registers import ItemsAtMeetings, RegisterItem
from secretariat.changes.defaults import SINCE
from secretariat.changes.models import (
    Change,
    ChangeLink,
    InputRequest,
    Path,
    Release,
    Stage,
    StageEntry,
    Vote,
)
from secretariat.directory.models import Organisation, PartyCategory

# The bodies Draft Proposals are presented to, the body that votes, and those asked for input.
PRESENTED_TO = ("TABASC", "SMKIPMA")
VOTES_AT = "CB"
INPUT_FROM = ("SSC", "OPSG", "TABASC")
VOTING = [
    PartyCategory.LARGE_SUPPLIER,
    PartyCategory.SMALL_SUPPLIER,
    PartyCategory.ELECTRICITY_NETWORK,
    PartyCategory.GAS_NETWORK,
    PartyCategory.OTHER_USER,
]
PATH_WEIGHTS = {
    "self_governance": 50,
    "authority_determination": 30,
    "fast_track": 10,
    "authority_led": 5,
    "urgent": 5,
}
# The three regular releases of a year: (name, month, day of the month it lands on).
RELEASES = [("february", 2, 27), ("june", 6, 26), ("november", 11, 6)]
SUBJECTS = [
    "Changes to the {area}",
    "Clarifying the obligations on the {area}",
    "Aligning the {area} with the Technical Specifications",
    "Introducing a reporting requirement for the {area}",
    "Removing a redundant process from the {area}",
    "Extending the {area} to new device types",
]
AREAS = [
    "Service Request processing rules",
    "SMKI Recovery Procedure",
    "Certified Products List",
    "Communications Hub returns process",
    "Threshold Anomaly Detection procedures",
    "Enduring Testing Approach Document",
    "Incident Management Policy",
    "Data Service Provider performance measures",
    "User Entry Process Tests",
    "Self-Service Interface",
    "Smart Metering Inventory",
    "Device Alert handling",
]
INPUT_GIVEN = "The {body} confirmed its involvement is not required at this point."


class ChangeRegister(ItemsAtMeetings):
    name = "changes"
    # Its items name no party, so the bodies keep the topics that name one.
    decides_parties = False
    highlights = {
        "New Draft Proposals": (
            "Draft Proposals",
            "SECAS presented the following new Draft Proposals:\n\n{draft_proposal_list}",
        )
    }

    @staticmethod
    def available() -> bool:
        return Stage.objects.exists() and Path.objects.exists()

    def __init__(self, *, seed: int, world: World, slots: dict[int, list[Slot]], today: dt.date):
        self.rng = random.Random(f"{seed}:changes")
        self.world = world
        self.today = today
        self.start = max(SINCE, world.first_day)
        self._meetings(world, slots, today)
        self.stages = {stage.key: stage for stage in Stage.objects.order_by("valid_from")}
        self.paths = {path.key: path for path in Path.objects.order_by("valid_from")}
        # Rows that need the items' keys, by the year of the meeting that holds the item.
        self.links: dict[int, list[tuple[RegisterItem, Change]]] = defaultdict(list)
        self.votes: dict[int, list[tuple[Vote, RegisterItem | None]]] = defaultdict(list)
        self.inputs: dict[int, list[tuple[InputRequest, RegisterItem | None]]] = defaultdict(list)

    # -- the register -----------------------------------------------------------------------------

    def prepare(self) -> dict[str, int]:
        taken = set(Change.objects.values_list("reference", flat=True))
        numbers = {"DP": 0, "MP": 0}

        def reference(prefix: str) -> str:
            while True:
                numbers[prefix] += 1
                found = f"{prefix}{numbers[prefix]:03d}"
                if found not in taken:
                    taken.add(found)
                    return found

        releases = self._releases()
        parties: list[Organisation | None] = [
            o for o in self.world.new_parties if o.category in VOTING
        ] or [None]
        raised: list[tuple[dt.date, Change]] = []
        for year in range(self.start.year, self.world.last_day.year + 1):
            for _ in range(self.rng.randint(6, 14)):
                day = dt.date(year, 1, 1) + dt.timedelta(days=self.rng.randrange(365))
                if self.start <= day <= min(self.world.last_day, self.today):
                    raised.append((day, Change(kind=Change.Kind.DRAFT, raised_on=day)))
        raised.sort(key=lambda pair: pair[0])
        drafts, modifications, entries = [], [], []
        for day, draft in raised:
            draft.reference = reference("DP")
            draft.title = self.rng.choice(SUBJECTS).format(area=self.rng.choice(AREAS))
            draft.proposer = self.rng.choice(parties)
            draft.summary = f"A Draft Proposal raised on {day:%-d %B %Y}."
            drafts.append(draft)
            entries.append(
                StageEntry(change=draft, stage=self.stages["development"], entered_on=day)
            )
            self._present(draft, day)
            if self.rng.random() < 0.6:
                converted = day + dt.timedelta(days=self.rng.randint(30, 150))
                if converted < min(self.world.last_day, self.today):
                    modification = Change(
                        kind=Change.Kind.MODIFICATION,
                        reference=reference("MP"),
                        title=draft.title,
                        proposer=draft.proposer,
                        raised_on=converted,
                        summary=f"Raised from {draft.reference} on {converted:%-d %B %Y}.",
                    )
                    draft.converted_to = modification
                    modifications.append(modification)
                    entries.extend(self._life(modification, converted, releases))
        Change.objects.bulk_create(modifications)
        Change.objects.bulk_create(drafts)
        StageEntry.objects.bulk_create(entries)
        return {
            "draft proposals": len(drafts),
            "modification proposals": len(modifications),
            "stage entries": len(entries),
        }

    def _releases(self) -> list[Release]:
        existing = {release.name: release for release in Release.objects.all()}
        new = []
        for year in range(self.start.year, self.world.last_day.year + 2):
            for kind, month, day in RELEASES:
                name = f"{kind}-{year}"
                if name not in existing:
                    release = Release(
                        name=name,
                        title=f"{kind.title()} {year} SEC Release",
                        kind=kind,
                        release_date=dt.date(year, month, day),
                    )
                    existing[name] = release
                    new.append(release)
        Release.objects.bulk_create(new)
        return sorted(existing.values(), key=lambda release: release.release_date)

    def _present(self, draft: Change, day: dt.date) -> None:
        """At the next meeting of one of the bodies it is presented to."""
        code = self.rng.choice(PRESENTED_TO)
        slot = self._next(code, day + dt.timedelta(days=3))
        if slot is None:
            return
        item = self._bring(
            slot,
            draft,
            self.links,
            "New Draft Proposals",
            "SECAS presented the Draft Proposals raised since the last meeting.",
            ("NOTED", "the new Draft Proposals"),
        )
        item.summary = (
            "SECAS presented the following new Draft Proposals: "
            + "; ".join(f"{d.reference} ‘{d.title}’" for d in item.record)
            + "."
        )

    def _life(self, change: Change, day: dt.date, releases: list[Release]) -> list[StageEntry]:
        """The stages of a Modification Proposal from the day it was raised."""
        keys = list(PATH_WEIGHTS)
        change.path = self.paths[self.rng.choices(keys, list(PATH_WEIGHTS.values()))[0]]
        end = min(self.world.last_day, self.today)
        entries = [StageEntry(change=change, stage=self.stages["refinement"], entered_on=day)]
        if self.rng.random() < 0.3:
            self._ask_input(change, day)
        steps = [("report", 60, 180), ("consultation", 20, 40), ("change_board", 30, 60)]
        for key, low, high in steps:
            day = day + dt.timedelta(days=self.rng.randint(low, high))
            if day > end:
                return entries
            if self.rng.random() < 0.05:
                entries.append(
                    StageEntry(change=change, stage=self.stages["withdrawn"], entered_on=day)
                )
                change.decision, change.decided_on = Change.Decision.WITHDRAWN, day
                return entries
            entries.append(StageEntry(change=change, stage=self.stages[key], entered_on=day))
        self._vote(change, day)
        if change.path.key in ("authority_led", "authority_determination", "urgent"):
            day = day + dt.timedelta(days=self.rng.randint(20, 60))
            if day > end:
                return entries
            entries.append(
                StageEntry(change=change, stage=self.stages["authority"], entered_on=day)
            )
        approved = self.rng.random() < 0.85
        change.decided_on = day
        change.decision = Change.Decision.APPROVED if approved else Change.Decision.REJECTED
        if not approved:
            return entries
        index = bisect.bisect_right([r.release_date for r in releases], day + dt.timedelta(days=30))
        if index < len(releases):
            change.release = releases[index]
            change.implementation_date = releases[index].release_date
            if change.implementation_date <= end:
                entries.append(
                    StageEntry(
                        change=change,
                        stage=self.stages["implemented"],
                        entered_on=change.implementation_date,
                    )
                )
        return entries

    def _vote(self, change: Change, day: dt.date) -> None:
        slot = self._next(VOTES_AT, day)
        item = None
        if slot is not None:
            day = slot.date
            item = self._bring(
                slot,
                change,
                self.links,
                "Change Board votes",
                "The Change Board voted on the Modification Proposals before it.",
                ("AGREED", "the votes recorded on the Modification Proposals"),
            )
        solutions = [Vote.Solution.PROPOSED]
        if self.rng.random() < 0.2:
            solutions.append(Vote.Solution.ALTERNATIVE)
        for solution in solutions:
            for category in VOTING:
                vote = Vote(
                    change=change,
                    solution=solution,
                    category=category,
                    approve=self.rng.randint(0, 4),
                    reject=self.rng.randint(0, 2),
                    abstain=self.rng.randint(0, 1),
                    voted_on=day,
                )
                self.votes[day.year].append((vote, item))

    def _ask_input(self, change: Change, day: dt.date) -> None:
        code = self.rng.choice(INPUT_FROM)
        body = next((plan.body for plan in self.world.plans if plan.base_code == code), None)
        if body is None:
            return
        request = InputRequest(change=change, body=body, requested_on=day)
        slot = self._next(code, day + dt.timedelta(days=7))
        item = None
        if slot is not None:
            item = self._bring(
                slot,
                change,
                self.links,
                "Input requested on Modification Proposals",
                "SECAS asked for the sub-committee's input on Modification Proposals.",
                ("NOTED", "the Modification Proposals on which its input was requested"),
            )
            request.given_on = slot.date
            request.response = INPUT_GIVEN.format(body=body.display_code)
        self.inputs[(slot.date if slot else day).year].append((request, item))

    def write_year(self, year: int) -> dict[str, int]:
        links = {
            (item.item.pk, change.pk): ChangeLink(item=item.item, change=change)
            for item, change in self.links.pop(year, [])
            if item.item is not None
        }
        ChangeLink.objects.bulk_create(list(links.values()))
        votes = []
        for vote, item in self.votes.pop(year, []):
            vote.item = item.item if item is not None else None
            votes.append(vote)
        Vote.objects.bulk_create(votes)
        inputs = []
        for request, item in self.inputs.pop(year, []):
            if item is not None:
                request.given_at = item.item
                if item.item is None:  # the meeting was not held: nothing was given
                    request.given_on, request.response = None, ""
            inputs.append(request)
        InputRequest.objects.bulk_create(inputs)
        return {
            "change links": len(links),
            "change votes": len(votes),
            "input requests": len(inputs),
        }
