"""Every write to the security assurance register. Each service validates first, runs in one
transaction and records an audit event; views, commands, the admin and the demo call these."""

from secretariat.assurance.services.configuration import (
    regime_create,
    regime_update,
    rule_set,
    rule_update,
    status_create,
    status_name_add,
    status_name_update,
    status_update,
)
from secretariat.assurance.services.decisions import (
    agenda_place,
    letter_approve,
    noncompliance_refer,
    notification_decide,
    record_link,
    standard_summary,
    standard_title,
    status_decide,
    status_set,
)
from secretariat.assurance.services.parties import party_role_add, portfolio_record
from secretariat.assurance.services.records import (
    assessment_create,
    assessment_update,
    letter_submit,
    noncompliance_add,
    noncompliance_update,
    notification_receive,
    plan_add,
    plan_update,
    record_relabel,
)

__all__ = [
    "agenda_place",
    "assessment_create",
    "assessment_update",
    "letter_approve",
    "letter_submit",
    "noncompliance_add",
    "noncompliance_refer",
    "noncompliance_update",
    "notification_decide",
    "notification_receive",
    "party_role_add",
    "plan_add",
    "plan_update",
    "portfolio_record",
    "record_link",
    "record_relabel",
    "regime_create",
    "regime_update",
    "rule_set",
    "rule_update",
    "standard_summary",
    "standard_title",
    "status_create",
    "status_decide",
    "status_name_add",
    "status_name_update",
    "status_set",
    "status_update",
]
