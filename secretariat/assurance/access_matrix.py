"""The register's pages against every persona, and what each persona may read on them.

Record addresses use the demo's primary keys: the demo creates the register's records in the
order of `demo_data.ASSESSMENTS` (and of its letters and notifications) on a fresh database, before
anything else writes to those tables; `tests/test_access_matrix_keys.py` checks that each
address below still points at the record named here.

Who is who in the demo: `present` (Large Supplier 'A') and `chair` attended every SSC meeting;
`absent` (Small Supplier 'C', never assessed in the demo) sent apologies to every one; `party` is a user of Small Supplier
'AA'; `panel` a user of Large Supplier 'B', which notified a second User System."""

from __future__ import annotations

from secretariat.access_matrix import Route, Sees, everyone, only
from secretariat.demo import assurance_data as demo

ASSESSMENT_KEYS = [row[0] for row in demo.ASSESSMENTS]
LETTER_KEYS = [row[0] for row in demo.LETTERS]
NOTIFICATION_KEYS = [row[0] for row in demo.NOTIFICATIONS]


def assessment_url(key: str) -> str:
    return f"/assurance/assessments/{ASSESSMENT_KEYS.index(key) + 1}/"


def letter_url(key: str) -> str:
    return f"/assurance/letters/{LETTER_KEYS.index(key) + 1}/"


def notification_url(key: str) -> str:
    return f"/assurance/notifications/{NOTIFICATION_KEYS.index(key) + 1}/"


def reference(key: str) -> str:
    return f"USA-{ASSESSMENT_KEYS.index(key) + 1:04d}"


SSC_READERS = {"officer", "chair", "present"}
SSC72 = "SSC_72_2702"

ROUTES = [
    Route("assurance:register", "/assurance/", everyone(200)),
    Route("assurance:register", "/assurance/?show=letters&sort=party", everyone(200)),
    Route("assurance:register", "/assurance/?show=notifications&page=2", everyone(200)),
    Route("assurance:register", "/assurance/?show=nonsense&year=x", everyone(200)),
    Route("assurance:due", "/assurance/due/", everyone(200)),
    Route("assurance:due", "/assurance/due/?as_of=2019-06-30&all=1", everyone(200)),
    Route("assurance:due", "/assurance/due/?as_of=30/06/2019", everyone(400)),
    Route("assurance:due", "/assurance/due/?window=many", everyone(400)),
    # A meeting's register items: the meeting is WHITE, its records are filtered by the door.
    Route("assurance:meeting", f"/assurance/meetings/{SSC72}/", everyone(200)),
    Route("assurance:meeting", "/assurance/meetings/SSC_999_0101/", everyone(404)),
    # SSC_72 item 4: Small Supplier 'AA' (the party persona's own organisation).
    Route("assurance:assessment", assessment_url("SSAA-19"), only(SSC_READERS | {"party"})),
    # SSC_72 item 6: Small Supplier 'B'; the member who sent apologies may not see it.
    Route("assurance:assessment", assessment_url("SSB-19"), only(SSC_READERS)),
    # SSC_72 item 3: Other User 'L'; nobody's own organisation.
    Route("assurance:assessment", assessment_url("OUL-19"), only(SSC_READERS)),
    # SSC_78: Other User 'N', whose non-compliances were referred to the Panel.
    Route("assurance:assessment", assessment_url("OUN-19"), only(SSC_READERS)),
    # Never on an agenda: only the secretariat and Large Supplier 'A''s own users.
    Route("assurance:assessment", assessment_url("LSA-18"), only({"officer", "present"})),
    Route("assurance:assessment", "/assurance/assessments/99999/", everyone(404)),
    Route("assurance:letter", letter_url("SSN"), only(SSC_READERS)),
    Route("assurance:letter", letter_url("SSB"), only(SSC_READERS)),
    Route("assurance:letter", "/assurance/letters/99999/", everyone(404)),
    Route("assurance:notification", notification_url("LSB"), only(SSC_READERS | {"panel"})),
    Route("assurance:notification", "/assurance/notifications/99999/", everyone(404)),
]

DUE = "/assurance/due/?as_of=2019-06-30&all=1"
MEETING = f"/assurance/meetings/{SSC72}/"

SEES = [
    # Real names reach only the secretariat and the party's own users.
    Sees("/assurance/", "Brightwater Supply Ltd", frozenset({"officer", "party"}), "AA real name"),
    Sees("/assurance/", "Copperleaf Energy Ltd", frozenset({"officer"}), "AE real name"),
    Sees(
        "/assurance/",
        "Fenwick Gas &amp; Power Ltd",
        frozenset({"officer"}),
        "B real name",
    ),
    # Records considered at SSC_72 reach those present there; a party's own reach its users.
    Sees("/assurance/", reference("SSAA-19"), frozenset(SSC_READERS | {"party"}), "AA VUSA"),
    Sees("/assurance/", reference("SSAE-19"), frozenset(SSC_READERS), "AE VUSA"),
    Sees("/assurance/", reference("OUL-19"), frozenset(SSC_READERS), "L FUSA"),
    Sees("/assurance/", reference("SSB-19"), frozenset(SSC_READERS), "B VUSA"),
    Sees("/assurance/", reference("LSA-18"), frozenset({"officer", "present"}), "A FUSA"),
    Sees("/assurance/", reference("LSB-18"), frozenset({"officer", "panel"}), "LS B FUSA"),
    # The register lists one part at a time: letters and notifications are parts of their own.
    Sees(
        "/assurance/?show=notifications",
        "NSU-0001",
        frozenset(SSC_READERS | {"panel"}),
        "LS B notification",
    ),
    Sees("/assurance/?show=letters", "DL-0002", frozenset(SSC_READERS), "AE letter"),
    # The status and the findings travel with the record.
    Sees(
        assessment_url("SSAA-19"),
        "Compliant, with observations",
        frozenset(SSC_READERS | {"party"}),
        "AA status",
    ),
    Sees(
        assessment_url("SSB-19"),
        "New hosting provider used without an assurance",
        frozenset(SSC_READERS),
        "B finding",
    ),
    Sees(assessment_url("OUN-19"), "Referred to the Panel", frozenset(SSC_READERS), "N referral"),
    # SSC_72's register items: each record for those present and the party's own users.
    Sees(MEETING, reference("SSAA-19"), frozenset(SSC_READERS | {"party"}), "SSC_72 AA VUSA"),
    Sees(MEETING, reference("SSB-19"), frozenset(SSC_READERS), "SSC_72 B VUSA"),
    Sees(MEETING, reference("OUI-19"), frozenset(SSC_READERS), "SSC_72 I SSA"),
    Sees(MEETING, "DL-0001", frozenset(SSC_READERS), "SSC_72 N letter"),
    Sees(MEETING, "NSU-0001", frozenset(SSC_READERS | {"panel"}), "SSC_72 LS B notification"),
    Sees(MEETING, "Brightwater Supply Ltd", frozenset({"officer", "party"}), "SSC_72 AA name"),
    # The due list: each party's row for the secretariat and its own users.
    Sees(DUE, "Brightwater Supply Ltd", frozenset({"officer", "party"}), "AA due"),
    Sees(DUE, "Northmoor Energy Ltd", frozenset({"officer", "present"}), "LS A due"),
    Sees(DUE, "Eastline Gas Networks", frozenset({"officer"}), "GN A due"),
]
