"""Staff pages of a consent: record, detail, revoke (POST with confirmation), printable declaration.

A consent is addressed by its own id; the person's visibility is checked first (404 if hidden), then the
policy for the action (403).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.persons.models import Person
from wegweiser.persons.views.common import audit_view, get_person, get_person_for
from wegweiser.persons.views.person import person_header
from wegweiser.printing.services.common import audit_print, requested_language
from wegweiser.printing.views import pdf_response

from . import services
from .categories import labels_of
from .forms import ConsentForm, RevokeForm
from .models import Consent, ConsentStatus, SignedHow
from .pdf import consent_pdf


def get_consent_for(request: HttpRequest, pk: int, action: Action) -> Consent:
    """The consent, if the user sees its person (else 404) and may do ``action`` on it (else 403)."""
    policy.require(request.user, action)
    consent = get_object_or_404(
        Consent.objects.select_related("person", "recipient_organisation", "recipient_contact__organisation",
                                       "recorded_by", "revoked_by", "signed_document"), pk=pk)
    person = get_person(request, consent.person_id)
    policy.require(request.user, action, person)
    consent.person = person
    return consent


def _section_url(person: Person) -> str:
    return reverse("persons:detail", kwargs={"pk": person.pk}) + "#einwilligungen-heading"


class ConsentCreateView(View):
    """Record a signed declaration. Runs without the request-wide transaction: the scan is filed by the
    document service, which commits file and row together (see the documents upload)."""

    template_name = "consent/consent_form.html"

    def get(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        person = get_person_for(request, person_pk, Action.CONSENT_CHANGE)
        audit_view(request, person, "consent_create")
        return self.render(request, person, ConsentForm(recipient=request.GET.get("empfaenger", "")))

    def post(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        person = get_person_for(request, person_pk, Action.CONSENT_CHANGE)
        form = ConsentForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data.get("signed_scan")
            is_scan = form.cleaned_data["signed_how"] == SignedHow.SCAN
            try:
                consent = services.record_consent(request.user, person, form.service_data(),
                                                  upload=upload if is_scan else None)
            except ValidationError as exc:
                form.add_service_error(exc, {"recipient": "recipient"})
            except PermissionDenied:
                form.add_error("signed_scan", _("Sie dürfen zu dieser Akte keine Dokumente hochladen. Bitte "
                                                "lassen Sie den Scan von jemandem aus dem zuständigen Team ablegen."))
            else:
                messages.success(request, _("Die Einwilligung wurde erfasst."))
                return redirect("consent:detail", pk=consent.pk)
        return self.render(request, person, form)

    def render(self, request: HttpRequest, person: Person, form: ConsentForm, status: int = 200) -> HttpResponse:
        return render(request, self.template_name, {
            **person_header(person), "form": form, "cancel_url": _section_url(person),
        }, status=status)


class ConsentDetailView(View):
    template_name = "consent/consent_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        consent = get_consent_for(request, pk, Action.CONSENT_VIEW)
        audit_view(request, consent.person, "consent", obj=consent)
        return self.render(request, consent, RevokeForm(initial={"version": consent.version}))

    def render(self, request: HttpRequest, consent: Consent, form: RevokeForm, status: int = 200) -> HttpResponse:
        may_change = policy.may(request.user, Action.CONSENT_CHANGE, consent.person)
        languages = [code for code in {consent.person.letter_language} if code and code != "de"]
        return render(request, self.template_name, {
            **person_header(consent.person), "consent": consent, "status": consent.status,
            "statuses": ConsentStatus, "categories": labels_of(consent.categories),
            "revoke_form": form if may_change and consent.revoked_at is None else None,
            "revoke_errors": form if form.errors else None,
            "pdf_languages": languages, "back_url": _section_url(consent.person),
        }, status=status)


class ConsentRevokeView(View):
    """POST only: revoke with immediate effect; refusals show the detail page with the reason."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        consent = get_consent_for(request, pk, Action.CONSENT_CHANGE)
        form = RevokeForm(request.POST)
        if form.is_valid():
            try:
                services.revoke(request.user, consent, form.cleaned_data["reason"],
                                expected_version=form.cleaned_data["version"])
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Die Einwilligung ist widerrufen. Der Empfänger sieht ab sofort "
                                            "nichts mehr davon."))
                return redirect("consent:detail", pk=consent.pk)
        consent.refresh_from_db()
        return ConsentDetailView().render(request, consent, form, status=400)


class ConsentPdfView(View):
    """The declaration to sign, in German and the person's language (``?lang=``; default the letter language)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        consent = get_consent_for(request, pk, Action.CONSENT_VIEW)
        policy.require(request.user, Action.EXPORT, consent.person)
        language = requested_language(request.GET.get("lang"), consent.person.letter_language)
        pdf, meta = consent_pdf(consent, language)
        audit_print(request.user, consent.person, consent, meta, kind="einwilligung", language=language)
        return pdf_response(pdf, f"einwilligung-{meta.number}-{language}.pdf")
