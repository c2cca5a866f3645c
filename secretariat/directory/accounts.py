"""The account pages: enrolling and proving the second factor (TOTP, with recovery codes), and
the officers' page to lift sign-in lockouts."""

from __future__ import annotations

import base64
import io
import secrets
from typing import cast

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.db import transaction
from django.db.models import Max, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from secretariat.audit.services import audit_record
from secretariat.directory.signin import address, safe_next, session_second_factor
from secretariat.labels.requests import ReaderRequest

RECOVERY_CODES = 10


def _qr_svg(uri: str) -> str:
    """The otpauth URI as an SVG image in a data: URL (the page's policy allows data: images)."""
    import qrcode
    import qrcode.image.svg

    out = io.BytesIO()
    qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage).save(out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


def _recovery_codes(user) -> list[str]:
    """A fresh set of single-use recovery codes: the recovery path if the phone is lost."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="recovery")
    device.token_set.all().delete()
    # Three groups of four hex digits (48 bits, single use, throttled by django-otp): 14
    # characters, within django-otp's 16 for a static token.
    codes = ["-".join(secrets.token_hex(2) for _ in range(3)) for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _totp(user, *, confirmed: bool) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).first()


def _token(request) -> str:
    return "".join(request.POST.get("token", "").split())[:32]


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: ReaderRequest) -> HttpResponse:
    """One page for the second factor: enrol a TOTP device, prove it, or see recovery codes."""
    user = cast("AbstractBaseUser", request.user)  # login_required: a signed-in account
    device = _totp(user, confirmed=True)
    verified = session_second_factor(request)
    context: dict = {"next": safe_next(request, ""), "verified": verified, "enrolled": device}
    error = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "verify" and device is not None:
            token = _token(request)
            with transaction.atomic():
                matched = next(
                    (
                        candidate
                        for candidate in (
                            device,
                            *StaticDevice.objects.filter(user=user, confirmed=True),
                        )
                        if candidate.verify_is_allowed()[0] and candidate.verify_token(token)
                    ),
                    None,
                )
            if matched is not None:
                otp_login(request, matched)
                audit_record(
                    actor=user,
                    verb="signin.second_factor",
                    obj=user,
                    summary=f"{user.get_username()} proved a second factor",
                    changes={"device": type(matched).__name__, "address": address(request)},
                )
                return redirect(safe_next(request, "/"))
            error = "That code did not match. Try the current code, or a recovery code."
        elif action == "confirm" and device is None:
            pending = _totp(user, confirmed=False)
            if pending is not None and pending.verify_token(_token(request)):
                pending.confirmed = True
                pending.save(update_fields=["confirmed"])
                otp_login(request, pending)
                context["codes"] = _recovery_codes(user)
                audit_record(
                    actor=user,
                    verb="signin.second_factor_enrol",
                    obj=user,
                    summary=f"{user.get_username()} enrolled a second factor",
                )
                context.update(verified=True, enrolled=pending)
                return render(request, "registration/two_factor.html", context)
            error = "That code did not match the new device. Check the clock on your phone."
        elif action == "recovery-codes" and device is not None and verified:
            context["codes"] = _recovery_codes(user)
            audit_record(
                actor=user,
                verb="signin.recovery_codes",
                obj=user,
                summary=f"{user.get_username()} made new recovery codes",
            )
    if context["enrolled"] is None:
        pending, _ = TOTPDevice.objects.get_or_create(
            user=user, confirmed=False, defaults={"name": "authenticator"}
        )
        context.update(
            secret=base64.b32encode(pending.bin_key).decode(),
            uri=pending.config_url,
            qr=_qr_svg(pending.config_url),
        )
    context["recovery_left"] = StaticToken.objects.filter(
        device__user=user, device__confirmed=True
    ).count()
    context["error"] = error
    return render(request, "registration/two_factor.html", context, status=400 if error else 200)


def _locked(field: str) -> list[dict]:
    """Accounts (field "username") or addresses ("ip_address") locked now: django-axes counts
    an account's failures over every address it was tried from, and an address's over every
    account, within the cool-off, so the page sums them the same way."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(attempt_time__gte=since).exclude(
        **{f"{field}__isnull": True}
    )
    if field == "username":
        # Not for the address: an IP field turns "" into NULL, and NOT (NULL) drops every row.
        attempts = attempts.exclude(username="")
    return list(
        attempts.values(field)
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last")
    )


@require_http_methods(["GET", "POST"])
def lockouts(request: ReaderRequest) -> HttpResponse:
    """The secretariat's page to see and lift sign-in lockouts; anyone else meets 404."""
    if not request.reader.is_secretariat:
        raise Http404("No such page.")
    if request.method == "POST":
        username = request.POST.get("username", "")[:150]
        ip = request.POST.get("address", "")[:45]
        if username and AccessAttempt.objects.filter(username=username).exists():
            axes_reset(username=username)
            what = f"the account {username}"
        elif ip and AccessAttempt.objects.filter(ip_address=ip).exists():
            axes_reset(ip=ip)
            what = f"the address {ip}"
        else:
            raise Http404("No such lockout.")
        locked = get_user_model().objects.filter(username=username).first() if username else None
        audit_record(
            actor=request.user,
            verb="signin.unlock",
            obj=locked or cast("AbstractBaseUser", request.user),
            summary=f"Unlocked sign-in for {what}",
            changes={"username": username, "address": ip},
        )
        return redirect("accounts:lockouts")
    return render(
        request,
        "registration/lockouts.html",
        {
            "accounts": _locked("username"),
            "addresses": _locked("ip_address"),
            "cooloff": settings.AXES_COOLOFF_TIME,
            "limit": settings.AXES_FAILURE_LIMIT,
        },
    )


class SignInView(LoginView):
    """The password step; an account with a second factor (or one that must have it) goes on to
    prove it, and then to where it was going."""

    def get_success_url(self) -> str:
        target = super().get_success_url()
        user = self.request.user
        if (
            user.is_staff
            or user.is_superuser
            or TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        ) and not session_second_factor(self.request):
            return f"{reverse('accounts:two-factor')}?{urlencode({'next': target})}"
        return target


urlpatterns = [
    path("two-factor/", two_factor, name="two-factor"),
    path("lockouts/", lockouts, name="lockouts"),
]
