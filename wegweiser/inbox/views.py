"""The staff inbox: what partners submitted about the persons the user may see, and handling one submission.

A submission is found only among the visible persons' (404), then the policy is asked on its person (403).
The list and the detail page write VIEW entries; verifying, rejecting and answering are audited by the service.
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
from django.utils.translation import gettext_lazy
from django.views import View

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.persons.services.common import PURPOSE

from . import services
from .forms import AnswerForm, FilterForm, RejectForm, VerifyForm
from .models import Submission, SubmissionKind, SubmissionStatus

PAGE_SIZE = 50


class InboxListView(View):
    template_name = "inbox/list.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.INBOX_VIEW)
        form = FilterForm(request.GET or None)
        status, kind = form.values() if request.GET else ("offen", "")
        if not request.GET:
            form = FilterForm(initial={"status": status})
        submissions = services.inbox(request.user).select_related("person", "sender_contact__organisation")
        if status == "offen":
            submissions = submissions.filter(status=SubmissionStatus.OPEN)
        elif status == "erledigt":
            submissions = submissions.exclude(status=SubmissionStatus.OPEN)
        if kind:
            submissions = submissions.filter(kind=kind)
        page = Paginator(submissions.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("seite"))
        page.object_list = list(page.object_list)
        record(actor=request.user, action=AuditAction.VIEW, purpose=PURPOSE, object_type="inbox.submission",
               details={"page": "inbox", "number": page.number, "ids": [s.pk for s in page.object_list],
                        "persons": sorted({s.person_id for s in page.object_list})})
        query = request.GET.copy()
        query.pop("seite", None)
        return render(request, self.template_name, {
            "form": form, "page": page, "status": status, "query": query.urlencode(),
        })


def _submission_for(request: HttpRequest, pk: int, action: Action) -> Submission:
    policy.require(request.user, Action.INBOX_VIEW)
    queryset = services.inbox(request.user).select_related(
        "person", "sender", "sender_contact__organisation", "document", "handled_by")
    submission = get_object_or_404(queryset, pk=pk)
    policy.require(request.user, Action.INBOX_VIEW, submission.person)
    if action != Action.INBOX_VIEW:
        policy.require(request.user, action, submission.person)
    return submission


class SubmissionDetailView(View):
    template_name = "inbox/detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        submission = _submission_for(request, pk, Action.INBOX_VIEW)
        return render_detail(request, submission)


def render_detail(request: HttpRequest, submission: Submission, *, forms: dict[str, Any] | None = None,
                  conflict: str = "", status: int = 200) -> HttpResponse:
    """The detail page (also after a refused action, with the forms as posted). Audited as a view."""
    person = submission.person
    record(actor=request.user, action=AuditAction.VIEW, purpose=PURPOSE, person=person, obj=submission,
           details={"page": "inbox_detail"})
    may_handle = submission.is_open and policy.may(request.user, Action.SUBMISSION_HANDLE, person)
    context: dict[str, Any] = {
        "submission": submission, "person": person, "may_handle": may_handle, "conflict": conflict,
        "person_url": reverse("persons:detail", kwargs={"pk": person.pk}),
    }
    if submission.document_id:
        from wegweiser.documents import access

        context["document_url"] = (reverse("documents:download", kwargs={"pk": submission.document_id})
                                   if access.may_view(request.user, submission.document) else "")
    if may_handle:
        forms = forms or {}
        initial = {"version": submission.version}
        if submission.kind == SubmissionKind.EVIDENCE:
            context["verify_form"] = forms.get("verify") or VerifyForm(initial=initial, user=request.user,
                                                                       person=person)
            context["reject_form"] = forms.get("reject") or RejectForm(initial=initial)
        else:
            context["answer_form"] = forms.get("answer") or AnswerForm(initial=initial)
    return render(request, "inbox/detail.html", context, status=status)


class _HandleView(View):
    """POST only. On bad input the detail page comes back with the form; when someone else handled the
    submission meanwhile, with a clear message and the current state (409)."""

    http_method_names = ["post"]
    form_key = ""

    def make_form(self, request: HttpRequest, submission: Submission) -> Any:
        raise NotImplementedError

    def act(self, request: HttpRequest, submission: Submission, form: Any) -> Submission:
        raise NotImplementedError

    success_message = ""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        submission = _submission_for(request, pk, Action.SUBMISSION_HANDLE)
        if not submission.is_open:
            return render_detail(request, submission, conflict=" ".join(services.AlreadyHandled(submission).messages),
                                 status=409)
        form = self.make_form(request, submission)
        if form.is_valid():
            try:
                self.act(request, submission, form)
            except (services.StaleSubmission, services.AlreadyHandled) as exc:
                fresh = _submission_for(request, pk, Action.INBOX_VIEW)
                return render_detail(request, fresh, conflict=" ".join(exc.messages), status=409)
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, str(self.success_message))
                return redirect("inbox:detail", pk=submission.pk)
        return render_detail(request, submission, forms={self.form_key: form}, status=400)


class VerifyView(_HandleView):
    form_key = "verify"
    success_message = gettext_lazy("Der Nachweis ist bestätigt.")

    def make_form(self, request: HttpRequest, submission: Submission) -> VerifyForm:
        return VerifyForm(request.POST, user=request.user, person=submission.person)

    def act(self, request: HttpRequest, submission: Submission, form: Any) -> Submission:
        if submission.kind != SubmissionKind.EVIDENCE:
            raise ValidationError(_("Nur Nachweise können bestätigt werden."))
        return services.verify(request.user, submission, expected_version=form.cleaned_data["version"],
                               fact=form.cleaned_data["fact"], note=form.cleaned_data["note"])


class RejectView(_HandleView):
    form_key = "reject"
    success_message = gettext_lazy("Der Nachweis ist zurückgewiesen; der Absender sieht den Grund.")

    def make_form(self, request: HttpRequest, submission: Submission) -> RejectForm:
        return RejectForm(request.POST)

    def act(self, request: HttpRequest, submission: Submission, form: Any) -> Submission:
        if submission.kind != SubmissionKind.EVIDENCE:
            raise ValidationError(_("Nur Nachweise können zurückgewiesen werden."))
        return services.reject(request.user, submission, expected_version=form.cleaned_data["version"],
                               reason=form.cleaned_data["reason"])


class AnswerView(_HandleView):
    form_key = "answer"
    success_message = gettext_lazy("Die Antwort ist gespeichert; der Absender sieht sie unter „Meine Einsendungen“.")

    def make_form(self, request: HttpRequest, submission: Submission) -> AnswerForm:
        return AnswerForm(request.POST)

    def act(self, request: HttpRequest, submission: Submission, form: Any) -> Submission:
        if submission.kind != SubmissionKind.MESSAGE:
            raise ValidationError(_("Nur Nachrichten können beantwortet werden."))
        return services.answer(request.user, submission, expected_version=form.cleaned_data["version"],
                               text=form.cleaned_data["answer"])
