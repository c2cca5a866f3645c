"""Every write names its actor: a signed-in user or a named system actor; `actor=None` is
refused and nothing is written."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from secretariat.audit.models import AuditEvent
from secretariat.core.services import DEMO_LOADER, ServiceError
from secretariat.directory.models import Body
from secretariat.directory.services import body_create


@pytest.mark.django_db
@pytest.mark.parametrize("actor", [None, AnonymousUser(), "officer"])
def test_it_refuses_a_write_without_a_real_actor(actor):
    before = (Body.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ServiceError) as error:
        body_create(actor=actor, code="ZZZ", name="Nobody's Group")
    assert "actor" in error.value.message_dict
    assert (Body.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.django_db
def test_it_names_a_user_and_a_system_actor(officer):
    body_create(actor=officer, code="ZZA", name="Officer's Group")
    body_create(actor=DEMO_LOADER, code="ZZB", name="Loader's Group")
    events = {e.object_id: e for e in AuditEvent.objects.filter(verb="body.create")}
    by_code = {b.code: str(b.pk) for b in Body.objects.filter(code__in=["ZZA", "ZZB"])}
    assert events[by_code["ZZA"]].actor_name == "officer"
    assert events[by_code["ZZA"]].actor_id == officer.pk
    assert events[by_code["ZZB"]].actor_name == "system:demo"
    assert events[by_code["ZZB"]].actor_id is None


@pytest.mark.django_db
def test_every_audit_event_of_the_demo_names_its_actor():
    assert AuditEvent.objects.exists()
    assert not AuditEvent.objects.filter(actor_name="").exists()
