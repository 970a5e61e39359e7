"""Family and household pages, and notes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action, DataCategory
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record

from .. import codes
from ..forms import HouseholdCreateForm, NoteForm, PersonPickerForm, RelationForm
from ..models import FamilyRelation, Person, RelationKind
from ..services import family as services
from ..services.common import PURPOSE
from ..services.notes import add_note
from ..services.residence import current_status
from .base import CaseFileDeleteView, CaseFileFormView
from .common import audit_view, get_person_for
from .person import person_header

#: Candidates shown when looking for a relative or household member.
PICKER_LIMIT = 20
NON_FIELD = "__all__"


def _visible(request: HttpRequest):
    return policy.visible_persons(request.user, Person.objects.all())


def find_candidates(request: HttpRequest, person: Person, query: str) -> list[dict[str, Any]]:
    """Other case files matching ``query`` (name, birth date or file number); the search is audited."""
    query = " ".join(query.split())[:200]
    if len(query) < 2:
        return []
    from wegweiser.persons.search import search_persons

    hits = search_persons(_visible(request).exclude(pk=person.pk), query, limit=PICKER_LIMIT)
    record(actor=request.user, action=AuditAction.SEARCH, purpose=PURPOSE, person=person,
           details={"query": query, "hits": len(hits), "page": "picker"})
    rows = []
    for hit in hits:
        other = hit.person
        rows.append({
            "person": other,
            "nationalities": [codes.country_name(n.code) for n in other.nationalities.all()],
            "status": current_status(other),
        })
    return rows


class FamilyPageView(View):
    """Everyone related to the person, with their residence status, and what the user may change."""

    template_name = "persons/family.html"

    def get(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        person = get_person_for(request, person_pk, Action.PERSON_VIEW, DataCategory.FAMILY)
        family = services.family_of(person, request.user)
        may_change = policy.may(request.user, Action.PERSON_CHANGE, person, DataCategory.FAMILY)
        audit_view(request, person, "family", relatives=[m.person.pk for m in family.relatives],
                   household=[m.person.pk for m in family.household_members])
        # A relation links two files: removing it needs the right to change both.
        changeable = {
            m.person.pk for m in family.relatives
            if may_change and policy.may(request.user, Action.PERSON_CHANGE, m.person, DataCategory.FAMILY)
        }
        return render(request, self.template_name, {
            **person_header(person), "family": family, "may_change": may_change, "changeable": changeable,
            "groups": [
                (_("Ehegatten"), family.spouses), (_("Lebenspartner/-innen"), family.partners),
                (_("Eltern"), family.parents), (_("Kinder"), family.children),
            ],
        })


class RelationAddView(CaseFileFormView):
    action = Action.PERSON_CHANGE
    category = DataCategory.FAMILY
    form_class = RelationForm
    template_name = "persons/relation_form.html"
    page = "relation_add"
    title = gettext_lazy("Familienbeziehung hinzufügen")
    submit_label = gettext_lazy("Beziehung speichern")
    success_message = gettext_lazy("Die Familienbeziehung wurde gespeichert.")

    def success_url(self) -> str:
        return reverse("persons:family", kwargs={"person_pk": self.person.pk})

    def get_form(self, data: Any = None) -> RelationForm:
        return RelationForm(data, queryset=_visible(self.request), exclude=self.person)

    def save(self, form: RelationForm) -> FamilyRelation:
        parent_or_person, relative, kind = form.relation_args(self.person)
        custody = form.cleaned_data.get("has_custody") if kind == RelationKind.PARENT else None
        return services.add_relation(self.request.user, parent_or_person, relative, kind, custody,
                                     since=form.cleaned_data.get("since"))

    def extra_context(self) -> dict[str, Any]:
        source = self.request.POST if self.request.method == "POST" else self.request.GET
        query = source.get("q", "").strip()
        return {"query": query, "candidates": find_candidates(self.request, self.person, query) if query else [],
                "selected": source.get("other", "")}


class RelationDeleteView(CaseFileDeleteView):
    action = Action.PERSON_CHANGE
    category = DataCategory.FAMILY
    page = "relation_delete"
    title = gettext_lazy("Familienbeziehung entfernen")
    confirm_label = gettext_lazy("Beziehung entfernen")
    success_message = gettext_lazy("Die Familienbeziehung wurde entfernt.")

    def get_object(self, person: Person, pk: int) -> FamilyRelation:
        return get_object_or_404(
            FamilyRelation.objects.select_related("person", "relative"),
            Q(person=person) | Q(relative=person), pk=pk,
        )

    def question(self, obj: FamilyRelation) -> str:
        if obj.kind == RelationKind.PARENT:
            text = _("%(parent)s ist Elternteil von %(child)s")
            args = {"parent": obj.person.display_name, "child": obj.relative.display_name}
        else:
            text = _("%(a)s und %(b)s: %(kind)s")
            args = {"a": obj.person.display_name, "b": obj.relative.display_name, "kind": obj.get_kind_display()}
        return _("Soll die Beziehung „%(relation)s“ entfernt werden? Die Akten beider Personen bleiben bestehen.") % {
            "relation": text % args}

    def delete(self, request: HttpRequest, obj: FamilyRelation) -> None:
        services.remove_relation(request.user, obj)

    def success_url(self, person: Person) -> str:
        return reverse("persons:family", kwargs={"person_pk": person.pk})


class HouseholdView(View):
    """Create the household, add members (search or file number), take members out."""

    template_name = "persons/household.html"

    def _person(self, request: HttpRequest, person_pk: int) -> Person:
        return get_person_for(request, person_pk, Action.PERSON_CHANGE, DataCategory.FAMILY)

    def get(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        person = self._person(request, person_pk)
        audit_view(request, person, "household")
        return self.render(request, person)

    def post(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        person = self._person(request, person_pk)
        operation = request.POST.get("operation", "")
        create_form = picker = None
        try:
            if operation == "create":
                create_form = HouseholdCreateForm(request.POST)
                if create_form.is_valid():
                    services.create_household(request.user, person, create_form.cleaned_data["address"])
                    messages.success(request, _("Der Haushalt wurde angelegt."))
                    return redirect("persons:household", person_pk=person.pk)
            elif operation == "add":
                picker = PersonPickerForm(request.POST, queryset=_visible(request), exclude=person)
                if picker.is_valid():
                    member = picker.cleaned_data["other_person"]
                    services.add_household_member(request.user, person, member)
                    messages.success(request, _("%(name)s gehört jetzt zum Haushalt.") % {"name": member.display_name})
                    return redirect("persons:household", person_pk=person.pk)
            elif operation == "remove":
                member = _member(request, person)
                if member is None:
                    messages.error(request, _("Die gewählte Person gehört nicht zu diesem Haushalt."))
                else:
                    services.remove_household_member(request.user, person, member)
                    messages.success(request, _("%(name)s wurde aus dem Haushalt ausgetragen.")
                                     % {"name": member.display_name})
                    if member.pk == person.pk:
                        return redirect("persons:family", person_pk=person.pk)
                return redirect("persons:household", person_pk=person.pk)
            else:
                messages.error(request, _("Unbekannte Aktion."))
                return redirect("persons:household", person_pk=person.pk)
        except ValidationError as exc:
            if picker is None:  # create or remove: the message is all there is to say
                messages.error(request, " ".join(exc.messages))
                return redirect("persons:household", person_pk=person.pk)
            picker.add_service_error(exc, {"member": NON_FIELD})
        person.refresh_from_db()
        return self.render(request, person, create_form=create_form, picker=picker)

    def render(self, request: HttpRequest, person: Person, create_form: HouseholdCreateForm | None = None,
               picker: PersonPickerForm | None = None) -> HttpResponse:
        source = request.POST if request.method == "POST" else request.GET
        query = source.get("q", "").strip()
        family = services.family_of(person, request.user)
        return render(request, self.template_name, {
            **person_header(person),
            "family": family,
            "create_form": create_form or HouseholdCreateForm(),
            "picker": picker or PersonPickerForm(queryset=_visible(request), exclude=person),
            "query": query,
            "candidates": find_candidates(request, person, query) if query else [],
            "selected": source.get("other", ""),
            "household_rows": [
                {"member": m,
                 "may_remove": policy.may(request.user, Action.PERSON_CHANGE, m.person, DataCategory.FAMILY)}
                for m in family.household_members
            ],
        })


def _member(request: HttpRequest, person: Person) -> Person | None:
    """The member named in the POST, if they are in the person's household and visible to the user."""
    try:
        pk = int(request.POST.get("member", ""))
    except ValueError:
        return None
    if person.household_id is None:
        return None
    return _visible(request).filter(pk=pk, household_id=person.household_id).first()


class NoteAddView(CaseFileFormView):
    action = Action.NOTE_ADD
    category = DataCategory.NOTES
    form_class = NoteForm
    page = "note_add"
    anchor = "notizen"
    title = gettext_lazy("Notiz hinzufügen")
    submit_label = gettext_lazy("Notiz speichern")
    success_message = gettext_lazy("Die Notiz wurde gespeichert.")

    def save(self, form: NoteForm) -> Any:
        return add_note(self.request.user, self.person, form.cleaned_data["text"])

