"""Sign-in beyond the password: the second factor a session proves, the rule that secretariat
accounts must prove one, the page a locked-out sign-in meets, and the audit of it all.

Throttling is django-axes (by account and, separately, by address, with a cool-off from the
environment); the second factor is django-otp (a TOTP device, and recovery codes as a static
device). Whether a session has a second factor is a fact the one door's Reader carries: without
it RED is as if it were not there (see `labels.access.Reader`)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import middleware as auth_middleware
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from secretariat.audit.services import audit_record
from secretariat.core.services import SystemActor
from secretariat.directory.backends import listening_on_loopback, user_of

# Failed sign-ins and lockouts have no signed-in actor: the sign-in page itself records them.
SIGN_IN = SystemActor("sign-in")

# Pages a session may reach before it has proved its second factor: enrolling and verifying it,
# signing in and out, and the static files those pages use.
_OPEN_BEFORE_SECOND_FACTOR = ("/accounts/two-factor/", "/sign-in/", "/sign-out/", "/static/")


def client_address(request: HttpRequest) -> str:
    """The address sign-in throttling counts: behind `SECRETARIAT_TRUSTED_PROXIES` proxies (a
    load balancer, a TLS proxy), the one the outermost of them saw in `X-Forwarded-For`; else
    the connection's. Otherwise every sign-in would come from the proxy, and one guesser would
    lock out everyone behind it. Entries left of the trusted ones are the client's to forge."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.SECRETARIAT_TRUSTED_PROXIES
    if proxies < 1:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    # A request that came round the proxies carries too short a header: trust only the socket.
    return forwarded[-proxies] if len(forwarded) >= proxies else remote


def address(request: HttpRequest | None) -> str:
    return (client_address(request) if request is not None else "")[:45]


def demo_counts_as_second_factor(user) -> bool:
    """`secretariat demo` lets its demo accounts (loopback only) count as having a second factor;
    it says so when it starts."""
    if not settings.SECRETARIAT_DEMO_SECOND_FACTOR:
        return False
    person = getattr(user, "person", None)
    return person is not None and person.is_demo and listening_on_loopback()


def session_second_factor(request: HttpRequest) -> bool:
    """Whether this request's session proved a second factor."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    is_verified = getattr(user, "is_verified", None)
    if callable(is_verified) and is_verified():
        return True
    return demo_counts_as_second_factor(user)


def needs_second_factor(request: HttpRequest) -> bool:
    """Secretariat accounts, and every account of the back office, must prove a second factor
    before anything else."""
    user = request.user
    if user.is_staff or user.is_superuser:
        return True
    reader = getattr(request, "reader", None)
    return bool(reader is not None and reader.is_secretariat)


def safe_next(request: HttpRequest, fallback: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else fallback


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, with the account behind the session kept in memory by the database's
    generation read with the session (backends.user_of)."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: user_of(request))


class SecondFactorRequiredMiddleware:
    """Sends a secretariat session without its second factor to enrol or verify one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(_OPEN_BEFORE_SECOND_FACTOR)
            and needs_second_factor(request)
            and not session_second_factor(request)
        ):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:two-factor')}?{query}")
        return self.get_response(request)


def locked_out(request, original_response=None, credentials=None) -> HttpResponse:
    """What a locked-out sign-in meets: the sign-in page, saying why and for how long."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    user = get_user_model().objects.filter(username=username).first() if username else None
    if user is not None:
        audit_record(
            actor=SIGN_IN,
            verb="signin.lockout",
            obj=user,
            summary=f"Sign-in locked for {user.get_username()}",
            changes={"address": address(request)},
        )
    return render(
        request,
        "registration/login.html",
        {
            "locked_out": True,
            "cooloff_minutes": minutes,
            "form": None,
            "next": safe_next(request, ""),
        },
        status=429,
    )


@receiver(user_logged_in, dispatch_uid="secretariat-signin-audit")
def _audit_sign_in(sender, request, user, **kwargs):
    if request is None or not request.META.get("REMOTE_ADDR"):
        # Not a request from the network (a test's force_login): no sign-in to record.
        return
    audit_record(
        actor=user,
        verb="signin.success",
        obj=user,
        summary=f"{user.get_username()} signed in",
        changes={"address": address(request)},
    )


@receiver(user_login_failed, dispatch_uid="secretariat-signin-failure-audit")
def _audit_failure(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username") or ""
    user = get_user_model().objects.filter(username=username).first() if username else None
    if user is None:
        # No account to record it against; django-axes keeps the attempt with its address.
        return
    audit_record(
        actor=SIGN_IN,
        verb="signin.failure",
        obj=user,
        summary=f"Failed sign-in for {user.get_username()}",
        changes={"address": address(request)},
    )
