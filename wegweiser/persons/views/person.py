"""The person itself: create, overview, edit (optimistic locking), delete."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action, DataCategory

from .. import codes
from ..forms import PersonForm, initial_for
from ..models import Person
from ..sections import sections_for
from ..services import person as person_services
from ..services.family import family_of
from ..services.residence import current_status, timeline
from .common import audit_view, get_person, get_person_for


def person_header(person: Person) -> dict[str, Any]:
    """What every page of a case file shows at the top (names, file number, birth date, status)."""
    nationalities = [codes.country_name(n.code) for n in person.nationalities.all()]
    original = ", ".join(n for n in (person.family_name, person.given_names) if n)
    return {
        "person": person,
        "nationality_names": nationalities,
        "original_name": original if original != person.display_name else "",
        "status": current_status(person),
        "detail_url": reverse("persons:detail", kwargs={"pk": person.pk}),
    }


class PersonCreateView(View):
    template_name = "persons/person_form.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        policy.require(request.user, Action.PERSON_CREATE)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        form = PersonForm(initial={"team": getattr(request.user, "team_id", None)}, user=request.user)
        return self.render(request, form)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = PersonForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                person = person_services.create_person(
                    request.user, form.service_data(), form.nationality_codes(), form.language_codes()
                )
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Die Akte %(number)s wurde angelegt.") % {"number": person.file_number})
                return redirect("persons:detail", pk=person.pk)
        return self.render(request, form)

    def render(self, request: HttpRequest, form: PersonForm, status: int = 200) -> HttpResponse:
        return render(request, self.template_name, {"form": form, "creating": True,
                                                    "cancel_url": reverse("core:home")}, status=status)


class PersonDetailView(View):
    """The case file at a glance: person, residence history, family, facts, documents, notes."""

    template_name = "persons/person_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = get_person(request, pk)
        user = request.user

        def may(action: Action, category: DataCategory | None = None) -> bool:
            return policy.may(user, action, person, category)

        context: dict[str, Any] = {
            **person_header(person),
            "spoken_languages": [codes.language_name(lang.code) for lang in person.languages.all()],
            "letter_language": codes.language_name(person.letter_language) if person.letter_language else "",
            "birth_country": codes.country_name(person.birth_country),
            "may_edit": may(Action.PERSON_CHANGE),
            "may_delete": may(Action.PERSON_DELETE),
            "may_residence": may(Action.RESIDENCE_CHANGE, DataCategory.RESIDENCE),
            "may_family": may(Action.PERSON_CHANGE, DataCategory.FAMILY),
            "may_note": may(Action.NOTE_ADD, DataCategory.NOTES),
            "show_residence": may(Action.PERSON_VIEW, DataCategory.RESIDENCE),
            "show_family": may(Action.PERSON_VIEW, DataCategory.FAMILY),
            "show_notes": may(Action.PERSON_VIEW, DataCategory.NOTES),
        }
        sections = ["identity"]
        if context["show_residence"]:
            context["timeline"] = timeline(person)
            context["entries"] = list(person.entries.all())
            context["stays"] = list(person.stays_abroad.all())
            sections.append("residence")
        if context["show_family"]:
            context["family"] = family_of(person, user)
            sections.append("family")
        if context["show_notes"]:
            context["notes"] = list(person.notes.select_related("created_by"))
            sections.append("notes")
        context.update(_facts_context(person, user))
        context.update(_documents_context(person, user))
        context["extra_sections"] = sections_for(person, user)
        sections += [section.key for section in context["extra_sections"]]
        audit_view(request, person, "overview", sections=sections)
        return render(request, self.template_name, context)


def _facts_context(person: Person, user: Any) -> dict[str, Any]:
    from wegweiser.facts.overview import facts_context

    return facts_context(person, user)


def _documents_context(person: Person, user: Any) -> dict[str, Any]:
    from wegweiser.documents.overview import documents_context

    return documents_context(person, user)


class PersonEditView(View):
    """Edit the person's own data. A stale version keeps the user's input and shows the stored values."""

    template_name = "persons/person_form.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = get_person_for(request, pk, Action.PERSON_CHANGE)
        audit_view(request, person, "edit")
        return self.render(request, person, PersonForm(person=person, user=request.user))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = get_person_for(request, pk, Action.PERSON_CHANGE)
        form = PersonForm(request.POST, person=person, user=request.user)
        conflicts: list[dict[str, Any]] = []
        if form.is_valid():
            try:
                saved = person_services.update_person(
                    request.user, person, form.service_data(), form.nationality_codes(), form.language_codes(),
                    expected_version=form.cleaned_data.get("version") or 0,
                )
            except person_services.StaleEdit as stale:
                conflicts = _conflicts(form, stale.current)
                form.add_service_error(stale)
                # Saving again now overwrites knowingly: the form carries the version the user has now seen.
                data = form.data.copy()
                data["version"] = str(stale.current.version)
                form.data = data
                person = stale.current
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                if saved.version != person.version:
                    messages.success(request, _("Die Änderungen wurden gespeichert."))
                else:
                    messages.info(request, _("Es gab keine Änderungen zu speichern."))
                return redirect("persons:detail", pk=saved.pk)
        return self.render(request, person, form, conflicts=conflicts)

    def render(self, request: HttpRequest, person: Person, form: PersonForm, conflicts: list | None = None,
               status: int = 200) -> HttpResponse:
        context = {
            **person_header(person), "form": form, "creating": False, "conflicts": conflicts or [],
            "cancel_url": reverse("persons:detail", kwargs={"pk": person.pk}),
        }
        return render(request, self.template_name, context, status=status)


def _display(form: PersonForm, name: str, value: Any) -> str:
    """A form value as the user reads it (choice labels instead of codes)."""
    if value in (None, ""):
        return "–"
    field = form.fields[name]
    if hasattr(field, "queryset"):
        obj = field.queryset.filter(pk=getattr(value, "pk", value)).first()
        return str(obj) if obj else "–"
    for key, label in getattr(field, "choices", ()):
        if isinstance(label, (list, tuple)):
            for sub_key, sub_label in label:
                if str(sub_key) == str(value):
                    return str(sub_label)
        elif str(key) == str(value):
            return str(label)
    return str(value)


def _conflicts(form: PersonForm, current: Person) -> list[dict[str, Any]]:
    """Fields where the stored state (saved by someone else) differs from what this user typed."""
    stored = initial_for(current)
    rows = []
    stored_nat = sorted(v for k, v in stored.items() if k.startswith("nationality_"))
    typed_nat = sorted(form.nationality_codes())
    stored_lang = sorted(v for k, v in stored.items() if k.startswith("language_"))
    typed_lang = sorted(form.language_codes())
    for name in person_services.PERSON_FIELDS:
        typed = form.cleaned_data.get(name)
        typed_key = getattr(typed, "pk", typed)
        stored_value = stored.get(name)
        if (typed_key or None) != (stored_value or None) and str(typed_key or "") != str(stored_value or ""):
            rows.append({"label": form.fields[name].label, "field": form[name],
                         "stored": _display(form, name, stored_value), "typed": _display(form, name, typed)})
    if stored_nat != typed_nat:
        rows.append({"label": _("Staatsangehörigkeiten"), "field": form["nationality_1"],
                     "stored": ", ".join(codes.country_name(c) for c in stored_nat) or "–",
                     "typed": ", ".join(codes.country_name(c) for c in typed_nat) or "–"})
    if stored_lang != typed_lang:
        rows.append({"label": _("Sprachen"), "field": form["language_1"],
                     "stored": ", ".join(codes.language_name(c) for c in stored_lang) or "–",
                     "typed": ", ".join(codes.language_name(c) for c in typed_lang) or "–"})
    return rows


class PersonDeleteView(View):
    """Delete a whole case file (Teamleitung). GET asks for confirmation, POST deletes."""

    template_name = "persons/confirm_delete.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = get_person_for(request, pk, Action.PERSON_DELETE)
        audit_view(request, person, "delete")
        counts = {
            "residence_periods": person.residence_periods.count(),
            "relations": person.relations_out.count() + person.relations_in.count(),
            "notes": person.notes.count(),
            "documents": person.documents.count(),
        }
        return render(request, self.template_name, {
            **person_header(person),
            "title": _("Akte löschen"),
            "question": _("Soll die gesamte Akte von %(name)s (%(number)s) endgültig gelöscht werden?")
            % {"name": person.display_name, "number": person.file_number},
            "consequences": _delete_consequences(counts),
            "confirm_label": _("Akte endgültig löschen"),
            "cancel_url": reverse("persons:detail", kwargs={"pk": person.pk}),
        })

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = get_person_for(request, pk, Action.PERSON_DELETE)
        number = person.file_number
        try:
            person_services.delete_person(request.user, person)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            if getattr(exc, "code", "") == "protected":
                return redirect("persons:detail", pk=person.pk)
            return redirect("persons:search")
        messages.success(request, _("Die Akte %(number)s wurde gelöscht.") % {"number": number})
        return redirect("persons:search")


def _delete_consequences(counts: dict[str, int]) -> list[str]:
    lines = [
        _("Alle Angaben zur Person, der Aufenthaltsverlauf, Einreisen und Auslandsaufenthalte, Fakten und Notizen "
          "werden gelöscht."),
    ]
    if counts["documents"]:
        lines.append(_("%(count)d hochgeladene Dokumente werden gelöscht.") % {"count": counts["documents"]})
    if counts["relations"]:
        lines.append(_("%(count)d Familienbeziehungen werden entfernt; die Akten der Angehörigen bleiben bestehen.")
                     % {"count": counts["relations"]})
    lines.append(_("Das Protokoll behält die Einträge zu dieser Akte."))
    return lines
