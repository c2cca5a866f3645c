"""SSC meeting 72 of 27 February 2019, from the facts of its public Meeting Headlines.

The public summaries and outcomes are the seed's; the restricted texts are invented stand-ins
for what the Confidential Minutes would hold, so that the demo shows what each reader is spared.
"""

from __future__ import annotations

S = "summary"
R = "restricted_text"

# Sub-points of item 1 (Matters Arising): (label, summary, outcomes, restricted text).
MATTERS_ARISING = [
    (
        "RED",
        "",
        [
            (
                "NOTED",
                "the consultancy assignment for 'Mitigating Security Risks from "
                "Internet-Connected Devices'",
            )
        ],
        "Demo confidential record: supplier shortlist and budget for the consultancy assignment.",
    ),
    (
        "WHITE",
        "An update was provided whereby the Working Group met on 26 February 2019 in order to "
        "discuss and review the risks for SECMP0037 'Pairing Local PPMIDS' and SECMP0038 "
        "'Sending Commands via PPMIDS'. The outcome of the meeting advised for the SSC to review "
        "the Working Group's Risk Assessment at a future SSC meeting.",
        [],
        "",
    ),
    (
        "RED",
        "",
        [
            (
                "NOTED",
                "the request from the SEC Panel to consider a Supplier of Last Resort "
                "(SoLR) Scenario",
            )
        ],
        "Demo confidential record: the SoLR scenario names the failing supplier's systems.",
    ),
    (
        "WHITE",
        "An update was provided regarding changes to the SEC taking place on 28 February 2019 in "
        "order to implement SECMP0057 'Users to notify SSC of a Second or Subsequent User "
        "System' and SECMP0059 'Amendments to SEC Security Assessments for Non-Domestic "
        "Suppliers and Other Users'.",
        [],
        "",
    ),
    (
        "WHITE",
        "",
        [
            (
                "NOTED",
                "the update in relation to the SEC changes currently due to take place on "
                "11 March 2019 to transition responsibility to the SSC for CPA and "
                "Security Characteristics maintenance",
            )
        ],
        "",
    ),
    (
        "WHITE",
        "",
        [
            (
                "NOTED",
                "that comments on the SMETS1 Device Assurance Guidance paper produced by "
                "PA Consulting are due by close of play today 27 February 2019",
            )
        ],
        "",
    ),
]

STANDING = [
    ("RED", "CPA monitoring of 'conditional' CPA Certificates;"),
    ("WHITE", "Anomaly Detection Update;"),
    ("WHITE", "Shared Resource Notifications; and"),
    ("WHITE", "Security Incident and Vulnerabilities."),
]


def _assessment(number, title, party, summary, verb, text, kind="regular"):
    return {
        "number": number,
        "kind": kind,
        "label": "RED",
        "title": title,
        "party": party,
        S: summary,
        R: f"Demo confidential record of {title}: findings, ratings and the status set.",
        "outcomes": [(verb, text)],
    }


ITEMS = [
    {
        "number": 1,
        "kind": "matters_arising",
        "label": "WHITE",
        "title": "Matters Arising",
        S: "Updates were noted on the following Matters Arising;",
        "withheld_notice": False,
        "sub_points": MATTERS_ARISING,
    },
    {
        "number": 2,
        "kind": "minutes",
        "label": "WHITE",
        "title": "Minutes and Actions Outstanding",
        S: "The SSC noted that no comments were received for the Draft Minutes and Confidential Minutes "
        "from the SSC meeting held on Wednesday, 13 February 2019.\n\nAll outstanding actions were "
        "marked as complete or on target for completion, with several updates provided under "
        "separate meeting agenda items.",
        "withheld_notice": False,
        # Written into the first paragraph's sentence, as the seed writes it.
        "outcomes": [
            ("APPROVED", "the Draft Minutes and the Confidential Draft Minutes as written", 1)
        ],
    },
    _assessment(
        3,
        "Full User Security Assessment – Other User 'L'",
        ("other_user", "L"),
        "The SSC considered Other User 'L's Full User Security Assessment.",
        "AGREED",
        "the Assurance Status for Other User 'L'",
    ),
    _assessment(
        4,
        "Verification User Security Assessment – Small Supplier 'AA'",
        ("small_supplier", "AA"),
        "The SSC considered Small Supplier 'AA's Verification User Security Assessment.",
        "AGREED",
        "the Compliance Status for Small Supplier 'AA'",
    ),
    _assessment(
        5,
        "Verification User Security Assessment – Small Supplier 'AE'",
        ("small_supplier", "AE"),
        "The SSC considered Small Supplier 'AE's Verification User Security Assessment.",
        "AGREED",
        "the Compliance Status for Small Supplier 'AE'",
    ),
    _assessment(
        6,
        "Verification User Security Assessment – Small Supplier 'B'",
        ("small_supplier", "B"),
        "The SSC considered Small Supplier 'B's Verification User Security Assessment.",
        "AGREED",
        "the Compliance Status for Small Supplier 'B'",
    ),
    _assessment(
        7,
        "Security Self-Assessment – Other User 'I'",
        ("other_user", "I"),
        "The SSC considered Other User 'I's Security Self-Assessment.",
        "NOTED",
        "the Self-Assessment and the User CIO report for Other User 'I'",
    ),
    _assessment(
        8,
        "Directors Letter – Small Supplier 'N'",
        ("small_supplier", "N"),
        "The SSC considered Small Supplier 'N's Director's Letter.",
        "APPROVED",
        "the Director's Letter for Small Supplier 'N'",
    ),
    _assessment(
        9,
        "Notification of a Second or Subsequent User System – Large Supplier 'B'",
        ("large_supplier", "B"),
        "The SSC considered the formal notification received by Large Supplier 'B' intending "
        "to employ a second user system.",
        "NOTED",
        "the report of a second user system",
    ),
    {
        "number": 10,
        "label": "GREEN",
        "title": "Self-Assessment Changes for Security Controls Framework (SCF)",
        S: "The SSC were provided with an update regarding the Self-Assessment changes to the Security "
        "Controls Framework which have been endorsed by the User CIO, this work has already been "
        "completed and implemented in the latest version (version 1.2) of the Validation Workbook.",
        "withheld_notice": False,
        "outcomes": [("NOTED", "the update")],
    },
    {
        "number": 11,
        "label": "RED",
        "title": "Quarterly Work Package",
        "presenter": "SECAS",
        S: "SECAS presented the SSC Quarterly Work Package and clarified the activities and associated "
        "costs for the SECAS core team and project resource for the period of April – June 2019.",
        R: "Demo confidential record: the work package's day rates and total cost for April – June 2019.",
        "outcomes": [
            ("NOTED", "the update"),
            ("RECOMMENDED", "the work package for SECCo Board approval"),
        ],
    },
    {
        "number": 12,
        "label": "AMBER",
        "title": "SMETS1 Update",
        "presenter": "DCC",
        S: "The DCC provided an update previously presented to the SMKI PMA which consisted of an "
        "overview of, and background to, the SMETS2 approach for the segmentation of SMKI "
        "certificates. Two options were proposed by the DCC noting that the one that is in the "
        "current design for IOC will be complicated for Suppliers to implement. SSC members were "
        "asked to consider the business impact of both options and the outcome will be considered "
        "at SSC on 13 March.\n\nThe DCC presented four options to check separation of XML and SMKI "
        "keys for SMETS1 with the advantages and disadvantages for each, and the DCC's proposed "
        "conclusion.\n\nThe DCC also provided an update on proposed changes to Section G, "
        "specifically G2.44 and G2.45 whilst noting the current issues with the wording and the "
        "proposed alterations for each Section.",
        R: "Demo confidential record: the DCC's option analysis for SMKI certificate segmentation.",
        "outcomes": [("NOTED", "the update")],
        "actions": [
            (
                "SSC members to consider the business impact of both SMKI certificate segmentation "
                "options and report back.",
                "present",
                "2019-03-13",
            )
        ],
    },
    {
        "number": 13,
        "label": "RED",
        "title": "SMETS1 Draft CIO Report",
        "presenter": "PA Consulting",
        S: "PA Consulting provided an update on the SMETS1 Draft CIO Report which noted that four stages "
        "of the CIO assessment have been completed and clarified the risk assessments undertaken, "
        "the Data Service Provider systems report, the DCO controls report and the S1SP systems "
        "report whilst also highlighting the fundamental key findings within the reports.",
        R: "Demo confidential record: the key findings of the SMETS1 Draft CIO Report.",
        "outcomes": [("NOTED", "the update")],
    },
    {
        "number": 14,
        "label": "RED",
        "title": "SOC2 Draft Report",
        S: "The SSC were provided with an update on the Report Status within the SOC2 Draft Report, "
        "specifically highlighting content regarding management assertions, a description of the "
        "system, information provided by the Service Auditor and other information provided by "
        "Service organisations.",
        R: "Demo confidential record: the SOC2 exceptions raised by the Service Auditor.",
        "outcomes": [("NOTED", "the update")],
    },
    {
        "number": 15,
        "label": "AMBER",
        "title": "DCC Go Live On-Boarding Process – Pre-Live Preparation",
        S: "The SSC were informed of the background and current process within the DCC Go Live "
        "On-Boarding Process whilst outlining a proposed improved and more efficient solution in "
        "relation to the DCC Go-Live On-Boarding Process. It was advised that Utiligroup have been "
        "working with their customers to support them through the DCC On-Boarding process for SEC "
        "Parties to become a DCC User and that, they currently await a two-step approval "
        "notification from the SECAS Security Team to confirm the assurance status that has been "
        "set.\n\nThe potential process improvements were highlighted whilst the SSC considered the "
        "risk to the overall programme and implementation approach of Pre-Live Preparation.",
        R: "Demo confidential record: the parties waiting for on-boarding approval.",
        "outcomes": [("NOTED", "the update")],
    },
    {
        "number": 16,
        "label": "AMBER",
        "title": "CPA Conditional Certificates – Risk Based Decision",
        S: "The SSC were provided with an update on a previous action which was raised to provide an "
        "options paper for the SSC on communications and handling of an SSC decision on whether "
        "Devices that have not been remediated should be removed from the CPL.\n\nThe SSC Chair "
        "provided a proposed 'minded to' position for SSC to consider prior to SSC becoming "
        "responsible for CPA matters in an update to the SEC scheduled to be implemented on 11 "
        "March 2019.",
        R: "Demo confidential record: the 'minded to' position and the devices it concerns.",
        "outcomes": [("NOTED", "the update")],
        "actions": [
            (
                "SSC Chair to circulate the 'minded to' position on conditional CPA Certificates "
                "for comment.",
                "chair",
                "2019-03-13",
            )
        ],
    },
    {
        "number": 17,
        "label": "AMBER",
        "title": "CPA Certificates and Bulk Ordering Devices",
        S: "The SSC considered the need to make a risk-based decision on whether to remove devices that "
        "have not been remediated by 25th June from the CPL. The National Cyber Security Centre "
        "(NCSC) were asked to assist the SSC decision-making by articulating and calibrating "
        "Security risks arising from MISRA violations.",
        R: "Demo confidential record: device models with outstanding MISRA violations.",
        "outcomes": [("NOTED", "the update")],
    },
    {
        "number": 18,
        "label": "RED",
        "title": "Issues arising from the Use of SPOTI",
        S: "The SSC provided clarification regarding issues arising from the Use of SMKI Portal via The "
        "Internet (SPOTI) which was previously presented to the SMKI PMA on 19 February 2019.",
        R: "Demo confidential record: the SPOTI weaknesses reported and who reported them.",
        "outcomes": [
            ("NOTED", "the update"),
            ("AGREED", "to seek NCSC advice and legal advice on changes to the SEC"),
        ],
        "actions": [
            (
                "SECAS to seek NCSC advice and legal advice on changes to the SEC arising from the "
                "use of SPOTI.",
                "officer",
                "2019-03-27",
            )
        ],
    },
    {
        "number": 19,
        "kind": "standing",
        "label": "RED",
        "title": "Standing Agenda Items",
        S: "The SSC were provided with updates on the following standing agenda items:",
        "withheld_notice": False,
        "standing": STANDING,
    },
    {
        "number": 20,
        "kind": "aob",
        "label": "RED",
        "title": "Any Other Business (AOB)",
        S: "No additional items of business were raised, and the Chair closed the meeting.",
        "withheld_notice": False,
    },
]

PAPERS = [
    # (reference, title, paper label, title label, item numbers)
    ("SSC_72_03", "Full User Security Assessment – Other User 'L'", "RED", "WHITE", [3]),
    ("SSC_72_11", "SSC Quarterly Work Package April – June 2019", "RED", "WHITE", [11]),
    ("SSC_72_12", "SMETS1 SMKI certificate segmentation options", "AMBER", "WHITE", [12]),
    ("SSC_72_13", "SMETS1 Draft CIO Report (draft findings)", "RED", "RED", [13]),
]
