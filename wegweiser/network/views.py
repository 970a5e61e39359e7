"""Pages of the network directory, referrals from the person page, and the "Angebote für Sie" sheet.

The directory is read with NETWORK_VIEW and edited with NETWORK_CHANGE; it holds no client data. Referrals
and the sheet belong to a person: the person is fetched through the case-file helpers (403 for roles without
case files, 404 if hidden), then the action is checked, and every read or change is audited.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.counselling.models import Protocol
from wegweiser.persons import codes
from wegweiser.persons.models import Person
from wegweiser.persons.services.common import PURPOSE
from wegweiser.persons.views.common import audit_view, get_person_for
from wegweiser.persons.views.person import person_header
from wegweiser.printing.services.common import audit_print, requested_language
from wegweiser.printing.views import pdf_response

from .forms import ContactForm, DirectoryFilterForm, OrganisationForm, ReferralForm
from .models import Contact, Organisation
from .services import directory, offers, referrals
from .topics import topic_label

#: Referrals per page on an organisation's page.
REFERRALS_PER_PAGE = 25


def language_names(values: list[str] | None) -> str:
    return ", ".join(codes.language_name(c) for c in values or [])


def topic_names(values: list[str] | None) -> str:
    return ", ".join(topic_label(t) for t in values or [])


def _person_section_url(person: Person) -> str:
    return reverse("persons:detail", kwargs={"pk": person.pk}) + "#vermittlungen-heading"


class DirectoryView(View):
    template_name = "network/directory.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.NETWORK_VIEW)
        form = DirectoryFilterForm(request.GET or None)
        flt = form.directory_filter() if request.GET else directory.DirectoryFilter()
        rows = [{"organisation": o, "languages": language_names(o.languages), "topics": topic_names(o.topics)}
                for o in directory.organisations(flt)]
        people = [{"contact": c, "languages": language_names(c.languages)} for c in directory.standalone_contacts(flt)]
        return render(request, self.template_name, {
            "form": form, "rows": rows, "people": people, "filtered": any(vars(flt).values()),
            "may_change": policy.may(request.user, Action.NETWORK_CHANGE),
        })


class OrganisationDetailView(View):
    """An organisation with its contacts and, for users who see persons' referrals, the referrals to it.

    The referrals are narrowed to the persons the user may see (one SQL filter) and paginated; the page
    audits which persons it showed.
    """

    template_name = "network/organisation_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        policy.require(request.user, Action.NETWORK_VIEW)
        organisation = get_object_or_404(Organisation, pk=pk)
        contacts = [{"contact": c, "languages": language_names(c.languages)}
                    for c in organisation.contacts.order_by("-active", "name")]
        page = None
        may_see_referrals = policy.may(request.user, Action.PERSON_VIEW)
        if may_see_referrals:
            visible = policy.visible_persons(request.user, Person.objects.all())
            queryset = (organisation.referrals.filter(person__in=visible)
                        .select_related("person", "contact", "protocol", "created_by"))
            page = Paginator(queryset, REFERRALS_PER_PAGE).get_page(request.GET.get("seite"))
            shown = list(page.object_list)
            if shown:
                record(actor=request.user, action=AuditAction.VIEW, purpose=PURPOSE, obj=organisation,
                       details={"page": "organisation_referrals", "page_number": page.number,
                                "referrals": [r.pk for r in shown],
                                "persons": sorted({r.person_id for r in shown})})
        return render(request, self.template_name, {
            "organisation": organisation, "languages": language_names(organisation.languages),
            "topics": topic_names(organisation.topics), "contacts": contacts,
            "may_change": policy.may(request.user, Action.NETWORK_CHANGE),
            "may_see_referrals": may_see_referrals, "page": page,
            "may_view_protocols": policy.may(request.user, Action.COUNSELLING_VIEW),
        })


class _VersionedEditView(View):
    """Create or edit a directory entry; a stale version keeps the user's input and warns."""

    template_name = ""
    form_class: type[OrganisationForm] | type[ContactForm]

    def save(self, request: HttpRequest, form: Any, obj: Any) -> Any:
        raise NotImplementedError

    def handle_post(self, request: HttpRequest, obj: Any, **form_kwargs: Any) -> HttpResponse:
        form = self.form_class(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                saved = self.save(request, form, obj)
            except directory.StaleEntry as stale:
                form.add_service_error(ValidationError(str(stale)))
                data = form.data.copy()
                data["version"] = str(stale.current.version)  # saving again overwrites knowingly
                form.data = data
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                if obj is None:
                    messages.success(request, _("Der Eintrag wurde angelegt."))
                elif saved.version != obj.version:
                    messages.success(request, _("Die Änderungen wurden gespeichert."))
                else:
                    messages.info(request, _("Es gab keine Änderungen zu speichern."))
                return redirect(self.success_url(saved))
        return self.render(request, form, obj, status=400)

    def success_url(self, saved: Any) -> str:
        raise NotImplementedError

    def render(self, request: HttpRequest, form: Any, obj: Any, status: int = 200) -> HttpResponse:
        raise NotImplementedError


class OrganisationCreateView(_VersionedEditView):
    template_name = "network/organisation_form.html"
    form_class = OrganisationForm

    def get(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.NETWORK_CHANGE)
        return self.render(request, OrganisationForm(), None)

    def post(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.NETWORK_CHANGE)
        return self.handle_post(request, None)

    def save(self, request: HttpRequest, form: Any, obj: Any) -> Organisation:
        return directory.create_organisation(request.user, form.service_data())

    def success_url(self, saved: Organisation) -> str:
        return reverse("network:organisation_detail", kwargs={"pk": saved.pk})

    def render(self, request: HttpRequest, form: Any, obj: Organisation | None, status: int = 200) -> HttpResponse:
        cancel = (reverse("network:organisation_detail", kwargs={"pk": obj.pk}) if obj
                  else reverse("network:directory"))
        return render(request, self.template_name, {"form": form, "organisation": obj, "cancel_url": cancel},
                      status=status)


class OrganisationEditView(OrganisationCreateView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:  # type: ignore[override]
        policy.require(request.user, Action.NETWORK_CHANGE)
        organisation = get_object_or_404(Organisation, pk=pk)
        return self.render(request, OrganisationForm(organisation=organisation), organisation)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:  # type: ignore[override]
        policy.require(request.user, Action.NETWORK_CHANGE)
        return self.handle_post(request, get_object_or_404(Organisation, pk=pk))

    def save(self, request: HttpRequest, form: Any, obj: Organisation) -> Organisation:
        return directory.update_organisation(request.user, obj, form.service_data(),
                                             expected_version=form.cleaned_data.get("version") or 0)


class ContactCreateView(_VersionedEditView):
    template_name = "network/contact_form.html"
    form_class = ContactForm

    def get(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.NETWORK_CHANGE)
        initial = {}
        if (org := request.GET.get("organisation", "")).isdigit():
            initial["organisation"] = Organisation.objects.filter(pk=int(org), active=True).first()
        return self.render(request, ContactForm(initial=initial), None)

    def post(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.NETWORK_CHANGE)
        return self.handle_post(request, None)

    def save(self, request: HttpRequest, form: Any, obj: Any) -> Contact:
        return directory.create_contact(request.user, form.service_data())

    def success_url(self, saved: Contact) -> str:
        if saved.organisation_id:
            return reverse("network:organisation_detail", kwargs={"pk": saved.organisation_id})
        return reverse("network:directory") + "#personen-heading"

    def render(self, request: HttpRequest, form: Any, obj: Contact | None, status: int = 200) -> HttpResponse:
        cancel = self.success_url(obj) if obj else reverse("network:directory")
        return render(request, self.template_name, {"form": form, "contact": obj, "cancel_url": cancel},
                      status=status)


class ContactEditView(ContactCreateView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:  # type: ignore[override]
        policy.require(request.user, Action.NETWORK_CHANGE)
        contact = get_object_or_404(Contact, pk=pk)
        return self.render(request, ContactForm(contact=contact), contact)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:  # type: ignore[override]
        policy.require(request.user, Action.NETWORK_CHANGE)
        contact = get_object_or_404(Contact, pk=pk)
        return self.handle_post(request, contact, contact=contact)

    def save(self, request: HttpRequest, form: Any, obj: Contact) -> Contact:
        return directory.update_contact(request.user, obj, form.service_data(),
                                        expected_version=form.cleaned_data.get("version") or 0)


class ReferralCreateView(View):
    """Refer the person; ``?protokoll=<pk>`` presets the counselling protocol the referral comes from (the
    protocol page's button), and then the user returns to that protocol."""

    template_name = "network/referral_form.html"

    def get(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        person = get_person_for(request, person_pk, Action.REFERRAL_CREATE)
        initial: dict[str, Any] = {}
        if (org := request.GET.get("organisation", "")).isdigit():
            initial["organisation"] = Organisation.objects.filter(pk=int(org), active=True).first()
        protocol = None
        if (number := request.GET.get("protokoll", "")).isdigit():
            protocol = Protocol.objects.filter(pk=int(number), person=person).first()
            if protocol is not None:
                policy.require(request.user, Action.COUNSELLING_VIEW, person)
                initial["protocol"] = protocol
        audit_view(request, person, "referral_create", **({"protocol": protocol.pk} if protocol else {}))
        return self.render(request, person, ReferralForm(initial=initial), protocol)

    def post(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        person = get_person_for(request, person_pk, Action.REFERRAL_CREATE)
        form = ReferralForm(request.POST)
        protocol = None
        if form.is_valid():
            protocol = form.cleaned_data.get("protocol")
            try:
                if protocol is not None:
                    policy.require(request.user, Action.COUNSELLING_VIEW, person)
                referrals.create_referral(request.user, person, form.cleaned_data["organisation"],
                                          form.cleaned_data["contact"], form.cleaned_data["reason"],
                                          protocol=protocol)
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Die Vermittlung wurde eingetragen."))
                return redirect(_protocol_url(protocol) if protocol else _person_section_url(person))
        if protocol is not None and protocol.person_id != person.pk:
            protocol = None  # never show another person's protocol
        return self.render(request, person, form, protocol, status=400)

    def render(self, request: HttpRequest, person: Person, form: ReferralForm, protocol: Protocol | None,
               status: int = 200) -> HttpResponse:
        return render(request, self.template_name, {
            **person_header(person), "form": form, "protocol": protocol,
            "cancel_url": _protocol_url(protocol) if protocol else _person_section_url(person),
        }, status=status)


def _protocol_url(protocol: Protocol) -> str:
    return reverse("counselling:protocol_detail", kwargs={"pk": protocol.pk}) + "#vermittlungen-heading"


class OffersPdfView(View):
    """The "Angebote für Sie" sheet (``?lang=``; default the person's letter language)."""

    def get(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        person = get_person_for(request, person_pk, Action.PERSON_VIEW)
        policy.require(request.user, Action.EXPORT, person)
        language = requested_language(request.GET.get("lang"), person.letter_language)
        pdf, meta, _offers = offers.offers_pdf(request.user, person, language)
        audit_print(request.user, person, person, meta, kind="angebote", language=language)
        return pdf_response(pdf, f"angebote-{meta.number}-{language}.pdf")
