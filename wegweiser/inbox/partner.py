"""The partner pages: submit evidence or a message about a consenting person, and "Meine Einsendungen".

Only external accounts use them (staff work in the inbox). A person is found only among those a valid
consent shows to the account (404 otherwise); then the policy is asked with the person and the category of
the action (403). Every page that shows personal data writes a VIEW entry; the services audit the writes.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action, DataCategory
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.consent.external import _require_external
from wegweiser.persons.models import Person

from . import services
from .forms import EvidenceForm, MessageForm


def _consenting_person(request: HttpRequest, pk: int, action: Action, category: DataCategory) -> Person:
    _require_external(request)
    person = get_object_or_404(policy.visible_persons(request.user, Person.objects.all()), pk=pk)
    policy.require(request.user, Action.PERSON_VIEW, person, DataCategory.IDENTITY)
    policy.require(request.user, action, person, category)
    return person


def _audit_form(request: HttpRequest, person: Person, page: str) -> None:
    record(actor=request.user, action=AuditAction.VIEW, purpose=services.PARTNER_PURPOSE, person=person,
           obj=person, details={"page": page})


class EvidenceSubmitView(View):
    """Runs without the request-wide transaction: the service keeps document, file and submission together."""

    template_name = "inbox/evidence_form.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.person = _consenting_person(request, kwargs["pk"], Action.EVIDENCE_SUBMIT, DataCategory.DOCUMENTS)
        self.allow_medical = policy.may(request.user, Action.EVIDENCE_SUBMIT, self.person, DataCategory.HEALTH)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        _audit_form(request, self.person, "evidence_submit")
        return self._render(EvidenceForm(allow_medical=self.allow_medical))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = EvidenceForm(request.POST, request.FILES, allow_medical=self.allow_medical)
        if form.is_valid():
            try:
                services.submit_evidence(request.user, self.person, upload=form.cleaned_data["file"],
                                         kind=form.cleaned_data["kind"], title=form.cleaned_data["title"],
                                         text=form.cleaned_data["text"])
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    form.add_service_error(exc)
                else:
                    form.add_service_error(ValidationError({"file": exc.messages}))
            else:
                messages.success(request, _("Ihr Nachweis ist eingegangen. Die Behörde prüft ihn; den Stand sehen "
                                            "Sie unter „Meine Einsendungen“."))
                return redirect("inbox:my_submissions")
        return self._render(form, status=400)

    def _render(self, form: EvidenceForm, status: int = 200) -> HttpResponse:
        return render(self.request, self.template_name, {"person": self.person, "form": form}, status=status)


class MessageSendView(View):
    template_name = "inbox/message_form.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.person = _consenting_person(request, kwargs["pk"], Action.MESSAGE_SEND, DataCategory.IDENTITY)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        _audit_form(request, self.person, "message_send")
        return self._render(MessageForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = MessageForm(request.POST)
        if form.is_valid():
            try:
                services.send_message(request.user, self.person, subject=form.cleaned_data["subject"],
                                      text=form.cleaned_data["text"])
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Ihre Nachricht ist bei der Behörde eingegangen. Die Antwort sehen Sie "
                                            "unter „Meine Einsendungen“."))
                return redirect("inbox:my_submissions")
        return self._render(form, status=400)

    def _render(self, form: MessageForm, status: int = 200) -> HttpResponse:
        return render(self.request, self.template_name, {"person": self.person, "form": form}, status=status)


class MySubmissionsView(View):
    """The account's own submissions with status and the office's answer. Where the consent no longer covers
    a submission, the row says so and shows nothing of the person (no name, subject, text or answer)."""

    template_name = "inbox/my_submissions.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        _require_external(request)
        rows = []
        for submission in services.own_submissions(request.user):
            rows.append({"submission": submission, "visible": services.sender_may_see(request.user, submission)})
        shown = [row["submission"] for row in rows if row["visible"]]
        record(actor=request.user, action=AuditAction.VIEW, purpose=services.PARTNER_PURPOSE,
               object_type="inbox.submission",
               details={"page": "my_submissions", "ids": [s.pk for s in shown],
                        "persons": sorted({s.person_id for s in shown})})
        return render(request, self.template_name, {"rows": rows})
