"""Forms of a Beratungskommission case: the draft, and one form per step (submit, recommendation, decision,
withdrawal). Every form carries the ``version`` the user saw; the services refuse a stale one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wegweiser.consent.categories import labels_of
from wegweiser.consent.models import Consent
from wegweiser.core.forms import DateInput
from wegweiser.network.models import Organisation, OrganisationKind
from wegweiser.persons.forms import KernFormMixin, _apply_kern

from .models import CommissionCase, DecisionOutcome, RecommendationKind
from .services.cases import DRAFT_FIELDS, today
from .services.consent_check import names_commission

_DATE_ERRORS = {"invalid": _("Bitte ein gültiges Datum angeben."), "required": _("Bitte ein Datum angeben.")}


def commissions() -> Any:
    return Organisation.objects.filter(kind=OrganisationKind.BERATUNGSKOMMISSION, active=True).order_by("name")


def consent_label(consent: Consent) -> str:
    status = consent.status.label
    return _("%(recipient)s, %(start)s bis %(end)s (%(status)s): %(categories)s") % {
        "recipient": consent.recipient, "start": consent.valid_from.strftime("%d.%m.%Y"),
        "end": consent.valid_until.strftime("%d.%m.%Y"), "status": status,
        "categories": "; ".join(labels_of(consent.categories)),
    }


class CaseForm(KernFormMixin, forms.Form):
    commission = forms.ModelChoiceField(
        label=_("Beratungskommission"), queryset=Organisation.objects.none(), empty_label=_("– bitte wählen –"),
        error_messages={"required": _("Bitte wählen Sie die Beratungskommission."),
                        "invalid_choice": _("Bitte einen Eintrag aus der Liste wählen.")},
    )
    consent = forms.ModelChoiceField(
        label=_("Einwilligung"), queryset=Consent.objects.none(), required=False,
        empty_label=_("noch keine"),
        help_text=_("Eine Einwilligung der Person für die Kommission (oder eine Person der Kommission). Zum "
                    "Vorlegen muss sie am Tag der Vorlage gelten und mindestens die Angaben zur Person und den "
                    "Aufenthalt abdecken."),
        error_messages={"invalid_choice": _("Bitte einen Eintrag aus der Liste wählen.")},
    )
    question = forms.CharField(
        label=_("Frage an die Kommission"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("z. B. „Empfiehlt die Kommission die Erteilung einer Aufenthaltserlaubnis nach § 25 Abs. 5 "
                    "AufenthG?“"),
        error_messages={"required": _("Bitte formulieren Sie die Frage an die Kommission.")},
    )
    summary = forms.CharField(
        label=_("Sachverhalt aus Sicht der Ausländerbehörde"), widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Wird in die Vorlage gedruckt. Bitte nur Angaben, die die Einwilligung abdeckt."),
        error_messages={"required": _("Bitte fassen Sie den Sachverhalt aus Sicht der Ausländerbehörde "
                                      "zusammen.")},
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, person: Any, case: CommissionCase | None = None, **kwargs: Any) -> None:
        if case is not None and not args and "initial" not in kwargs:
            kwargs["initial"] = initial_for(case)
        super().__init__(*args, **kwargs)
        self.fields["commission"].queryset = commissions()
        # The person's consents naming any commission; the service checks that it names the chosen one.
        candidates = [c for c in person.consents.select_related("recipient_organisation",
                                                                "recipient_contact__organisation")
                      if any(names_commission(c, org) for org in commissions())
                      or (case is not None and c.pk == case.consent_id)]
        self.fields["consent"].queryset = Consent.objects.filter(pk__in=[c.pk for c in candidates])
        self.fields["consent"].label_from_instance = consent_label
        _apply_kern(self)

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in DRAFT_FIELDS}


def initial_for(case: CommissionCase) -> dict[str, Any]:
    """Form values of a stored case (also the "stored" column after a stale edit)."""
    return {"commission": case.commission_id, "consent": case.consent_id, "question": case.question,
            "summary": case.summary, "version": case.version}


class StepForm(KernFormMixin, forms.Form):
    """A step on a case: carries the version the user saw."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, case: CommissionCase, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", case.version)
        super().__init__(*args, **kwargs)
        _apply_kern(self)


class SubmitForm(StepForm):
    submitted_on = forms.DateField(label=_("vorgelegt am"), widget=DateInput(), error_messages=_DATE_ERRORS,
                                   help_text=_("An diesem Tag muss die Einwilligung gelten."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"submitted_on": today()})
        super().__init__(*args, **kwargs)


class RecommendationForm(StepForm):
    session_date = forms.DateField(label=_("Sitzung am"), widget=DateInput(), error_messages=_DATE_ERRORS)
    kind = forms.ChoiceField(
        label=_("Empfehlung"), choices=[("", _("– bitte wählen –")), *RecommendationKind.choices],
        help_text=_("Bei „vertagt“ bleibt der Fall vorgelegt; die Antwort wird im Verlauf festgehalten."),
        error_messages={"required": _("Bitte wählen Sie, was die Kommission empfohlen hat.")},
    )
    text = forms.CharField(
        label=_("Wortlaut oder Zusammenfassung"), widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Bitte geben Sie den Wortlaut oder eine Zusammenfassung der Empfehlung "
                                      "an.")},
    )


class DecisionForm(StepForm):
    outcome = forms.ChoiceField(
        label=_("Entscheidung zur Empfehlung"), choices=DecisionOutcome.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie, ob die Entscheidung der Empfehlung folgt.")},
    )
    reason = forms.CharField(
        label=_("Begründung der Abweichung"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Nötig, wenn die Entscheidung von der Empfehlung abweicht."),
    )
    text = forms.CharField(
        label=_("Entscheidung der Ausländerbehörde"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("z. B. „Aufenthaltserlaubnis nach § 25 Abs. 5 AufenthG wird erteilt.“"),
        error_messages={"required": _("Bitte geben Sie die Entscheidung der Ausländerbehörde an.")},
    )
    decided_on = forms.DateField(label=_("entschieden am"), widget=DateInput(), error_messages=_DATE_ERRORS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"decided_on": today()})
        super().__init__(*args, **kwargs)
        self.fields["outcome"].widget.attrs["class"] = "kern-form-check__radio"


class WithdrawForm(StepForm):
    reason = forms.CharField(
        label=_("Grund der Rücknahme"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("z. B. „Aufenthaltserlaubnis inzwischen auf anderem Weg erteilt“"),
        error_messages={"required": _("Bitte nennen Sie den Grund der Rücknahme.")},
    )
    confirm = forms.BooleanField(
        label=_("Ich bestätige die Rücknahme. Sie kann nicht rückgängig gemacht werden."),
        error_messages={"required": _("Bitte bestätigen Sie die Rücknahme.")},
    )
