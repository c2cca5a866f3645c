"""The demo register matches the seeds and loads idempotently."""

from __future__ import annotations

from django.apps import apps

from secretariat.assurance.models import AgendaLink
from secretariat.audit.models import AuditEvent
from secretariat.demo import assurance as demo
from secretariat.demo.loader import Demo
from secretariat.meetings.models import AgendaItem, Outcome


def _counts() -> dict[str, int]:
    models = [*apps.get_app_config("assurance").get_models(), AgendaItem, Outcome, AuditEvent]
    return {model.__name__: model.objects.count() for model in models}


def test_it_adds_nothing_when_loaded_again(db):
    before = _counts()
    demo.load(Demo())
    assert _counts() == before


def test_it_links_ssc_72s_items_rather_than_adding_new_ones(db):
    links = AgendaLink.objects.filter(item__meeting__reference="SSC_72_2702").select_related("item")
    titles = {link.item.number: (link.item.title, str(link.record)) for link in links}
    assert titles == {
        3: ("Full User Security Assessment – Other User 'L'", "FUSA – Other User 'L'"),
        4: (
            "Verification User Security Assessment – Small Supplier 'AA'",
            "VUSA – Small Supplier 'AA'",
        ),
        5: (
            "Verification User Security Assessment – Small Supplier 'AE'",
            "VUSA – Small Supplier 'AE'",
        ),
        6: (
            "Verification User Security Assessment – Small Supplier 'B'",
            "VUSA – Small Supplier 'B'",
        ),
        7: ("Security Self-Assessment – Other User 'I'", "SSA – Other User 'I'"),
        8: ("Directors Letter – Small Supplier 'N'", "Director's Letter – Small Supplier 'N'"),
        9: (
            "Notification of a Second or Subsequent User System – Large Supplier 'B'",
            "Notification of a Second or Subsequent User System – Large Supplier 'B'",
        ),
    }
    assert AgendaItem.objects.filter(meeting__reference="SSC_72_2702", parent=None).count() == 20
