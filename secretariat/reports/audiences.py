"""Who each document of the report is for.

The report's body goes to the public (publishing's `Public`: WHITE only). Appendix A goes to its
named distribution, fixed when the appendix is issued (see reports/appendix.py): every fragment
of the appendix is scoped to that distribution, so the audience keeps AMBER and RED only there,
and a reader belongs to it only by being named on it. Neither the secretariat role nor presence
at the Panel meeting opens it.

No audience is cleared for a party's real name (labelled in the party's own scope), so the
published appendix names parties by pseudonym; the officer's compile page shows real names to
readers the one door clears for them.
"""

from __future__ import annotations

from secretariat.labels.access import Reader, Scope
from secretariat.labels.models import Label
from secretariat.publishing.audiences import Audience, Public
from secretariat.reports.appendix import distribution_of
from secretariat.reports.models import PanelReport, Part


class AppendixDistribution(Audience):
    name = "appendix-distribution"
    ceiling = Label.RED

    def __init__(self, meeting=None, report: PanelReport | None = None) -> None:
        if report is None:
            report = PanelReport.objects.filter(meeting=meeting).first()
        self.people = distribution_of(report)
        self.description = f"Appendix A's named distribution for {meeting.reference}"

    def admits(self, label: Label | int, scope: Scope) -> bool:
        if Label(label) <= Label.GREEN:
            return True
        return bool(scope.people) and scope.people <= self.people

    def includes(self, reader: Reader) -> bool:
        # The appendix is RED as a whole: a session without its second factor meets it as if it
        # were not there, even for someone named on the distribution.
        return (
            reader.second_factor
            and reader.person_id is not None
            and reader.person_id in self.people
        )


def audience_for(part: str, meeting, report: PanelReport | None = None) -> Audience:
    if part == Part.APPENDIX_A:
        return AppendixDistribution(meeting, report)
    return Public(meeting)
