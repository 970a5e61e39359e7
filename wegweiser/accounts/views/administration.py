"""User and team administration for the Administration role (``Action.USERS_MANAGE``).

Administration manages accounts but never sees case files; these pages show staff accounts only. Every
change is audited with the account or team as object and no person.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.plugins.otp_totp.models import TOTPDevice

from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record

from .. import services
from ..forms import PasswordChoiceForm, TeamForm, UserCreateForm, UserEditForm
from ..models import Team, User
from ..policy import Action, require
from ..roles import Role

PURPOSE_USERS = "Benutzerverwaltung"
PURPOSE_TEAMS = "Teamverwaltung"


class UsersManageMixin:
    """Policy check before any handler runs: only roles with USERS_MANAGE get past (403 otherwise)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        require(request.user, Action.USERS_MANAGE)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


def _team_label(team: Team | None) -> str:
    return team.name if team else ""


def _snapshot(user: User) -> dict[str, Any]:
    """The administrable fields of an account in a form fit for the audit details."""
    return {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": user.role,
        "team": _team_label(user.team),
        "organisation": user.organisation,
        "is_active": user.is_active,
    }


class UserListView(UsersManageMixin, View):
    template_name = "accounts/admin/user_list.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        users = User.objects.select_related("team").annotate(
            has_second_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
        )
        query = request.GET.get("q", "").strip()[:100]
        role = request.GET.get("rolle", "")
        if query:
            users = users.filter(
                Q(username__icontains=query) | Q(first_name__icontains=query) | Q(last_name__icontains=query)
                | Q(email__icontains=query) | Q(organisation__icontains=query)
            )
        if role in Role.values:
            users = users.filter(role=role)
        else:
            role = ""
        users = list(users.order_by("username"))
        locked = services.locked_usernames(u.username for u in users)
        throttled = services.throttled_user_ids(u.pk for u in users)
        for user in users:
            user.is_locked = user.username in locked
            user.otp_throttled = user.pk in throttled
        context = {"users": users, "query": query, "role": role, "roles": Role.choices}
        return render(request, self.template_name, context)


@method_decorator([sensitive_post_parameters("password1", "password2"), never_cache], name="dispatch")
class UserCreateView(UsersManageMixin, View):
    template_name = "accounts/admin/user_create.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": UserCreateForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = UserCreateForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        password, generated = form.chosen_password(services.generate_password)
        with transaction.atomic():
            user = form.save(commit=False)
            user.set_password(password)
            user.is_staff = False
            user.is_superuser = False
            user.save()
            record(
                actor=request.user, action=AuditAction.CREATE, purpose=PURPOSE_USERS, obj=user,
                details={**_snapshot(user), "username": user.username, "password": "generated" if generated else "set"},
            )
        if generated:
            return _show_password_once(request, user, password, created=True)
        messages.success(request, _("Das Konto „%(username)s“ ist angelegt.") % {"username": user.username})
        return redirect("accounts:user_edit", pk=user.pk)


def _show_password_once(request: HttpRequest, user: User, password: str, *, created: bool) -> HttpResponse:
    """Render (not redirect) so the password lives only in this one response, which is never cached."""
    response = render(
        request, "accounts/admin/password_shown.html", {"account": user, "password": password, "created": created}
    )
    response["Cache-Control"] = "no-store"
    return response


class _UserObjectMixin(UsersManageMixin):
    def get_account(self, pk: int) -> User:
        return get_object_or_404(User.objects.select_related("team"), pk=pk)


@method_decorator(never_cache, name="dispatch")
class UserEditView(_UserObjectMixin, View):
    template_name = "accounts/admin/user_edit.html"

    def _context(self, account: User, form: UserEditForm) -> dict[str, Any]:
        return {
            "account": account,
            "form": form,
            "has_second_factor": services.has_second_factor(account),
            "is_locked": services.is_locked(account.username),
            "otp_waiting_until": services.otp_waiting_until(account),
        }

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = self.get_account(pk)
        return render(request, self.template_name, self._context(account, UserEditForm(instance=account, acting_user=request.user)))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = self.get_account(pk)
        before = _snapshot(account)
        form = UserEditForm(request.POST, instance=account, acting_user=request.user)
        if not form.is_valid():
            # The form mutates the instance while validating; show the stored state beside the errors.
            return render(request, self.template_name, self._context(self.get_account(pk), form))
        with transaction.atomic():
            account = form.save()
            after = _snapshot(account)
            changes = {key: {"alt": before[key], "neu": after[key]} for key in after if before[key] != after[key]}
            if changes:
                record(
                    actor=request.user, action=AuditAction.CHANGE, purpose=PURPOSE_USERS, obj=account,
                    details={"changes": changes},
                )
        if changes:
            messages.success(request, _("Die Änderungen sind gespeichert."))
        else:
            messages.info(request, _("Es gab nichts zu ändern."))
        return redirect("accounts:user_edit", pk=account.pk)


@method_decorator(never_cache, name="dispatch")
class UserResetOtpView(_UserObjectMixin, View):
    """Asks for confirmation (GET), then deletes the user's TOTP devices (POST)."""

    template_name = "accounts/admin/user_reset_otp.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = self.get_account(pk)
        return render(request, self.template_name, {"account": account, "has_second_factor": services.has_second_factor(account)})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = self.get_account(pk)
        with transaction.atomic():
            deleted = services.reset_second_factor(account)
            record(
                actor=request.user, action=AuditAction.CHANGE, purpose=PURPOSE_USERS, obj=account,
                details={"second_factor": "reset", "devices_deleted": deleted},
            )
        messages.success(
            request,
            _("Der zweite Faktor von „%(username)s“ ist zurückgesetzt. Bei der nächsten Anmeldung wird eine neue Authenticator-App eingerichtet.")
            % {"username": account.username},
        )
        return redirect("accounts:user_edit", pk=account.pk)


class UserUnlockView(_UserObjectMixin, View):
    """Lifts the lockout after wrong passwords and the waiting time after wrong codes (POST only)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = self.get_account(pk)
        with transaction.atomic():
            was_locked = services.is_locked(account.username)
            result = services.unlock(account)
            record(
                actor=request.user, action=AuditAction.CHANGE, purpose=PURPOSE_USERS, obj=account,
                details={"unlocked": True, "was_locked": was_locked, **result},
            )
        messages.success(request, _("Die Sperre von „%(username)s“ ist aufgehoben.") % {"username": account.username})
        return redirect("accounts:user_edit", pk=account.pk)


@method_decorator([sensitive_post_parameters("password1", "password2"), never_cache], name="dispatch")
class UserSetPasswordView(_UserObjectMixin, View):
    """A new password for a user who forgot theirs; all their sessions end (the password hash changes)."""

    template_name = "accounts/admin/user_set_password.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = self.get_account(pk)
        return render(request, self.template_name, {"account": account, "form": PasswordChoiceForm(user=account)})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = self.get_account(pk)
        form = PasswordChoiceForm(request.POST, user=account)
        if not form.is_valid():
            return render(request, self.template_name, {"account": account, "form": form})
        password, generated = form.chosen_password(services.generate_password)
        with transaction.atomic():
            account.set_password(password)
            account.save(update_fields=["password"])
            record(
                actor=request.user, action=AuditAction.CHANGE, purpose=PURPOSE_USERS, obj=account,
                details={"password": "generated" if generated else "set"},
            )
        if generated:
            return _show_password_once(request, account, password, created=False)
        messages.success(request, _("Das neue Passwort für „%(username)s“ ist gesetzt.") % {"username": account.username})
        return redirect("accounts:user_edit", pk=account.pk)


class TeamListView(UsersManageMixin, View):
    template_name = "accounts/admin/team_list.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        teams = Team.objects.annotate(
            active_members=Count("members", filter=Q(members__is_active=True))
        ).order_by("name")
        return render(request, self.template_name, {"teams": teams})


class TeamCreateView(UsersManageMixin, View):
    template_name = "accounts/admin/team_form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": TeamForm(), "team": None})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = TeamForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form, "team": None})
        with transaction.atomic():
            team = form.save()
            record(
                actor=request.user, action=AuditAction.CREATE, purpose=PURPOSE_TEAMS, obj=team,
                details={"name": team.name, "description": team.description},
            )
        messages.success(request, _("Das Team „%(name)s“ ist angelegt.") % {"name": team.name})
        return redirect("accounts:team_list")


class TeamEditView(UsersManageMixin, View):
    template_name = "accounts/admin/team_form.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        team = get_object_or_404(Team, pk=pk)
        return render(request, self.template_name, {"form": TeamForm(instance=team), "team": team, **self._members(team)})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        team = get_object_or_404(Team, pk=pk)
        before = {"name": team.name, "description": team.description}
        form = TeamForm(request.POST, instance=team)
        if not form.is_valid():
            stored = get_object_or_404(Team, pk=pk)
            return render(request, self.template_name, {"form": form, "team": stored, **self._members(stored)})
        with transaction.atomic():
            team = form.save()
            after = {"name": team.name, "description": team.description}
            changes = {key: {"alt": before[key], "neu": after[key]} for key in after if before[key] != after[key]}
            if changes:
                record(
                    actor=request.user, action=AuditAction.CHANGE, purpose=PURPOSE_TEAMS, obj=team,
                    details={"changes": changes},
                )
        messages.success(request, _("Das Team „%(name)s“ ist gespeichert.") % {"name": team.name})
        return redirect("accounts:team_list")

    @staticmethod
    def _members(team: Team) -> dict[str, Any]:
        return {"members": team.members.order_by("last_name", "first_name", "username")}
