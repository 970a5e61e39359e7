"""Log-in forms."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PasswordLoginForm(forms.Form):
    username = forms.CharField(label=_("Benutzername"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "username", "class": "kern-form-input__input"}))
    password = forms.CharField(label=_("Passwort"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "class": "kern-form-input__input"}))


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Sechsstelliger Code aus der Authenticator-App"),
        min_length=6, max_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]{6}", "class": "kern-form-input__input"}),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("Der Code besteht aus sechs Ziffern."))
        return token
