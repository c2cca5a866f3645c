"""For tests: the named system actor that writes a test's fixtures, and signing in.

Signing in, in a Django test client: `sign_in(client, user)` gives a session that proved a
second factor (a confirmed TOTP device is made for the user if it has none);
`sign_in(client, user, second_factor=False)` a password-only one. The `client_as(persona)`
fixture (conftest.py) does the same for the demo's personas. A password-only session meets RED
as if it were not there, and a secretariat or back-office account is sent to
`/accounts/two-factor/?next=...` (302) from every page but sign-in, sign-out and that page.

Signing in, in a browser (Chromium, `secretariat.browser`): `demo_server()` runs `secretariat
demo` on loopback, where the demo's accounts (password `demo`) count as having a second factor,
so the officer goes straight to work: open `/sign-in/`, fill "Username" and "Password", press
"Sign in"; the page then answers at `next` or `/`. Against `serve`, or for an account not of the
demo, the officer lands on `/accounts/two-factor/`. Already enrolled (a confirmed `TOTPDevice`):
fill "Code" with `django_otp.oath.totp(device.bin_key)` (or a recovery code) and press
"Verify". Not enrolled: the page makes an unconfirmed device and shows its secret; fill "Code
from the app" with its current code and press "Confirm the device" (the recovery codes follow)."""

from secretariat.core.services import SystemActor

TESTS = SystemActor("tests")


def skip_without_seeds(message: str):
    """A test that needs `../shared/seeds` and cannot find it: skipped where a developer has no
    seeds, failed where `SECRETARIAT_REQUIRE_SEEDS=1` says they must be there (CI's clean clone
    has `../shared` beside it), so a moved or renamed seed cannot quietly turn a check off."""
    import os

    import pytest

    if os.environ.get("SECRETARIAT_REQUIRE_SEEDS") == "1":
        pytest.fail(message + " SECRETARIAT_REQUIRE_SEEDS=1 makes the seed checks required.")
    pytest.skip(message)


def sign_in(client, user, *, second_factor: bool = True):
    """Sign `client` in as `user`. With `second_factor`, as a session that proved a TOTP device
    (one is enrolled for the user if it has none); without it, as a password-only session, which
    meets RED as if it were not there and, for the secretariat, is sent to prove one."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    if second_factor:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="tests", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
