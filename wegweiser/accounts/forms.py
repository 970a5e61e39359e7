"""Forms for log-in, own password and the user administration."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordChangeForm as DjangoPasswordChangeForm
from django.utils.translation import gettext_lazy as _

from .models import Team, User
from .roles import EXTERNAL_ROLES, Role

_INPUT = "kern-form-input__input"
_SELECT = "kern-form-input__select"
_CHECKBOX = "kern-form-check__checkbox"
_RADIO = "kern-form-check__radio"

#: Roles whose changes are limited to their own team; without a team they could change no team's files.
TEAM_REQUIRED_ROLES = frozenset({Role.SACHBEARBEITUNG, Role.INTEGRATIONSLOTSE, Role.TEAMLEITUNG})
TEAM_HELP = _("Nötig für Sachbearbeitung, Integrationslotse/-lotsin und Teamleitung.")
ORGANISATION_HELP = _("Nötig bei externen Konten (KIM-Fallmanagement, Unterstützende).")


class PasswordLoginForm(forms.Form):
    username = forms.CharField(
        label=_("Benutzername"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "class": _INPUT}),
    )
    password = forms.CharField(
        label=_("Passwort"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "class": _INPUT}),
    )


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Sechsstelliger Code aus der Authenticator-App"),
        max_length=16,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "none",
                "class": _INPUT,
            }
        ),
    )

    def clean_token(self) -> str:
        # Apps show the code as "123 456"; accept it typed or pasted that way.
        token = re.sub(r"[\s-]", "", self.cleaned_data["token"])
        if not re.fullmatch(r"[0-9]{6}", token):
            raise forms.ValidationError(_("Der Code besteht aus sechs Ziffern."))
        return token


class PasswordChangeForm(DjangoPasswordChangeForm):
    """Django's form with KERN classes; the validators from AUTH_PASSWORD_VALIDATORS apply."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = _INPUT


class PasswordChoiceForm(forms.Form):
    """Either the administrator types an initial password or Wegweiser generates one (shown once)."""

    SET = "set"
    GENERATE = "generate"

    password_mode = forms.ChoiceField(
        label=_("Passwort"),
        choices=[(GENERATE, _("Sicheres Passwort erzeugen (wird einmal angezeigt)")), (SET, _("Passwort selbst festlegen"))],
        initial=GENERATE,
        widget=forms.RadioSelect(attrs={"class": _RADIO}),
    )
    password1 = forms.CharField(
        label=_("Neues Passwort"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "class": _INPUT}),
        help_text=_("Nur wenn Sie das Passwort selbst festlegen: mindestens 12 Zeichen, nicht nur Ziffern, kein gängiges Passwort."),
    )
    password2 = forms.CharField(
        label=_("Neues Passwort wiederholen"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "class": _INPUT}),
    )

    def __init__(self, *args: Any, user: User | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.password_user = user
        for name in ("password1", "password2"):
            # Needed only with "selbst festlegen"; the label should not call them optional.
            self.fields[name].conditional = True

    def user_for_validation(self) -> User | None:
        """The account the password is for (validators compare it with username, names, e-mail)."""
        return self.password_user

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("password_mode") != self.SET:
            return cleaned
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if not password1:
            self.add_error("password1", _("Bitte geben Sie ein Passwort ein oder lassen Sie eines erzeugen."))
            return cleaned
        if password1 != password2:
            self.add_error("password2", _("Die beiden Passwörter stimmen nicht überein."))
            return cleaned
        try:
            password_validation.validate_password(password1, user=self.user_for_validation())
        except forms.ValidationError as exc:
            self.add_error("password1", exc)
        return cleaned

    def chosen_password(self, generate) -> tuple[str, bool]:
        """The password to set and whether it was generated (and must be shown once)."""
        if self.cleaned_data["password_mode"] == self.SET:
            return self.cleaned_data["password1"], False
        return generate(), True


class _AccountFieldsMixin:
    """Validation shared by creating and editing an account."""

    cleaned_data: dict[str, Any]

    def _clean_role_dependencies(self) -> None:
        role = self.cleaned_data.get("role")
        if not role:
            return
        if Role(role) in TEAM_REQUIRED_ROLES and not self.cleaned_data.get("team"):
            self.add_error("team", _("Für diese Rolle ist ein Team nötig."))  # type: ignore[attr-defined]
        if Role(role) in EXTERNAL_ROLES and not (self.cleaned_data.get("organisation") or "").strip():
            self.add_error("organisation", _("Bei externen Konten ist die Organisation anzugeben."))  # type: ignore[attr-defined]


def _style(fields: dict[str, forms.Field]) -> None:
    for field in fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs["class"] = _CHECKBOX
        elif isinstance(widget, forms.Select):
            widget.attrs["class"] = _SELECT
        else:
            widget.attrs["class"] = _INPUT


class UserCreateForm(_AccountFieldsMixin, PasswordChoiceForm, forms.ModelForm):
    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "role", "team", "organisation"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            self.fields[name].required = True
        self.fields["username"].help_text = _("Persönlich, z. B. „m.mustermann“; nicht änderbar. Erlaubt: Buchstaben, Ziffern und @ . + - _")
        self.fields["team"].queryset = Team.objects.order_by("name")
        self.fields["team"].empty_label = _("– kein Team –")
        self.fields["team"].help_text = TEAM_HELP
        self.fields["organisation"].help_text = ORGANISATION_HELP
        self.fields["role"].choices = [("", _("– bitte wählen –")), *Role.choices]
        _style({k: v for k, v in self.fields.items() if k not in ("password_mode",)})
        self.fields["username"].widget.attrs.update({"autocomplete": "off", "autocapitalize": "none"})
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        for name in ("password1", "password2"):
            self.fields[name].widget.attrs["autocomplete"] = "new-password"
        # Keep the password fields last, after the account data they are checked against.
        self.order_fields(
            ["username", "first_name", "last_name", "email", "role", "team", "organisation", "password_mode"]
        )

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Ein Konto mit diesem Benutzernamen gibt es bereits."))
        return username

    def user_for_validation(self) -> User:
        # Not saved yet: an unsaved instance carries the names the similarity validator compares with.
        data = self.cleaned_data
        return User(
            username=data.get("username", ""), first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""), email=data.get("email", ""),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self._clean_role_dependencies()
        return cleaned


class UserEditForm(_AccountFieldsMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "role", "team", "organisation", "is_active"]
        labels = {"is_active": _("Konto aktiv")}
        help_texts = {
            "is_active": _("Deaktivierte Konten können sich nicht anmelden; laufende Sitzungen enden sofort."),
        }

    def __init__(self, *args: Any, acting_user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.acting_user = acting_user
        for name in ("first_name", "last_name"):
            self.fields[name].required = True
        self.fields["team"].queryset = Team.objects.order_by("name")
        self.fields["team"].empty_label = _("– kein Team –")
        self.fields["team"].help_text = TEAM_HELP
        self.fields["organisation"].help_text = ORGANISATION_HELP
        self.fields["role"].choices = [("", _("– bitte wählen –")), *Role.choices]
        _style(self.fields)
        if self.is_own_account:
            # Protects against locking the office out of its own user administration by a slip.
            for name in ("role", "is_active"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Beim eigenen Konto nicht änderbar; das kann eine andere Person der Administration.")

    @property
    def is_own_account(self) -> bool:
        return self.instance.pk == self.acting_user.pk

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self._clean_role_dependencies()
        if self.is_own_account:  # the fields are disabled; this guards against a tampered form, too
            if "role" in cleaned and cleaned["role"] != self.instance.role:
                self.add_error("role", _("Ihre eigene Rolle kann nur eine andere Person der Administration ändern."))
            if "is_active" in cleaned and not cleaned["is_active"]:
                self.add_error("is_active", _("Sie können Ihr eigenes Konto nicht deaktivieren."))
        return cleaned


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name", "description"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].help_text = _("z. B. „Team 2 (Familiennamen L–R)“")
        _style(self.fields)

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        clash = Team.objects.filter(name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Ein Team mit diesem Namen gibt es bereits."))
        return name
