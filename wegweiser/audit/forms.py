"""The filter form of the audit search (also used for the CSV export of the same selection)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wegweiser.core.forms import DateInput, apply_kern_classes

from .models import AuditAction, AuditEntry


class AuditFilterForm(forms.Form):
    date_from = forms.DateField(label=_("Von"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Bis"), required=False, widget=DateInput())
    user = forms.CharField(label=_("Benutzername"), required=False, max_length=150)
    person = forms.CharField(
        label=_("Person"), required=False, max_length=32,
        help_text=_("Personen-ID oder Aktenzeichen"),
    )
    action = forms.ChoiceField(label=_("Aktion"), required=False, choices=[("", _("alle"))] + list(AuditAction.choices))
    purpose = forms.CharField(label=_("Zweck enthält"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_kern_classes(self)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Das Ende des Zeitraums liegt vor seinem Anfang."))
        person = (data.get("person") or "").strip()
        if person:
            data["person_ids"] = self._person_ids(person)
            if not data["person_ids"]:
                self.add_error("person", _("Keine Person mit dieser ID oder diesem Aktenzeichen."))
        return data

    @staticmethod
    def _person_ids(text: str) -> list[int]:
        from wegweiser.persons.models import Person

        ids = list(Person.objects.filter(file_number__iexact=text).values_list("pk", flat=True))
        if text.isdigit():
            ids.append(int(text))  # also entries of deleted persons, which keep their id
        return ids

    def filter(self, queryset: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        """Apply the valid filters; call only after ``is_valid()``."""
        data = self.cleaned_data
        tz = timezone.get_current_timezone()
        if data.get("date_from"):
            queryset = queryset.filter(at__gte=datetime.combine(data["date_from"], time.min, tzinfo=tz))
        if data.get("date_to"):
            queryset = queryset.filter(at__lt=datetime.combine(data["date_to"] + timedelta(days=1), time.min, tzinfo=tz))
        if data.get("user"):
            queryset = queryset.filter(actor_username__iexact=data["user"].strip())
        if data.get("person_ids"):
            queryset = queryset.filter(Q(person_id__in=data["person_ids"]))
        if data.get("action"):
            queryset = queryset.filter(action=data["action"])
        if data.get("purpose"):
            queryset = queryset.filter(purpose__icontains=data["purpose"].strip())
        return queryset

    def summary(self) -> dict[str, str]:
        """The filters used, for the audit entry that records the search itself."""
        return {k: str(v) for k, v in self.cleaned_data.items() if v not in (None, "", []) and k != "person_ids"}
