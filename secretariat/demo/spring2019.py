"""The meetings of April to June 2019 whose outcomes the June 2019 SEC Panel Sub-Committee Report
summarises. Highlights are the report's own facts (clean, without the extraction noise); meeting
numbers other than SSC_72's are the demo's own.

Each item here is marked 'report to the Panel' with its heading and report text, as an officer
would mark it; the assurance register adds the SSC's RED assessment items of these meetings. Where the
report states a fact the change and operations registers hold (how many incidents, which Draft
Proposals, which measure's streak), the text holds a placeholder the compile fills from them.
"""

from __future__ import annotations

# body code -> list of meetings: (number, date, start, end, location, items)
# item: (title, label, summary, report heading, report text)
LOCATION = "Gemserv Office, 8 Fenchurch Place, London, EC3M 4AJ"

OPSG_MAY = [
    (
        "Major Incidents",
        "AMBER",
        "The DCC presented its reports on three Major Incidents from April.",
        "Major Incidents",
        "In review of {incidents} Major Incidents from {incident_months}, the OPSG were extremely concerned that large "
        "unexpected volumes of Service Requests, or other volume related issues, was listed by the DCC "
        "as a cause or contributory factor for the outages. This is particularly worrying for Parties as "
        "the DCC was afforded a considerable amount of additional maintenance last year to ensure its "
        "systems were prepared for operating at scale. The DCC has committed to providing the OPSG "
        "assurance that its Service Providers have capacity in place to deliver Services according to "
        "requirements.\n\n{incidents_heatmap}",
    ),
    (
        "Communication Hub Firmware Updates",
        "GREEN",
        "A Large Supplier member raised concerns with the approach to Firmware updates for DCC "
        "Communication Hubs.",
        "Communication Hub Firmware Updates",
        "A Large Supplier member highlighted several concerns with the approach to Firmware updates for "
        "DCC Communication Hubs. The OPSG agreed that the process as it stands is not as it should be "
        "and, also, that the number of defects being encountered within Firmware is very problematic. "
        "The DCC agreed to recirculate the existing Firmware roadmap and summary of migration pathways, "
        "and to consider updating and improving them as necessary. The OPSG also emphasised the urgency "
        "to correct this process, in light of the DCC planned Over The Air (OTA) upgrade for R1.X to "
        "R2.0 hubs later this year. A further concern is that {streaks}.\n\n{measures_heatmap}",
    ),
    (
        "SSI Enhancements and Transition",
        "WHITE",
        "The OPSG noted the progress of the Self-Service Interface enhancements.",
        "SSI Enhancements and Transition",
        "The OPSG noted that the work to improve the Self-Service Interface (SSI) under the interim "
        "arrangements approved by the Panel is now coming to an end. A closure report summarising the "
        "outcomes, costs, and benefits of this work will be prepared for the Panel. Subsequent work on "
        "the SSI will be conducted under the enduring provisions put in place by SEC Modification "
        "SECMP0058 'Changes to the governance of the Self-Service Interface', to be implemented on 27 "
        "June 2019.",
    ),
    (
        "Live Services Criteria SMETS1 Enrolment",
        "GREEN",
        "The OPSG considered the initial draft of the Live Services Criteria from the DCC.",
        "Live Services Criteria SMETS1 Enrolment",
        "The OPSG has now received an initial draft of the Live Services Criteria (LSC) document from "
        "the DCC, and will be providing initial feedback to the DCC on 10 June 2019. The DCC has agreed "
        "to provide a further updated version of the LSC documents on 17 June prior to its planned "
        "final submission on 5 July 2019. The OPSG will be holding an extraordinary meeting on 12 July "
        "2019 to formally review the final LSC submission from the DCC, to formulate its recommendation "
        "for Panel consideration. The OPSG noted that the commencement of live migration operations "
        "proposed by DCC would be restricted to a defined subset of the IOC.",
    ),
]

DQSG_MAY = [
    (
        "Data Quality Issues",
        "GREEN",
        "The DQSG reviewed and reprioritised its issue register.",
        "Data Quality Issues Sub-Group",
        "The OPSG Data Quality Sub-Group (DQSG) advised that it was proposing to close some issues and "
        "had undertaken a reprioritisation exercise of the remaining issues from the original Request "
        "for Information. It was noted that, in order to move forward with the issue of 'Incorrect DNO "
        "certificates on Meters', a report from the DCC showing which certificates are on all meters "
        "for Network operators to check would be required. This report has been outstanding for some "
        "time. The DCC has committed to produce the report as soon as possible or inform the OPSG why "
        "this is not possible. The 'WAN Coverage Checker Accuracy' issue has been resolved; however, "
        "this has revealed another issue with incomplete address data due to the field not being "
        "mandatory in the DCC User Interface Specification (DUIS).",
    ),
]

SSC_MAY_A = [
    (
        "SMETS1 Appropriate Standards",
        "GREEN",
        "The User CIO presented draft guidance on an 'Appropriate Standard' for SMETS1.",
        "SMETS1 Appropriate Standards",
        "An update was provided to SSC members on the development of guidance for Users from the User "
        "CIO concerning how to prepare for User Security Assessments and how to interpret the SEC "
        "obligations in respect of the application of an 'Appropriate Standard' of security to be "
        "applied to SMETS1 Smart Metering Systems. The SSC considered the proposed recommendations and "
        "agreed that further information would be required to consider an assurance approach.",
    ),
    (
        "Sub-Committee Input During the Modification Process",
        "WHITE",
        "SECAS presented the framework for sub-committee input to modifications.",
        "Sub-Committee Input During the Modification Process",
        "The SSC were provided with an update which was previously presented to the OPSG, and Technical "
        "Architecture and Business Architecture Sub-Committee (TABASC), which summarised the framework "
        "for assessing Draft Proposals and Modification Proposals with the intention to seek the "
        "Sub-Committee's input into their development moving forward.",
    ),
]

SSC_MAY_B = [
    (
        "Post Commissioning Report",
        "AMBER",
        "The SSC Chair reported on the Post Commissioning Reports received from the DCC.",
        "Post Commissioning Report",
        "The SSC Chair noted that the last Post Commissioning Report received was on 5 April 2019 for "
        "the period ending February 2019 and noted that the DCC had experienced problems in providing "
        "the data. However, the SSC requested the next Post-Commissioning Report as soon as practically "
        "possible.\n\nThe SSC noted the update and agreed that a further discussion should be held at "
        "the next SSC meeting on 12 June 2019 to discuss findings of the report in depth.",
    ),
    (
        "SOC2 Final Report",
        "RED",
        "The DCC presented the breakdown of findings within the SOC2 Report.",
        "SOC2 Final Report",
        "The DCC presented the breakdown of findings within the SOC2 Report via an excel collated "
        "spreadsheet. The SSC agreed for a further update to be provided at the SSC meeting on "
        "Wednesday 26 June 2019.",
    ),
    (
        "SEC and NIS / CAF Alignment",
        "GREEN",
        "The SSC Chair proposed aligning the SEC security documents with the NIS Directive and CAF.",
        "SEC and NIS / CAF Alignment",
        "The SSC were provided with a proposal by the SSC Chair to align the Agreed Interpretations and "
        "Security Controls Framework (SCF) Part 2, to demonstrate how the requirements of the Network "
        "Information Systems (NIS) Directive and its associated Cyber Assessment Framework (CAF) align "
        "with the SEC Security Requirements.",
    ),
]

SMKIPMA_MAY = [
    (
        "SMETS1 Update",
        "AMBER",
        "The DCC updated the SMKI PMA on SMETS1 Device Installation and key recovery.",
        "SMETS1 Update",
        "The SMKI PMA were provided with an update on SMETS1 Device Installation and SMKI XML Signing "
        "Key Recovery, with a further update regarding DCC/nCipher proposals and SMETS1 Initial "
        "Operating Capability (IOC) Live Services Criteria.",
    ),
    (
        "New Draft Proposals and Modification Proposals",
        "WHITE",
        "SECAS presented the new Draft Proposals DP071 to DP076.",
        "New Draft Proposals and Modification Proposals",
        "SECAS presented to the SMKI PMA the new Draft Proposals that have been raised since the April "
        "SMKI PMA meeting specifically Draft Proposals {draft_proposals}. It was confirmed that there were no "
        "further updates to DP073 'alteration of SMKI repository information and documentation' and "
        "DP074 'clarity on obtaining SMKI device certificates' which had been raised, however DP075 "
        "'third party metering service providers' was supported by the Security Sub-Committee's "
        "decision and views regarding the proposal. No further comments were raised on the remaining "
        "Draft Proposals, noting that these did not impact the SMKI arrangements.",
    ),
]

TABASC_MAY = [
    (
        "SMETS1 Services Release BAD and TAD",
        "WHITE",
        "The SMETS1 Services Release architecture documents are being updated after industry review.",
        "SMETS1 Services Release Business Architecture Document (BAD) & Technical Architecture Document (TAD)",
        "The SMETS1 Services Release Business Architecture Document (BAD) and Technical Architecture "
        "Document (TAD) are being updated following the industry review. The final documents are "
        "scheduled to be published on 10 June 2019.",
    ),
    (
        "New Draft Proposals and Modification Proposals",
        "WHITE",
        "The TABASC noted four new Draft Proposals.",
        "New Draft Proposals and Modification Proposals",
        "The TABASC noted the following four new Draft Proposals that have been raised since the April "
        "meeting, and confirmed its involvement is not required at this point:\n\n"
        "{draft_proposal_list}",
    ),
    (
        "2020 SEC Releases",
        "WHITE",
        "SECAS presented the proposed scope of the June and November 2020 SEC Releases.",
        "2020 SEC Releases",
        "SECAS provided the TABASC with the proposed scope of the June 2020 and November 2020 SEC "
        "Releases. The TABASC provided their views on the impacts of the modifications targeted for "
        "each release.",
    ),
]

TAG_MAY = [
    (
        "Release 2.0",
        "GREEN",
        "The DCC updated the TAG on SIT completion and Device Integration Testing for Release 2.0.",
        "Release 2.0",
        "DCC provided an update on the resolution of the issues that have been impacting SIT completion "
        "for the north region; the TAG agreed that the exit criteria have been met, leaving only "
        "Fylingdales Communications Hub variant remaining.\n\nDCC also provided an update on the "
        "challenges they have faced in gaining sub-GHz Devices to complete Release 2 Device Integration "
        "Testing (DIT). BEIS has agreed with a recommendation from the DCC to complete R2.0 without a "
        "second manufacturer's devices, subject to conditions. TAG will work with DCC to share "
        "information about asset availability for the regression testing agreed.",
    ),
    (
        "SMETS1",
        "GREEN",
        "The TAG reviewed the SMETS1 go-live timetable, migration testing and capacity testing.",
        "SMETS1",
        "A revised timetable for go-live decision making has been shared and agreed between DCC and TAG "
        "(and other sub-committees). Extra TAG meetings are being scheduled to support the timetable.\n\n"
        "The TAG's focus remains on migration testing and system capacity testing.\n\nThe DCC's "
        "consultation on the Migration Testing Approach Document has completed, and the DCC is expected "
        "to submit the final document to BEIS prior to the Panel meeting. DCC is now engaging regarding "
        "the 'Breadth and Depth' of migration testing and a briefing session arranged for 13 June. A "
        "current point of discussion is ensuring that Devices continue to work, and no data is lost, "
        "after applying a new meter configuration prior to Device migration onto the DCC Systems.\n\n"
        "DCC held a briefing session in May to explain the approach to system capacity testing. The lack "
        "of an integrated performance testing environment has led to testing on a component-by-component "
        "basis. Subject to this caveat and some queries around assumption used, the approach to load "
        "testing appears sound.",
    ),
    (
        "November 19 Release",
        "WHITE",
        "The TAG began its engagement on the November 2019 Release.",
        "November 19 Release",
        "As previously mentioned, engagement with TAG regarding the November 19 Release has commenced. "
        "The changes appear relatively simple. The complexity will arise from the use of environments "
        "and code management to test multiple releases in quick succession — IOC, MOC, FOC, November 19, "
        "plus issue resolution. The DCC has committed to providing environment plans and code "
        "management plans.",
    ),
]

# (body code, number, date, items). SSC meetings carry no highlight items of their own in April:
# their business was the assessments and Director's Letters the assurance register records.
MEETINGS = [
    ("PANEL", 68, "2019-04-12", []),
    ("SSC", 75, "2019-04-10", []),
    ("SSC", 76, "2019-04-24", []),
    ("OPSG", 31, "2019-04-16", []),
    ("SMKIPMA", 52, "2019-04-16", []),
    ("TABASC", 44, "2019-04-04", []),
    ("PANEL", 69, "2019-05-17", []),
    ("SSC", 77, "2019-05-08", SSC_MAY_A),
    ("SSC", 78, "2019-05-22", SSC_MAY_B),
    ("OPSG", 32, "2019-05-14", OPSG_MAY),
    ("DQSG", 12, "2019-05-09", DQSG_MAY),
    ("SMKIPMA", 53, "2019-05-21", SMKIPMA_MAY),
    ("TABASC", 45, "2019-05-02", TABASC_MAY),
    ("TAG", 38, "2019-05-15", TAG_MAY),
    ("PANEL", 70, "2019-06-14", []),
    ("SSC", 79, "2019-06-12", []),
]
