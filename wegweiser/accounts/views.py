"""Log-in with password and TOTP second factor, log-out, lockout page."""

from __future__ import annotations

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record

from .forms import PasswordLoginForm, TokenForm


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return settings.LOGIN_REDIRECT_URL


class LoginView(View):
    template_name = "accounts/login.html"

    def get(self, request):
        return render(request, self.template_name, {"form": PasswordLoginForm(), "next": request.GET.get("next", "")})

    def post(self, request):
        form = PasswordLoginForm(request.POST)
        if form.is_valid():
            user = authenticate(
                request, username=form.cleaned_data["username"], password=form.cleaned_data["password"]
            )
            if user is not None:
                login(request, user)
                request.session["otp_next"] = _safe_next(request)
                return redirect("accounts:otp")
            record(
                actor=None, action=AuditAction.LOGIN_FAILED, purpose="Anmeldung",
                details={"username": form.cleaned_data["username"], "step": "password"},
            )
            form.add_error(None, _("Benutzername oder Passwort ist falsch."))
        return render(request, self.template_name, {"form": form, "next": request.POST.get("next", "")}, status=200)


class OtpView(View):
    """Second step: verify a TOTP code, or enrol an authenticator app the first time."""

    template_name = "accounts/otp.html"

    def _device(self, request) -> tuple[TOTPDevice, bool]:
        device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
        if device is not None:
            return device, False
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=request.user, name="Authenticator", confirmed=False)
        return device, True

    def _context(self, device: TOTPDevice, enrolling: bool, form: TokenForm) -> dict:
        ctx = {"form": form, "enrolling": enrolling}
        if enrolling:
            image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
            buf = BytesIO()
            image.save(buf)
            ctx["qr_data_uri"] = "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()
            ctx["secret"] = base64.b32encode(device.bin_key).decode()
        return ctx

    def get(self, request):
        if request.user.is_verified():
            return redirect(settings.LOGIN_REDIRECT_URL)
        device, enrolling = self._device(request)
        return render(request, self.template_name, self._context(device, enrolling, TokenForm()))

    def post(self, request):
        device, enrolling = self._device(request)
        form = TokenForm(request.POST)
        if form.is_valid():
            allowed, _info = device.verify_is_allowed()
            if not allowed:
                form.add_error(None, _("Zu viele falsche Codes. Bitte warten Sie einen Moment und versuchen Sie es erneut."))
            elif device.verify_token(form.cleaned_data["token"]):
                if enrolling:
                    device.confirmed = True
                    device.save(update_fields=["confirmed"])
                otp_login(request, device)
                record(actor=request.user, action=AuditAction.LOGIN, purpose="Anmeldung", details={"second_factor": "totp"})
                return redirect(request.session.pop("otp_next", settings.LOGIN_REDIRECT_URL))
            else:
                record(
                    actor=request.user, action=AuditAction.LOGIN_FAILED, purpose="Anmeldung",
                    details={"step": "second_factor"},
                )
                form.add_error("token", _("Der Code ist nicht gültig. Bitte geben Sie den aktuellen Code ein."))
        return render(request, self.template_name, self._context(device, enrolling, form))


class LogoutView(View):
    def post(self, request):
        if request.user.is_authenticated:
            record(actor=request.user, action=AuditAction.LOGOUT, purpose="Abmeldung")
        logout(request)
        messages.info(request, _("Sie sind abgemeldet."))
        return redirect("accounts:login")


def lockout_response(request, credentials, *args, **kwargs) -> HttpResponse:
    """Shown by django-axes when an account is locked after repeated failed log-ins."""
    return render(request, "accounts/locked.html", status=403)
