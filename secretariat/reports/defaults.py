"""The default layout of the SEC Panel Sub-Committee Report, from the June 2019 seed: its
sections in order, the bodies feeding each highlights section, and the seed's wording for the
purpose, the recommendation and the count sentences. Installed by a data migration; officers
change it as data."""

from __future__ import annotations

TEMPLATE = {
    "name": "SEC Panel Sub-Committee Report",
    "title": "SEC Panel Sub-Committee Report",
    "team": "SECAS Team",
    "appendix_title": "Appendix A: User Security Assessments — Identified Non-Compliances",
    "paper_days_before": 7,
    "first_report_lookback_months": 3,
}

PURPOSE = (
    "This paper provides the Panel with an update on recent activities from the Panel "
    "Sub-Committees. It highlights the key issues discussed and details specific points the "
    "Sub-Committees would like to bring to the Panel’s attention. The Panel are requested to note "
    "the updates."
)

VUSA_INTRO = (
    "As part of their wider obligations, the SSC review the outcomes of Verification User Security "
    "Assessments. If the SSC believe that a User is non-compliant, or potentially non-compliant, "
    "with obligations contained in SEC Sections G3-G6, then they will notify the Panel."
)

NO_HIGHLIGHTS = "No highlights were brought to the Panel’s attention in {month}."


def _highlights(title: str, codes: list[str]) -> dict:
    return {
        "title": title,
        "content": "highlights",
        "body_codes": codes,
        "sentence_none": NO_HIGHLIGHTS,
    }


def _count(title: str, kind: str, none: str, one: str, many: str, text: str = "") -> dict:
    return {
        "title": title,
        "content": "count",
        "count_kind": kind,
        "text": text,
        "sentence_none": none,
        "sentence_one": one,
        "sentence_many": many,
    }


_APPENDIX = "can be found in confidential Appendix A."

SECTIONS: list[dict] = [
    {"title": "Purpose", "content": "text", "text": PURPOSE},
    {
        "title": "Operations Group",
        "children": [_highlights("Operations Group Meeting Highlights", ["OPSG", "DQSG"])],
    },
    {
        "title": "Security Sub-Committee and SMKI PMA",
        "children": [
            _count(
                "Assurance Status Decisions",
                "assurance_status",
                "The Security Sub-Committee (SSC) set no Assurance Statuses in {month}.",
                "The Security Sub-Committee (SSC) set one Assurance Status in {month}. Details "
                + _APPENDIX,
                "The Security Sub-Committee (SSC) set {number} Assurance status’ in {month}. "
                "Details " + _APPENDIX,
            ),
            _count(
                "Verification Assessments",
                "vusa",
                "No Verification User Security Assessments were reviewed by the SSC in {month}.",
                "During {month}, the SSC reviewed one Verification User Security Assessment (VUSA) "
                "in which a Compliance Status was set. Details of the VUSA " + _APPENDIX,
                "During {month}, the SSC reviewed {number} Verification User Security Assessments "
                "(VUSAs) in which Compliance Status’ were set. Details of the VUSAs " + _APPENDIX,
                text=VUSA_INTRO,
            ),
            _count(
                "Director Letters",
                "directors_letters",
                "No Director’s Letters were reviewed by the SSC in {month}.",
                "The SSC reviewed one Director’s Letter in {month} which was approved and "
                + _APPENDIX,
                "The SSC reviewed {number} Director’s Letters in {month} which were approved and "
                + _APPENDIX,
            ),
            _count(
                "Security Self-Assessments",
                "ssa",
                "No Security Self-Assessments were reviewed by the SSC in {month}.",
                "During {month}, the SSC reviewed one Security Self-Assessment (SSA) in which a "
                "Compliance Status was set. Details of the SSA " + _APPENDIX,
                "During {month}, the SSC reviewed {number} Security Self-Assessments (SSAs) in "
                "which Compliance Status’ were set. Details of the SSAs " + _APPENDIX,
            ),
            _highlights("SSC Highlights", ["SSC", "SCIRS"]),
            _highlights("SMKI PMA Highlights", ["SMKIPMA"]),
        ],
    },
    {
        "title": "Technical Architecture and Business Architecture Sub-Committee (TABASC) and "
        "Testing Advisory Group (TAG)",
        "children": [
            _highlights("TABASC Highlights", ["TABASC"]),
            _highlights("TAG Highlights", ["TAG"]),
        ],
    },
    {
        "title": "Recommendations",
        "content": "text",
        "text": "The Panel is requested to **NOTE** the content of this paper.",
    },
]


def install(template_model, section_model) -> None:
    """Create the default template and its sections unless a template of that name exists."""
    if template_model.objects.filter(name=TEMPLATE["name"]).exists():
        return
    template = template_model.objects.create(**TEMPLATE)
    for position, top in enumerate(SECTIONS, start=1):
        spec: dict = dict(top)
        children = spec.pop("children", [])
        spec.setdefault("content", "group")
        parent = section_model.objects.create(template=template, position=position, **spec)
        for sub, child in enumerate(children, start=1):
            section_model.objects.create(template=template, parent=parent, position=sub, **child)
