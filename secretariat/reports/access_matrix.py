"""The Panel report's addresses against every persona, and what each persona reads there.

In the demo the June 2019 report (PANEL_70_1406) is published; the May 2019 Panel meeting
(PANEL_69_1705) has no report, so only the officer sees its draft. Appendix A goes to its named
distribution, fixed when the June report was issued: `panel` (a Panel member then) and `officer`
(who compiled it); nobody else, and nobody for the unopened May report."""

from __future__ import annotations

from secretariat.access_matrix import PERSONAS, Route, Sees, everyone, only

ALL = frozenset(PERSONAS)
APPENDIX_READERS = frozenset({"officer", "panel"})
OFFICER = frozenset({"officer"})

JUNE = "/reports/panel/2019-06"
MAY = "/reports/panel/2019-05"

ROUTES = [
    Route("reports:panel-report", f"{JUNE}/", everyone(200)),
    Route("reports:panel-report", f"{JUNE}/?version=1", everyone(200)),
    Route("reports:panel-report", f"{JUNE}/?version=9", everyone(404)),
    Route("reports:panel-report", f"{JUNE}/?draft", only(OFFICER)),
    Route("reports:panel-report", f"{MAY}/", only(OFFICER)),
    Route("reports:panel-report", "/reports/panel/2019-07/", everyone(404)),
    Route("reports:panel-report", "/reports/panel/2019-13/", everyone(404)),
    *(
        Route("reports:panel-report-file", f"{JUNE}.{fmt}", everyone(200))
        for fmt in ("md", "pdf", "docx")
    ),
    Route("reports:panel-report-file", f"{MAY}.md", only(OFFICER)),
    Route("reports:appendix", f"{JUNE}/appendix-a", only(APPENDIX_READERS)),
    Route("reports:appendix", f"{JUNE}/appendix-a?draft", only(OFFICER)),
    # Appendix A goes to its named distribution; a report nobody has opened has no compiling
    # officer, and a secretariat role alone puts nobody on it.
    Route("reports:appendix", f"{MAY}/appendix-a", everyone(404)),
    *(
        Route("reports:appendix-file", f"{JUNE}/appendix-a.{fmt}", only(APPENDIX_READERS))
        for fmt in ("md", "pdf", "docx")
    ),
    Route("reports:compile", f"{JUNE}/compile", only(OFFICER)),
    Route("reports:compile", f"{MAY}/compile", only(OFFICER)),
    Route("reports:section-edit", f"{JUNE}/sections/3.2", only(OFFICER)),
    Route("reports:section-edit", f"{JUNE}/sections/3", everyone(404)),
    Route(
        "reports:section-edit",
        f"{JUNE}/sections/3.2",
        only(OFFICER, 302),
        method="post",
        data={"text": "During May 2019 the SSC reviewed five VUSAs.", "reason": "Shorter."},
    ),
    Route(
        "reports:open",
        f"{MAY}/open",
        only(OFFICER, 302),
        method="post",
        data={"author": "Sam Okafor"},
    ),
    Route(
        "reports:open",
        f"{JUNE}/open",
        only(OFFICER, 400),
        method="post",
        data={"author": "Sam Okafor"},
    ),
    Route(
        "reports:publish",
        f"{JUNE}/publish",
        only(OFFICER, 302),
        method="post",
        data={"part": "report", "reason": "A correction to test the matrix."},
    ),
    Route(
        "reports:publish",
        f"{JUNE}/publish",
        only(OFFICER, 400),
        method="post",
        data={"part": "report"},
    ),
    # The demo's counts agree with its outcomes: there is nothing to resolve.
    Route(
        "reports:count-resolve",
        f"{JUNE}/counts",
        only(OFFICER, 400),
        method="post",
        data={"key": "incident:1:uncounted", "reason": "A test of the matrix."},
    ),
]

# A RED and an AMBER text of the demo's June 2019 report, and a party's real name.
NON_COMPLIANCE = "Change of Shared Resource Provider not risk-assessed"
SOC2 = "breakdown of findings within the SOC2 Report"
REAL_NAME = "Quayside Metering Ltd"

SEES = [
    Sees(f"{JUNE}/", "set two Assurance status", ALL, "WHITE count sentence"),
    Sees(f"{JUNE}/", "Data Quality Issues Sub-Group", ALL, "WHITE highlight"),
    Sees(f"{JUNE}/", SOC2, frozenset(), "AMBER highlight never in the body"),
    Sees(f"{JUNE}/", NON_COMPLIANCE, frozenset(), "RED appendix row never in the body"),
    Sees(f"{JUNE}.md", NON_COMPLIANCE, frozenset(), "RED appendix row never in the Markdown"),
    Sees(f"{JUNE}/appendix-a", NON_COMPLIANCE, APPENDIX_READERS, "RED appendix row"),
    Sees(f"{JUNE}/appendix-a.md", NON_COMPLIANCE, APPENDIX_READERS, "RED appendix row (Markdown)"),
    Sees(f"{JUNE}/appendix-a", SOC2, APPENDIX_READERS, "AMBER highlight, in the appendix"),
    Sees(f"{JUNE}/appendix-a", "Other User &#x27;M&#x27;", APPENDIX_READERS, "pseudonym"),
    Sees(f"{JUNE}/appendix-a", REAL_NAME, frozenset(), "real name: no audience is cleared"),
    Sees(f"{JUNE}/compile", REAL_NAME, OFFICER, "real name, for the officer only"),
    Sees(f"{JUNE}/compile", "SOC2 Final Report", OFFICER, "where the AMBER highlight went"),
]
