"""The vocabularies and cycle rules a new workspace starts with. Officers change them in the back
office; these are only the first rows, each with the dates from which it applies.

Status names follow DESIGN.md. The Assurance Statuses were renamed in February 2020: the same four
statuses, in the same order, read differently before and after (so the third status reads
'Provisionally Approved' on a 2019 record and 'Deferred' on a 2021 one).

The Compliance Status list is ours, not the Code's: the SEC leaves it to the SSC, so we start with
four statuses an SSC would plausibly use and let officers change them.

The cycle rules are our reading of SEC Section G8 and of SECMP0059 (implemented 28 February 2019):

* Before SECMP0059 a party's band was set by domestic premises alone (more than 250,000 is
  'above'). Supplier and Network Parties above it took a Full User Security Assessment (FUSA)
  every year; those within it a FUSA, then a Verification assessment (VUSA), then a
  Self-Assessment (SSA). Other Users took a FUSA and then Self-Assessments.
* From 28 February 2019 non-domestic premises count too (threshold 50,000), weighed together
  with domestic premises for a mixed portfolio (domestic/250,000 + non-domestic/50,000 above 1
  is 'above'; the Code's own equation is not in our sources, so this is our assumption), and
  Other Users take a VUSA in year 2 instead of an SSA, like Small Suppliers.
* Shared Resource Providers and the DCC have no rule: they are not assessed as Users here.
* Each assessment falls due 12 months after the previous one's fieldwork, as the SSC asked from
  August 2019 (SCF 1.16); cycles are three years and start with a FUSA.
"""

from __future__ import annotations

import datetime as dt

D = dt.date

StatusRows = list[tuple[str, str, list[tuple[str, dt.date, dt.date | None]]]]

ASSURANCE_STATUSES: StatusRows = [
    # key, description, [(name, valid from, valid to)]
    (
        "approved",
        "The User may use the DCC Systems.",
        [("Approved", D(2013, 9, 23), None)],
    ),
    (
        "approved_subject_to",
        "Approved, subject to the User doing what the SSC specified.",
        [
            ("Approved subject to", D(2013, 9, 23), D(2020, 1, 31)),
            ("Approved, subject to…", D(2020, 2, 1), None),
        ],
    ),
    (
        "not_yet_approved",
        "Not yet approved: a follow-up assessment is needed.",
        [
            ("Provisionally Approved", D(2013, 9, 23), D(2020, 1, 31)),
            ("Deferred", D(2020, 2, 1), None),
        ],
    ),
    (
        "refused",
        "The risks are too great for the User to use the DCC Systems.",
        [
            ("Deferred", D(2013, 9, 23), D(2020, 1, 31)),
            ("Rejected", D(2020, 2, 1), None),
        ],
    ),
]

COMPLIANCE_STATUSES: StatusRows = [
    ("compliant", "No non-compliance found.", [("Compliant", D(2013, 9, 23), None)]),
    (
        "compliant_with_observations",
        "Compliant; the User CIO made observations the User should consider.",
        [("Compliant, with observations", D(2013, 9, 23), None)],
    ),
    (
        "subject_to_remediation",
        "Compliant once an agreed remediation plan is carried out.",
        [("Compliant, subject to remediation", D(2013, 9, 23), None)],
    ),
    (
        "non_compliant",
        "Non-compliant with obligations of Sections G3 to G6.",
        [("Non-compliant", D(2013, 9, 23), None)],
    ),
]

SUPPLIERS_AND_NETWORKS = (
    "large_supplier",
    "small_supplier",
    "electricity_network",
    "gas_network",
)

# name, valid from, valid to, domestic threshold, non-domestic threshold, combine, rules
# rules: {(categories, band): (year 1, year 2, year 3)}
Rules = dict[tuple[tuple[str, ...], str], tuple[str, str, str]]
REGIMES: list[tuple[str, dt.date, dt.date | None, int, int | None, bool, Rules]] = [
    (
        "SEC G8 as designated",
        D(2013, 9, 23),
        D(2019, 2, 27),
        250_000,
        None,
        False,
        {
            (SUPPLIERS_AND_NETWORKS, "above"): ("fusa", "fusa", "fusa"),
            (SUPPLIERS_AND_NETWORKS, "within"): ("fusa", "vusa", "ssa"),
            (("other_user",), "any"): ("fusa", "ssa", "ssa"),
        },
    ),
    (
        "SEC G8 as amended by SECMP0059",
        D(2019, 2, 28),
        None,
        250_000,
        50_000,
        True,
        {
            (SUPPLIERS_AND_NETWORKS, "above"): ("fusa", "fusa", "fusa"),
            (SUPPLIERS_AND_NETWORKS, "within"): ("fusa", "vusa", "ssa"),
            (("other_user",), "any"): ("fusa", "vusa", "ssa"),
        },
    ),
]


def install(apps=None) -> None:
    """Create the default statuses and rules that are missing; never change existing ones.

    `apps` is a migration's app registry, or None for the live models."""
    if apps is None:
        from django.apps import apps as registry

        apps = registry
    Status = apps.get_model("assurance", "Status")
    StatusName = apps.get_model("assurance", "StatusName")
    Regime = apps.get_model("assurance", "AssessmentRegime")
    Rule = apps.get_model("assurance", "CycleRule")
    for kind, statuses in (("assurance", ASSURANCE_STATUSES), ("compliance", COMPLIANCE_STATUSES)):
        for position, (key, description, names) in enumerate(statuses, start=1):
            status, created = Status.objects.get_or_create(
                kind=kind,
                key=key,
                defaults={"position": position, "description": description},
            )
            if not created:
                continue
            for name, valid_from, valid_to in names:
                StatusName.objects.create(
                    status=status, name=name, valid_from=valid_from, valid_to=valid_to
                )
    for name, valid_from, valid_to, domestic, non_domestic, combine, rules in REGIMES:
        regime, created = Regime.objects.get_or_create(
            name=name,
            defaults={
                "valid_from": valid_from,
                "valid_to": valid_to,
                "domestic_threshold": domestic,
                "non_domestic_threshold": non_domestic,
                "combine_portfolio": combine,
                "cycle_years": 3,
                "interval_months": 12,
            },
        )
        if not created:
            continue
        for (categories, band), kinds in rules.items():
            for category in categories:
                for year, kind in enumerate(kinds, start=1):
                    Rule.objects.create(
                        regime=regime, category=category, band=band, cycle_year=year, kind=kind
                    )
