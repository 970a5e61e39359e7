"""Protocol pages: start, edit the draft (autosaved via htmx, also a plain save button), view, finalise,
addenda. A protocol is addressed by its own id; its person's visibility is checked first (404), then the
policy (403). Every page that shows a protocol writes a VIEW entry; every change is audited by the services.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.persons.models import Person
from wegweiser.persons.views.common import audit_view, get_person, get_person_for
from wegweiser.persons.views.person import person_header

from ..forms import AddendumForm, FinaliseForm, ProtocolForm, ProtocolStartForm
from ..models import InterpreterMode, Protocol
from ..models.protocol import FinalProtocol
from ..services import achievements, protocols
from ..services.concept import current_concept

ACHIEVEMENT_FIELDS = frozenset(n for names in ProtocolForm.ACHIEVEMENT_GROUPS.values() for n in names)


def get_protocol_for(request: HttpRequest, pk: int, action: Action) -> Protocol:
    """The protocol, if the user sees its person (else 404) and may do ``action`` on it (else 403)."""
    policy.require(request.user, action)
    protocol = get_object_or_404(
        Protocol.objects.select_related("person", "concept", "counselling_type", "finalised_by", "created_by"), pk=pk
    )
    person = get_person(request, protocol.person_id)
    policy.require(request.user, action, person)
    protocol.person = person
    return protocol


def _section_url(person: Person) -> str:
    return reverse("persons:detail", kwargs={"pk": person.pk}) + "#beratung-heading"


class ProtocolCreateView(View):
    """Choose the counselling type of the current concept and the date; the draft is created at once so that
    the edit page can keep it automatically."""

    template_name = "counselling/protocol_start.html"

    def get(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        person = get_person_for(request, person_pk, Action.COUNSELLING_CHANGE)
        audit_view(request, person, "counselling_create")
        concept = current_concept()
        form = ProtocolStartForm(concept=concept, initial={"held_on": timezone.localdate()})
        return self.render(request, person, form, concept)

    def post(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        person = get_person_for(request, person_pk, Action.COUNSELLING_CHANGE)
        concept = current_concept()
        form = ProtocolStartForm(request.POST, concept=concept)
        if concept is not None and form.is_valid():
            try:
                protocol = protocols.create_protocol(
                    request.user, person, form.cleaned_data["counselling_type"],
                    {"held_on": form.cleaned_data["held_on"], "interpreter_mode": InterpreterMode.NONE},
                )
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Der Protokollentwurf wurde angelegt."))
                return redirect("counselling:protocol_edit", pk=protocol.pk)
        return self.render(request, person, form, concept, status=400)

    def render(self, request: HttpRequest, person: Person, form: ProtocolStartForm, concept: Any,
               status: int = 200) -> HttpResponse:
        return render(request, self.template_name, {
            **person_header(person), "form": form, "concept": concept, "cancel_url": _section_url(person),
        }, status=status)


class ProtocolEditView(View):
    """The draft. An htmx request (on change / after typing) saves quietly and answers with the status line and
    the new version; a plain POST saves, records disclosed achievements as facts and shows the page again."""

    template_name = "counselling/protocol_form.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        protocol = get_protocol_for(request, pk, Action.COUNSELLING_CHANGE)
        if protocol.is_final:
            messages.info(request, _("Das Protokoll ist abgeschlossen. Korrekturen sind nur als Nachtrag möglich."))
            return redirect("counselling:protocol_detail", pk=protocol.pk)
        audit_view(request, protocol.person, "counselling_edit", obj=protocol)
        return self.render(request, protocol, ProtocolForm(protocol=protocol))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        protocol = get_protocol_for(request, pk, Action.COUNSELLING_CHANGE)
        form = ProtocolForm(request.POST, protocol=protocol)
        if getattr(request, "htmx", False):
            return self.autosave(request, protocol, form)
        if protocol.is_final:
            messages.error(request, str(FinalProtocol().messages[0]))
            return redirect("counselling:protocol_detail", pk=protocol.pk)
        conflict = None
        if form.is_valid():
            try:
                if form.has_achievements() and not policy.may(request.user, Action.FACT_CHANGE, protocol.person):
                    raise ValidationError(_("Sie dürfen in dieser Akte keine Integrationsleistungen erfassen "
                                            "(andere Teamzuständigkeit). Bitte leeren Sie diese Angaben."))
                saved = protocols.update_draft(request.user, protocol, form.service_data(),
                                               expected_version=form.cleaned_data["version"],
                                               edit_token=form.cleaned_data.get("edit_token") or "")
                facts = achievements.record_achievements(request.user, saved, form.achievement_facts())
            except protocols.StaleProtocol as stale:
                form.add_service_error(stale)
                conflict = stale.current
                data = form.data.copy()
                data["version"] = str(stale.current.version)  # saving again now overwrites knowingly
                form.data = data
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                if facts:
                    messages.success(request, ngettext(
                        "Der Entwurf wurde gespeichert; %(count)d Integrationsleistung wurde als Angabe aus der "
                        "Beratung erfasst.",
                        "Der Entwurf wurde gespeichert; %(count)d Integrationsleistungen wurden als Angabe aus der "
                        "Beratung erfasst.", len(facts)) % {"count": len(facts)})
                else:
                    messages.success(request, _("Der Entwurf wurde gespeichert."))
                return redirect("counselling:protocol_edit", pk=protocol.pk)
        return self.render(request, protocol, form, conflict=conflict, status=409 if conflict else 400)

    def autosave(self, request: HttpRequest, protocol: Protocol, form: ProtocolForm) -> HttpResponse:
        """Save what is valid of the draft (achievements wait for the save button); answer with a status."""
        context: dict[str, Any] = {"protocol": protocol, "version": protocol.version}
        form.is_valid()
        blocking = {name: errs for name, errs in form.errors.items() if name not in ACHIEVEMENT_FIELDS}
        if protocol.is_final:
            context["error"] = _("Das Protokoll ist inzwischen abgeschlossen; nichts wurde gespeichert.")
        elif blocking:
            context["error"] = _("Entwurf nicht gespeichert: Bitte prüfen Sie diese Angaben: %(fields)s") % {
                "fields": ", ".join(str(form.fields[n].label) if n in form.fields else _("Formular")
                                    for n in blocking)}
        else:
            try:
                saved = protocols.update_draft(request.user, protocol, form.service_data(),
                                               expected_version=form.cleaned_data["version"], autosave=True,
                                               edit_token=form.cleaned_data.get("edit_token") or "")
            except protocols.StaleProtocol:
                context["error"] = _("Entwurf nicht gespeichert: Das Protokoll wurde inzwischen in einem anderen "
                                     "Fenster gespeichert. Ihre Eingaben stehen noch im Formular; speichern Sie "
                                     "mit „Entwurf speichern“, um die Unterschiede zu sehen.")
            except ValidationError as exc:
                context["error"] = " ".join(exc.messages)
            else:
                context.update(saved_at=timezone.localtime(), version=saved.version)
        return render(request, "counselling/_autosave_status.html", context)

    def render(self, request: HttpRequest, protocol: Protocol, form: ProtocolForm, *,
               conflict: Protocol | None = None, status: int = 200) -> HttpResponse:
        return render(request, self.template_name, {
            **person_header(protocol.person), "protocol": protocol, "form": form,
            "checklist": form.checklist(), "conflict": conflict,
            "conflicts": form.conflicts(conflict) if conflict else [],
            "may_record_facts": policy.may(request.user, Action.FACT_CHANGE, protocol.person),
            "facts": achievements.facts_of(protocol),
            "cancel_url": reverse("counselling:protocol_detail", kwargs={"pk": protocol.pk}),
        }, status=status)


class ProtocolDetailView(View):
    template_name = "counselling/protocol_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        protocol = get_protocol_for(request, pk, Action.COUNSELLING_VIEW)
        referrals = _referrals_shown(request, protocol)
        audit_view(request, protocol.person, "counselling_protocol", obj=protocol,
                   **({"referrals": [r.pk for r in referrals]} if referrals else {}))
        return self.render(request, protocol)

    def render(self, request: HttpRequest, protocol: Protocol, *, finalise_error: str = "",
               addendum_form: AddendumForm | None = None, status: int = 200) -> HttpResponse:
        may_change = policy.may(request.user, Action.COUNSELLING_CHANGE, protocol.person)
        not_discussed = []
        for topic in protocol.counselling_type.topics.all():
            reason = (protocol.topics_not_discussed or {}).get(str(topic.pk))
            if reason:
                not_discussed.append({"topic": topic, "reason": reason})
        return render(request, self.template_name, {
            **person_header(protocol.person), "protocol": protocol,
            "referrals": _referrals_shown(request, protocol),
            "may_see_referrals": policy.may(request.user, Action.NETWORK_VIEW),
            "may_refer": (policy.may(request.user, Action.REFERRAL_CREATE, protocol.person)
                          and policy.may(request.user, Action.NETWORK_VIEW)),
            "topics": protocol.topics_covered.order_by("order", "pk"), "not_discussed": not_discussed,
            "missing": [] if protocol.is_final else protocols.missing_required(protocol),
            "supporters": protocol.supporters.select_related("organisation"),
            "supporter_consents": _supporter_consents(request, protocol),
            "facts": achievements.facts_of(protocol), "addenda": protocol.addenda.select_related("created_by"),
            "may_change": may_change, "finalise_error": finalise_error,
            "addendum_form": addendum_form or (AddendumForm() if may_change and protocol.is_final else None),
            "section_url": _section_url(protocol.person),
        }, status=status)


def _supporter_consents(request: HttpRequest, protocol: Protocol) -> list[dict[str, Any]]:
    """For each named supporter: the valid release from confidentiality towards them, if any (seed 004: the
    office asks about supporters and advises on such a release where there is none yet)."""
    if not policy.may(request.user, Action.CONSENT_VIEW, protocol.person):
        return []
    from wegweiser.consent.services import valid_consent_naming

    may_record = policy.may(request.user, Action.CONSENT_CHANGE, protocol.person)
    return [{"contact": contact, "consent": valid_consent_naming(protocol.person, contact), "may_record": may_record}
            for contact in protocol.supporters.select_related("organisation")]


def _referrals_shown(request: HttpRequest, protocol: Protocol) -> list[Any]:
    """The referrals made from this protocol, for users who see the person's referrals (as the section asks)."""
    if not policy.may(request.user, Action.NETWORK_VIEW):
        return []
    return list(protocol.referrals.select_related("organisation", "contact", "created_by"))


class ProtocolFinaliseView(View):
    """POST only: finalise the draft (document number); refusals show the detail page with the reason."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        protocol = get_protocol_for(request, pk, Action.COUNSELLING_CHANGE)
        form = FinaliseForm(request.POST)
        error = ""
        if not form.is_valid():
            error = _("Die Anfrage war unvollständig. Bitte laden Sie die Seite neu.")
        else:
            try:
                final = protocols.finalise(request.user, protocol, expected_version=form.cleaned_data["version"])
            except protocols.StaleProtocol:
                error = _("Das Protokoll wurde inzwischen geändert. Bitte prüfen Sie den aktuellen Stand und "
                          "schließen Sie dann erneut ab.")
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                messages.success(request, _("Das Protokoll ist abgeschlossen (Dokument-Nr. %(number)s).")
                                 % {"number": final.document_number})
                return redirect("counselling:protocol_detail", pk=final.pk)
        protocol.refresh_from_db()
        return ProtocolDetailView().render(request, protocol, finalise_error=error, status=400)


class AddendumCreateView(View):
    """A correction to a final protocol: its own page (the detail page also carries the form)."""

    template_name = "counselling/addendum_form.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        protocol = get_protocol_for(request, pk, Action.COUNSELLING_CHANGE)
        audit_view(request, protocol.person, "counselling_addendum", obj=protocol)
        return self.render(request, protocol, AddendumForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        protocol = get_protocol_for(request, pk, Action.COUNSELLING_CHANGE)
        form = AddendumForm(request.POST)
        if form.is_valid():
            try:
                protocols.add_addendum(request.user, protocol, form.cleaned_data["text"])
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Der Nachtrag wurde gespeichert."))
                return redirect(reverse("counselling:protocol_detail", kwargs={"pk": protocol.pk}) + "#addenda-heading")
        return self.render(request, protocol, form, status=400)

    def render(self, request: HttpRequest, protocol: Protocol, form: AddendumForm, status: int = 200) -> HttpResponse:
        return render(request, self.template_name, {
            **person_header(protocol.person), "protocol": protocol, "form": form,
            "cancel_url": reverse("counselling:protocol_detail", kwargs={"pk": protocol.pk}),
        }, status=status)
