"""Fixtures shared by every test: the demo workspace, loaded once per run, and the personas.

Personas (all demo accounts, password `demo`):
  officer  secretariat officer (minuted SSC_72, so recorded there as secretariat); staff with
           the officers' permissions, not a superuser
  chair    SSC chair, present at SSC_72
  present  SSC member recorded present at SSC_72
  absent   SSC member who sent apologies to SSC_72
  party    a user of Small Supplier 'AA'
  panel    a Panel member, present at the June 2019 Panel meeting
  outsider a signed-in account that belongs to no SEC Party
  breakglass a superuser of no party and no seat: reads as an outsider until elevated
  auditor  an account of no party and no seat in the Auditors group: the ledger, the audit
           trail and the deliveries, content only at their own standing
  anonymous the public, not signed in
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from secretariat.core.testing import sign_in

PERSONAS = (
    "officer",
    "chair",
    "present",
    "absent",
    "party",
    "panel",
    "outsider",
    "breakglass",
    "auditor",
    "anonymous",
)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo workspace into the test database once; each test runs in a transaction
    that is rolled back, so tests may change it freely."""
    from secretariat.demo.loader import load_demo

    with django_db_blocker.unblock():
        load_demo()


@pytest.fixture(autouse=True)
def _loopback(settings):
    # Demo accounts sign in only while the server listens on loopback, as the test server does.
    settings.SECRETARIAT_LISTEN_ADDRESS = "127.0.0.1"
    # Only `secretariat demo` lets demo accounts count as having a second factor; tests sign in
    # with or without one through `client_as`. Set here so a test that runs the command leaves
    # it behind for no other test.
    settings.SECRETARIAT_DEMO_SECOND_FACTOR = False


@pytest.fixture(autouse=True)
def _accounts_read_afresh():
    # Each test's database is rolled back to the same generation, so an account kept by an
    # earlier test would make a test's first request cheaper than its later ones (after its own
    # writes): every test starts with none kept (directory/backends.py).
    from secretariat.directory.backends import forget_accounts

    forget_accounts()


@pytest.fixture
def client_as(db):
    """`client_as("present")` is a test client signed in as that persona, with a second factor;
    `client_as("present", second_factor=False)` signs in with the password alone."""

    def make(persona: str, *, second_factor: bool = True) -> Client:
        client = Client()
        if persona != "anonymous":
            user = get_user_model().objects.get(username=persona)
            sign_in(client, user, second_factor=second_factor)
        return client

    return make


@pytest.fixture
def user_of(db):
    def get(persona: str):
        return get_user_model().objects.get(username=persona)

    return get


@pytest.fixture
def officer(user_of):
    return user_of("officer")


@pytest.fixture
def back_office_officer(db):
    """The back office is the break-glass superusers' alone (docs/access.md): tests of it read it
    as the demo's officer made a superuser, who still reads through the door as the officer they
    are (a superuser is admitted beyond their standing only when elevated)."""
    user = get_user_model().objects.get(username="officer")
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])
    return user


@pytest.fixture
def another_officer(db):
    """`another_officer(username, **person_fields)`: one more secretariat officer of the SSC
    (serving since 2018), recorded at no meeting: the second officer of a concurrency test, or
    the officer who did not minute a meeting."""
    from secretariat.core.testing import TESTS
    from secretariat.directory.models import Body
    from secretariat.directory.services import membership_create, person_create

    def make(username: str = "officer2", **fields):
        fields.setdefault("full_name", "Second Officer")
        fields.setdefault("password", "second-officer-pw-41")
        person = person_create(actor=TESTS, username=username, **fields)
        membership_create(
            actor=TESTS,
            person=person,
            body=Body.objects.get(code="SSC"),
            role="secretariat",
            term_start=dt.date(2018, 1, 1),
        )
        return person

    return make
