"""Sign-in through the real pages: throttling by account and by address with a cool-off and a
clear message, the officers' unlock page, the TOTP second factor with recovery codes (required
for the secretariat and for RED), session age, password rules, and the audit of it all."""

from __future__ import annotations

import base64
import datetime as dt
import os
import re
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from secretariat.audit.models import AuditEvent
from secretariat.core.services import ServiceError
from secretariat.core.testing import TESTS
from secretariat.directory.services import person_create

RED_TEXT = "Demo confidential record of Full User Security Assessment"
SSC_72 = "/meetings/SSC_72_2702/"


def _sign_in(client: Client, username: str, password: str = "demo"):
    return client.post("/sign-in/", {"username": username, "password": password})


def _events(verb: str, user) -> int:
    return AuditEvent.objects.filter(
        verb=verb, object_type="auth.user", object_id=str(user.pk)
    ).count()


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def test_it_locks_an_account_after_repeated_failures_and_says_so(db, user_of):
    present = user_of("present")
    limit = settings.AXES_FAILURE_LIMIT
    for attempt in range(limit - 1):
        response = _sign_in(Client(), "present", f"wrong-{attempt}")
        assert response.status_code == 200
        assert "did not match" in response.content.decode()
    response = _sign_in(Client(), "present", "wrong-last")
    assert response.status_code == 429
    # Locked: even the right password is refused, with the reason and the cool-off.
    response = _sign_in(Client(), "present", "demo")
    page = response.content.decode()
    assert response.status_code == 429
    assert "Too many failed sign-ins" in page
    assert f"locked for {settings.AXES_COOLOFF_TIME.seconds // 60} minutes" in page
    assert "_auth_user_id" not in Client().session
    # The refused sign-in while locked is a failure too.
    assert _events("signin.failure", present) == limit + 1
    assert _events("signin.lockout", present) >= 1


def test_it_lifts_a_lockout_by_itself_after_the_cool_off(db, user_of):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(Client(), "present", f"wrong-{attempt}")
    assert _sign_in(Client(), "present").status_code == 429
    # The failures were counted a cool-off (and a minute) ago: they no longer lock.
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - dt.timedelta(minutes=1)
    )
    assert _sign_in(Client(), "present").status_code == 302
    assert _events("signin.success", user_of("present")) == 1


def test_it_locks_an_address_that_tries_many_accounts(db):
    limit = settings.AXES_FAILURE_LIMIT
    for number in range(limit):
        _sign_in(Client(), f"nobody-{number}", "guess")
    # A real account with its right password, from the same address, is refused.
    response = _sign_in(Client(), "chair", "demo")
    assert response.status_code == 429


def test_it_counts_the_address_a_trusted_proxy_saw(db, settings):
    settings.SECRETARIAT_TRUSTED_PROXIES = 1
    guesser = Client(HTTP_X_FORWARDED_FOR="198.51.100.7")
    for number in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(guesser, f"nobody-{number}", "guess")
    assert _sign_in(guesser, "chair").status_code == 429
    # Another client behind the same proxy (the same connection address) still signs in.
    assert _sign_in(Client(HTTP_X_FORWARDED_FOR="203.0.113.9"), "chair").status_code == 302
    # A forged entry left of the proxy's own is not believed: the guesser stays locked.
    forged = Client(HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.7")
    assert _sign_in(forged, "present").status_code == 429


def _from(address: str) -> Client:
    return Client(HTTP_X_FORWARDED_FOR=address)


def test_it_lets_an_officer_lift_an_accounts_lockout(db, user_of, client_as, settings):
    settings.SECRETARIAT_TRUSTED_PROXIES = 1
    # One account guessed from as many addresses as the limit: the account locks, no address.
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(_from(f"198.51.100.{attempt + 1}"), "absent", f"wrong-{attempt}")
    assert _sign_in(_from("203.0.113.9"), "absent").status_code == 429
    officer = client_as("officer")
    page = officer.get("/accounts/lockouts/").content.decode()
    assert "<h2>Accounts</h2>" in page and "<h2>Addresses</h2>" not in page
    failures = re.search(r"<td>absent</td><td>(\d+)</td>", page)
    assert failures and int(failures.group(1)) >= settings.AXES_FAILURE_LIMIT
    response = officer.post("/accounts/lockouts/", {"username": "absent"})
    assert response.status_code == 302
    assert "No sign-in is locked" in officer.get("/accounts/lockouts/").content.decode()
    assert _sign_in(_from("203.0.113.9"), "absent").status_code == 302
    assert _events("signin.unlock", user_of("absent")) == 1
    assert _events("signin.success", user_of("absent")) == 1


def test_it_lets_an_officer_lift_an_addresss_lockout(db, client_as, settings):
    settings.SECRETARIAT_TRUSTED_PROXIES = 1
    for number in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(_from("198.51.100.7"), f"nobody-{number}", "guess")
    assert _sign_in(_from("198.51.100.7"), "chair").status_code == 429
    officer = client_as("officer")
    page = officer.get("/accounts/lockouts/").content.decode()
    assert "<h2>Addresses</h2>" in page and "<td>198.51.100.7</td>" in page
    # Nothing of the kind: no such lockout.
    assert officer.post("/accounts/lockouts/", {"address": "192.0.2.99"}).status_code == 404
    assert officer.post("/accounts/lockouts/", {"address": "198.51.100.7"}).status_code == 302
    assert _sign_in(_from("198.51.100.7"), "chair").status_code == 302
    assert AuditEvent.objects.filter(
        verb="signin.unlock", summary="Unlocked sign-in for the address 198.51.100.7"
    ).exists()


def test_it_keeps_the_unlock_page_from_anyone_but_the_secretariat(client_as):
    for persona in ("chair", "present", "party", "outsider", "anonymous"):
        client = client_as(persona)
        assert client.get("/accounts/lockouts/").status_code == 404, persona
        posted = client.post("/accounts/lockouts/", {"username": "present"})
        assert posted.status_code == 404, persona


def test_it_enrols_a_totp_device_with_recovery_codes_and_opens_red_with_it(db, user_of):
    client = Client()
    response = _sign_in(client, "present")
    assert response.status_code == 302
    # Signed in with the password alone: RED is as if it were not there.
    assert RED_TEXT not in client.get(SSC_72).content.decode()
    page = client.get("/accounts/two-factor/").content.decode()
    secret = re.search(r'<code class="secret">([A-Z2-7]+)</code>', page).group(1)
    assert "otpauth://totp/secretariat%3Apresent?secret=" in page
    assert 'src="data:image/svg+xml;base64,' in page
    device = TOTPDevice.objects.get(user=user_of("present"), confirmed=False)
    assert base64.b32decode(secret) == device.bin_key
    response = client.post("/accounts/two-factor/", {"action": "confirm", "token": _code(device)})
    codes = re.findall(
        r"<li><code>([0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4})</code></li>", response.content.decode()
    )
    assert len(codes) == 10
    assert RED_TEXT in client.get(SSC_72).content.decode()
    assert _events("signin.second_factor_enrol", user_of("present")) == 1


def test_it_accepts_a_recovery_code_once(db, user_of):
    user = user_of("chair")
    enrolling = Client()
    _sign_in(enrolling, "chair")
    enrolling.get("/accounts/two-factor/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    page = enrolling.post(
        "/accounts/two-factor/", {"action": "confirm", "token": _code(device)}
    ).content.decode()
    code = re.findall(r"<li><code>([0-9a-f-]{14})</code></li>", page)[0]
    # A new session, phone lost: the password, then a recovery code.
    client = Client()
    response = _sign_in(client, "chair")
    assert response.status_code == 302 and "/accounts/two-factor/" in response["Location"]
    response = client.post(
        "/accounts/two-factor/", {"action": "verify", "token": code, "next": SSC_72}
    )
    assert response.status_code == 302 and response["Location"] == SSC_72
    assert RED_TEXT in client.get(SSC_72).content.decode()
    assert not StaticToken.objects.filter(token=code).exists()
    again = Client()
    _sign_in(again, "chair")
    response = again.post("/accounts/two-factor/", {"action": "verify", "token": code})
    assert response.status_code == 400
    assert RED_TEXT not in again.get(SSC_72).content.decode()
    assert _events("signin.second_factor", user) == 1


def test_it_sends_a_secretariat_session_without_its_second_factor_to_prove_one(client_as):
    officer = client_as("officer", second_factor=False)
    for url in ("/", "/bodies/", SSC_72, "/back-office/", "/accounts/lockouts/"):
        response = officer.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/two-factor/?next="), url
    assert officer.get("/accounts/two-factor/").status_code == 200
    assert client_as("officer").get("/bodies/").status_code == 200


def test_it_lets_the_demo_accounts_count_as_having_a_second_factor_when_the_demo_says(
    client_as, settings
):
    assert RED_TEXT not in client_as("present", second_factor=False).get(SSC_72).content.decode()
    settings.SECRETARIAT_DEMO_SECOND_FACTOR = True
    assert RED_TEXT in client_as("present", second_factor=False).get(SSC_72).content.decode()
    # Only on loopback: behind any other address the demo accounts cannot sign in at all.
    settings.SECRETARIAT_LISTEN_ADDRESS = "0.0.0.0"
    assert RED_TEXT not in client_as("present", second_factor=False).get(SSC_72).content.decode()


def _settings_under(**environment: str) -> subprocess.CompletedProcess:
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SESSION_COOKIE_AGE)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "secretariat.settings", **environment}
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )


def test_it_ends_sessions_after_twelve_hours_or_as_the_environment_says(client_as):
    assert settings.SESSION_COOKIE_AGE == 12 * 3600
    assert _settings_under(SECRETARIAT_SESSION_HOURS="2").stdout.strip() == str(2 * 3600)
    refused = _settings_under(SECRETARIAT_SESSION_HOURS="0")
    assert refused.returncode != 0
    assert "SECRETARIAT_SESSION_HOURS=0 must be 1 hour or more" in refused.stderr
    # A real sign-in's cookie ends when the session does.
    client = Client()
    assert _sign_in(client, "present").status_code == 302
    assert client.cookies["sessionid"]["max-age"] == 12 * 3600
    assert client.session.get_expiry_age() == 12 * 3600


def test_it_refuses_a_weak_password_for_a_real_account(db):
    with pytest.raises(ServiceError) as raised:
        person_create(actor=TESTS, full_name="Pat Weak", username="pat", password="12345678")
    messages = " ".join(raised.value.message_dict["password"])
    assert "too short" in messages and "entirely numeric" in messages
    person = person_create(
        actor=TESTS, full_name="Pat Strong", username="pat", password="correct horse battery"
    )
    assert person.user.check_password("correct horse battery")
