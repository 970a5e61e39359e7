"""Log-in with password and TOTP second factor, log-out, own password, lockout page.

The password step logs the user in "half" (Django session, no OTP device); ``StaffLoginRequiredMiddleware``
lets such a session reach only the second-factor page. Only after a valid code is the session verified.
"""

from __future__ import annotations

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.decorators import method_decorator
from django.utils.formats import time_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record

from .. import services
from ..forms import PasswordChangeForm, PasswordLoginForm, TokenForm
from ..models import User

#: Session key holding where to go after the second factor (checked when stored and when used).
OTP_NEXT_SESSION_KEY = "otp_next"
PURPOSE_LOGIN = "Anmeldung"


def _is_safe_target(request: HttpRequest, target: str) -> bool:
    return bool(target) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def _safe_next(request: HttpRequest) -> str:
    """The ``next`` parameter if it points to this site; otherwise the start page (no open redirect)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    return target if _is_safe_target(request, target) else resolve_url(settings.LOGIN_REDIRECT_URL)


def _is_verified(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_authenticated and getattr(user, "is_verified", lambda: False)())


def _record_password_failure(request: HttpRequest, username: str) -> None:
    """Audit a failed password step, tied to the account if there is one.

    A typed name that matches no account is not stored: it is often a password typed into the wrong
    field, and the audit trail is append-only.
    """
    account = User.objects.filter(username=username).only("pk").first()
    details: dict = {"step": "password", "locked": bool(getattr(request, "axes_locked_out", False))}
    if account is not None:
        details["username"] = account.username
    else:
        details["username_known"] = False
    record(actor=None, action=AuditAction.LOGIN_FAILED, purpose=PURPOSE_LOGIN, obj=account, details=details)


@method_decorator([sensitive_post_parameters("password"), never_cache], name="dispatch")
class LoginView(View):
    """Step 1: username and password (django-axes counts failures and locks the account)."""

    template_name = "accounts/login.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        if _is_verified(request):
            return redirect(_safe_next(request))
        return self._render(request, PasswordLoginForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = PasswordLoginForm(request.POST)
        if form.is_valid():
            username = form.cleaned_data["username"]
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is not None:
                login(request, user)  # new session key; a previous half log-in is discarded
                request.session[OTP_NEXT_SESSION_KEY] = _safe_next(request)
                return redirect("accounts:otp")
            _record_password_failure(request, username)
            # One message for unknown user, wrong password and deactivated account: no account probing.
            form.add_error(None, _("Benutzername oder Passwort ist falsch."))
        return self._render(request, form)

    def _render(self, request: HttpRequest, form: PasswordLoginForm) -> HttpResponse:
        target = request.POST.get("next") or request.GET.get("next") or ""
        context = {"form": form, "next": target if _is_safe_target(request, target) else ""}
        return render(request, self.template_name, context)


def _waiting_message(locked_until) -> str:
    seconds = services.seconds_until(locked_until)
    if seconds <= 120:
        return ngettext(
            "Zu viele falsche Codes. Bitte warten Sie %(count)d Sekunde und versuchen Sie es dann erneut.",
            "Zu viele falsche Codes. Bitte warten Sie %(count)d Sekunden und versuchen Sie es dann erneut.",
            seconds,
        ) % {"count": seconds}
    return _("Zu viele falsche Codes. Sie können es ab %(time)s Uhr erneut versuchen.") % {
        "time": time_format(localtime(locked_until), "H:i")
    }


@method_decorator(never_cache, name="dispatch")
class OtpView(View):
    """Step 2: verify a TOTP code, or enrol an authenticator app the first time.

    django-otp throttles wrong codes per device (1, 2, 4, 8 … seconds), so guessing six digits after a
    stolen password is not feasible; every wrong code is audited.
    """

    template_name = "accounts/otp.html"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:  # the middleware already does this; kept for direct use
            return redirect_to_login(request.get_full_path())
        if _is_verified(request):
            return redirect(settings.LOGIN_REDIRECT_URL)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        device, enrolling = services.enrolment_device(request.user)
        return self._render(request, device, enrolling, TokenForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        # The device row stays locked until the throttle counter is written, so parallel requests cannot
        # try several codes within one waiting period (ATOMIC_REQUESTS is on; this also holds without it).
        with transaction.atomic():
            return self._check(request)

    def _check(self, request: HttpRequest) -> HttpResponse:
        device, enrolling = services.enrolment_device(request.user, for_update=True)
        form = TokenForm(request.POST)
        if form.is_valid():
            allowed, info = device.verify_is_allowed()
            if not allowed:
                record(
                    actor=request.user, action=AuditAction.LOGIN_FAILED, purpose=PURPOSE_LOGIN,
                    details={"step": "second_factor", "throttled": True},
                )
                form.add_error(None, _waiting_message(info["locked_until"]))
            elif device.verify_token(form.cleaned_data["token"]):
                return self._verified(request, device, enrolling)
            else:
                record(
                    actor=request.user, action=AuditAction.LOGIN_FAILED, purpose=PURPOSE_LOGIN,
                    details={"step": "second_factor", "enrolling": enrolling},
                )
                form.add_error("token", _("Der Code ist nicht gültig. Bitte geben Sie den aktuellen Code ein."))
        return self._render(request, device, enrolling, form)

    def _verified(self, request: HttpRequest, device: TOTPDevice, enrolling: bool) -> HttpResponse:
        if enrolling:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            # Other pending devices (e.g. from an aborted earlier enrolment) must not stay usable later.
            TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
        otp_login(request, device)
        request.session.cycle_key()  # the verified session gets a key the half-logged-in one never had
        record(
            actor=request.user, action=AuditAction.LOGIN, purpose=PURPOSE_LOGIN,
            details={"second_factor": "totp", "enrolled": enrolling},
        )
        if enrolling:
            messages.success(request, _("Die Authenticator-App ist eingerichtet."))
        target = request.session.pop(OTP_NEXT_SESSION_KEY, "")
        return redirect(target if _is_safe_target(request, target) else settings.LOGIN_REDIRECT_URL)

    def _render(self, request: HttpRequest, device: TOTPDevice, enrolling: bool, form: TokenForm) -> HttpResponse:
        context: dict = {"form": form, "enrolling": enrolling}
        if enrolling:
            image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
            buffer = BytesIO()
            image.save(buffer)
            context["qr_data_uri"] = "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
            secret = services.base32_secret(device)
            context["secret"] = secret
            context["secret_grouped"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
        return render(request, self.template_name, context)


@method_decorator(never_cache, name="dispatch")
class LogoutView(View):
    """POST only, so that a link or an image on another page cannot log the user out."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            record(
                actor=request.user, action=AuditAction.LOGOUT, purpose="Abmeldung",
                details={"second_factor_passed": _is_verified(request)},
            )
        logout(request)
        return redirect("accounts:logged_out")


class LoggedOutView(View):
    """Where log-out ends; a logged-in visitor is sent on to the start page instead."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            return redirect(settings.LOGIN_REDIRECT_URL)
        return render(request, "accounts/logged_out.html")


@method_decorator([sensitive_post_parameters("old_password", "new_password1", "new_password2"), never_cache], name="dispatch")
class PasswordChangeView(View):
    """Every user changes their own password here (e.g. the initial one set by the administration)."""

    template_name = "accounts/password_change.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": PasswordChangeForm(request.user)})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = PasswordChangeForm(request.user, request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        user = form.save()
        update_session_auth_hash(request, user)  # keep this session; other sessions of the user end
        record(
            actor=request.user, action=AuditAction.CHANGE, purpose="Eigenes Passwort", obj=user,
            details={"password": "changed_by_user"},
        )
        messages.success(request, _("Ihr Passwort ist geändert."))
        return redirect(settings.LOGIN_REDIRECT_URL)


def lockout_response(request: HttpRequest, original_response: HttpResponse | None = None, credentials=None) -> HttpResponse:
    """Shown by django-axes when an account is locked after repeated failed log-ins (HTTP 403)."""
    minutes = int(services.cool_off().total_seconds() // 60)
    return render(request, "accounts/locked.html", {"cool_off_minutes": minutes}, status=403)
