"""Publishing's addresses against every persona, and the restricted texts of SSC_72 per persona.

The demo publishes SSC_72's three documents (so readers get the published versions) and nothing
of SSC_71 (so only its editors, the officer and the SSC chair, get a draft preview)."""

from __future__ import annotations

from secretariat.access_matrix import Route, Sees, everyone, only

SSC72 = "/meetings/SSC_72_2702"
SSC71 = "/meetings/SSC_71_1302"

MEMBERS = {"officer", "chair", "present", "absent"}
ATTENDEES = {"officer", "chair", "present"}
EDITORS = {"officer", "chair"}


def _document(kind: str, url: str, readers) -> list[Route]:
    status = everyone() if readers is None else only(readers)
    routes = [Route(f"publishing:{kind}", url, status)]
    routes += [
        Route(f"publishing:{kind}-file", f"{url}.{fmt}", status) for fmt in ("md", "pdf", "docx")
    ]
    return routes


ROUTES = [
    Route("publishing:portal", "/publications/", everyone()),
    Route("publishing:feed", "/publications/feed.atom", everyone()),
    # A body's and a kind's feeds are the public's, whoever asks: a feed reader has no session.
    Route("directory:feed", "/bodies/SSC/feed.atom", everyone()),
    Route("directory:feed", "/bodies/NOPE/feed.atom", everyone(404)),
    Route("publishing:kind-feed", "/publications/headlines/feed.atom", everyone()),
    Route("publishing:kind-feed", "/publications/minutes/feed.atom", everyone()),
    Route("publishing:kind-feed", "/publications/nonsense/feed.atom", everyone(404)),
    *_document("headlines", f"{SSC72}/headlines", None),
    *_document("minutes", f"{SSC72}/minutes", MEMBERS),
    # The Confidential Minutes reach the body's members (an absent one reads the AMBER record, no
    # RED) and whoever heard the meeting, each projected for them.
    *_document("confidential-minutes", f"{SSC72}/confidential-minutes", MEMBERS),
    # Published versions stay addressable; a version that does not exist is not there.
    Route("publishing:headlines", f"{SSC72}/headlines?version=1", everyone()),
    Route("publishing:headlines", f"{SSC72}/headlines?version=2", everyone(404)),
    Route("publishing:headlines", f"{SSC72}/headlines?version=x", everyone(404)),
    Route("publishing:minutes-file", f"{SSC72}/minutes.pdf?version=1", only(MEMBERS)),
    # The live draft: the body's officer and chair only (and only within the audience).
    Route("publishing:headlines", f"{SSC72}/headlines?draft", only(EDITORS)),
    Route("publishing:minutes-file", f"{SSC72}/minutes.md?draft", only(EDITORS)),
    Route("publishing:confidential-minutes", f"{SSC72}/confidential-minutes?draft", only(EDITORS)),
    # Nothing of SSC_71 is published: its editors preview drafts, everyone else gets 404.
    Route("publishing:headlines", f"{SSC71}/headlines", only(EDITORS)),
    Route("publishing:headlines-file", f"{SSC71}/headlines.pdf", only(EDITORS)),
    Route("publishing:minutes", f"{SSC71}/minutes", only(EDITORS)),
    Route("publishing:confidential-minutes", f"{SSC71}/confidential-minutes", only(EDITORS)),
    # Any later meeting document kind is served at `/meetings/<ref>/<slug>` by the shared route,
    # which matches registered kinds only (a throwaway kind's own test asks its door); a slug no
    # kind has is not there.
    Route("publishing:document", f"{SSC72}/no-such-document", everyone(404)),
    Route("publishing:document-file", f"{SSC72}/no-such-document.pdf", everyone(404)),
    # Withdrawing a published version: a POST from the document's page, for the body's officers
    # only; everyone else is told nothing is there. A withdrawal with no reason is refused back
    # to the page; a version never published is not there.
    Route(
        "publishing:withdraw",
        f"{SSC72}/headlines/withdraw",
        only({"officer"}, 302),
        method="post",
        data={"version": "1", "reason": "Published in error.", "reason_label": "WHITE"},
    ),
    Route(
        "publishing:withdraw",
        f"{SSC72}/minutes/withdraw",
        only({"officer"}, 302),
        method="post",
        data={"version": "1", "reason": ""},
    ),
    Route(
        "publishing:withdraw",
        f"{SSC72}/headlines/withdraw",
        everyone(404),
        method="post",
        data={"version": "2", "reason": "Never published."},
    ),
    Route("publishing:withdraw", f"{SSC72}/headlines/withdraw", everyone(405)),
    # Raising the label of an item's fragment, with the withdrawal of the versions that carried
    # it: the body's officers only.
    Route("publishing:item-label", f"{SSC72}/items/1/label", only({"officer"})),
    Route("publishing:item-label", f"{SSC72}/items/99/label", everyone(404)),
    Route(
        "publishing:item-label",
        f"{SSC72}/items/1/label",
        only({"officer"}, 400),
        method="post",
        data={"fragment": "title", "label": "WHITE", "version": "1"},
    ),
    # No such meeting.
    Route("publishing:headlines", "/meetings/SSC_99_0101/headlines", everyone(404)),
    Route("publishing:minutes-file", "/meetings/SSC_99_0101/minutes.docx", everyone(404)),
]

NOBODY: frozenset[str] = frozenset()

# Texts of SSC_72 as the demo holds them, with where each may appear.
PUBLIC_SUMMARY = "Updates were noted on the following Matters Arising;"
STOCK_RED = "and therefore recorded in the Confidential Minutes."
RED_RECORD = "Demo confidential record: the key findings of the SMETS1 Draft CIO Report."
RED_SUB_POINT = "Demo confidential record: supplier shortlist and budget for the consultancy"
AMBER_RECORD = "Demo confidential record: the parties waiting for on-boarding approval."
PARTY_REAL_NAME = "Brightwater Supply Ltd"
APOLOGIES = "Tom Reilly"
RED_PAPER_TITLE = "SMETS1 Draft CIO Report (draft findings)"
AMBER_ACTION = "SSC members to consider the business impact of both SMKI certificate"
STOCK_AMBER = "marked as **AMBER** and therefore recorded in the Confidential Minutes"

HEADLINES = f"{SSC72}/headlines"
MINUTES = f"{SSC72}/minutes"
CONFIDENTIAL = f"{SSC72}/confidential-minutes"

SEES = [
    Sees(HEADLINES, PUBLIC_SUMMARY, frozenset(everyone()), "public summary"),
    Sees(HEADLINES, STOCK_RED, frozenset(everyone()), "stock sentence"),
    Sees(HEADLINES, RED_RECORD, NOBODY, "RED record in headlines"),
    Sees(HEADLINES, AMBER_RECORD, NOBODY, "AMBER record in headlines"),
    Sees(HEADLINES, PARTY_REAL_NAME, NOBODY, "party name in headlines"),
    Sees(HEADLINES, APOLOGIES, NOBODY, "attendance in headlines"),
    Sees(HEADLINES, AMBER_ACTION, NOBODY, "action in headlines"),
    # The Minutes hold the WHITE and GREEN record; AMBER and RED items get the stock sentence.
    Sees(MINUTES, AMBER_RECORD, NOBODY, "AMBER record in minutes"),
    Sees(MINUTES, AMBER_ACTION, NOBODY, "AMBER action in minutes"),
    Sees(f"{MINUTES}.md", STOCK_AMBER, frozenset(MEMBERS), "AMBER stock sentence in minutes"),
    Sees(MINUTES, APOLOGIES, frozenset(MEMBERS), "apologies in minutes"),
    Sees(MINUTES, STOCK_RED, frozenset(MEMBERS), "stock sentence in minutes"),
    Sees(MINUTES, RED_RECORD, NOBODY, "RED record in minutes"),
    Sees(MINUTES, RED_SUB_POINT, NOBODY, "RED sub-point in minutes"),
    Sees(MINUTES, PARTY_REAL_NAME, NOBODY, "party name in minutes"),
    Sees(CONFIDENTIAL, RED_RECORD, frozenset(ATTENDEES), "RED record in confidential"),
    Sees(CONFIDENTIAL, RED_SUB_POINT, frozenset(ATTENDEES), "RED sub-point in confidential"),
    # A party's real name is the party's own and the secretariat's: being recorded at the
    # meeting does not reveal it (docs/access.md).
    Sees(CONFIDENTIAL, PARTY_REAL_NAME, frozenset({"officer"}), "party name in confidential"),
    Sees(CONFIDENTIAL, AMBER_RECORD, frozenset(MEMBERS), "AMBER record in confidential"),
    Sees(CONFIDENTIAL, AMBER_ACTION, frozenset(MEMBERS), "AMBER action in confidential"),
    Sees(CONFIDENTIAL, APOLOGIES, frozenset(MEMBERS), "apologies in confidential"),
    # A RED paper title goes to its named distribution, not to a meeting's audience.
    Sees(CONFIDENTIAL, RED_PAPER_TITLE, NOBODY, "RED paper title in confidential"),
    # The Markdown files carry the same texts as the pages.
    Sees(f"{HEADLINES}.md", RED_RECORD, NOBODY, "RED record in headlines.md"),
    Sees(f"{MINUTES}.md", AMBER_RECORD, NOBODY, "AMBER record in minutes.md"),
    Sees(f"{CONFIDENTIAL}.md", AMBER_RECORD, frozenset(MEMBERS), "AMBER in confidential.md"),
    Sees(f"{MINUTES}.md", RED_RECORD, NOBODY, "RED record in minutes.md"),
    Sees(f"{CONFIDENTIAL}.md", RED_RECORD, frozenset(ATTENDEES), "RED record in confidential.md"),
    Sees(f"{CONFIDENTIAL}.md", PARTY_REAL_NAME, frozenset({"officer"}), "party in confidential.md"),
]
SEES += [
    Sees("/publications/", "SSC_72_2702", frozenset(everyone()), "portal lists SSC_72"),
    Sees("/publications/", "Minutes", NOBODY, "portal lists no minutes"),
    Sees("/publications/feed.atom", "SSC_72_2702 – SSC Meeting Headlines", frozenset(everyone())),
    Sees("/publications/feed.atom", "Minutes", NOBODY, "feed lists no minutes"),
    Sees("/bodies/SSC/feed.atom", "SSC_72_2702 – SSC Meeting Headlines", frozenset(everyone())),
    Sees("/bodies/SSC/feed.atom", "Minutes", NOBODY, "a body's feed lists no minutes"),
    Sees("/bodies/OPSG/feed.atom", "SSC_72_2702", NOBODY, "another body's feed"),
    Sees("/publications/headlines/feed.atom", "SSC_72_2702", frozenset(everyone())),
    Sees("/publications/minutes/feed.atom", "SSC_72_2702", NOBODY, "no public minutes"),
]
