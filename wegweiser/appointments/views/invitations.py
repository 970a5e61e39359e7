"""Staff pages of the proactive service: who is due for an invitation, who has not reacted, and the open
Fiktionsbescheinigung steps (§ 81 Abs. 4 and 5 AufenthG, version of 19.08.2026); per title: record the
extension application, issue the Fiktionsbescheinigung.

INVITATION_SEND for everything (team-bound for Sachbearbeitung: the lists show only the files the user may
work on). Every person shown is audited with one VIEW entry.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views import View

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.persons.models import Person, ResidencePeriod
from wegweiser.persons.views.common import audit_view, get_person_for
from wegweiser.persons.views.person import person_header

from ..forms.invitations import ApplicationForm, FiktionForm, InviteForm
from ..models import BookingSettings, ExtensionApplication
from ..services import invitations
from ..services.invitations import InvitationRefused


def list_url(anchor: str = "") -> str:
    return reverse("appointments:invitations") + (f"#{anchor}" if anchor else "")


def section_url(person: Person) -> str:
    return reverse("persons:detail", kwargs={"pk": person.pk}) + "#termine-heading"


class InvitationListView(View):
    """The three lists of the proactive service, with the "einladen" button per due title."""

    template_name = "appointments/invitations/list.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.INVITATION_SEND)
        return self.render(request)

    def render(self, request: HttpRequest, *, failed: int | None = None, form: InviteForm | None = None,
               status: int = 200) -> HttpResponse:
        user, today = request.user, timezone.localdate()
        visible = policy.visible_persons(user, Person.objects.all())

        def mine(person: Person) -> bool:
            return policy.may(user, Action.INVITATION_SEND, person)

        need_service = invitations.renewal_service() is None
        due = []
        for period in invitations.due_permits(today).filter(person__in=visible)[:200]:
            if mine(period.person):
                row_form = form if failed == period.pk and form is not None else InviteForm(
                    need_service=need_service, prefix=f"p{period.pk}")
                due.append({"period": period, "form": row_form, "failed": failed == period.pk})
        waiting = [w for w in invitations.not_reacted(today, visible)[:200] if mine(w.invitation.person)]
        steps = [a for a in invitations.open_fiktion_steps(visible)[:200] if mine(a.person)]
        shown = {row["period"].person for row in due} | {w.invitation.person for w in waiting} | {
            a.person for a in steps}
        for person in sorted(shown, key=lambda p: p.pk):
            audit_view(request, person, "invitation_list")
        context = {"due": due, "waiting": waiting, "steps": steps, "need_service": need_service,
                   "weeks": BookingSettings.current().invitation_weeks, "urgent_weeks": invitations.URGENT_WEEKS,
                   "renewal_code": invitations.RENEWAL_SERVICE_CODE}
        return render(request, self.template_name, context, status=status)


class InviteView(InvitationListView):
    """POST: invite for one due title (first free offer before the expiry, letter, e-mail)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, period_pk: int) -> HttpResponse:
        period = get_object_or_404(ResidencePeriod.objects.select_related("person"), pk=period_pk)
        person = get_person_for(request, period.person_id, Action.INVITATION_SEND)
        need_service = invitations.renewal_service() is None
        form = InviteForm(request.POST, need_service=need_service, prefix=f"p{period.pk}")
        if form.is_valid():
            try:
                invitation = invitations.invite(request.user, period, form.cleaned_data.get("service"))
            except InvitationRefused as exc:
                form.add_service_error(ValidationError(exc.messages))
            else:
                appointment = invitation.appointment
                messages.success(request, _(
                    "%(name)s ist eingeladen: Termin am %(when)s (Buchungsnummer %(reference)s). Das Schreiben liegt "
                    "bei den Dokumenten der Person.") % {
                    "name": person.display_name, "reference": appointment.reference,
                    "when": formats.date_format(timezone.localtime(appointment.starts_at), "SHORT_DATETIME_FORMAT")})
                return redirect(list_url("nicht-reagiert"))
        return self.render(request, failed=period.pk, form=form, status=400)


class ApplicationCreateView(View):
    """Record the application to extend a title; a timely one opens the Fiktionsbescheinigung step."""

    template_name = "appointments/invitations/application_form.html"

    def _period(self, request: HttpRequest, period_pk: int) -> ResidencePeriod:
        period = get_object_or_404(ResidencePeriod.objects.select_related("person"), pk=period_pk)
        period.person = get_person_for(request, period.person_id, Action.INVITATION_SEND)
        return period

    def get(self, request: HttpRequest, period_pk: int) -> HttpResponse:
        period = self._period(request, period_pk)
        audit_view(request, period.person, "extension_application_create", obj=period)
        return self.render(request, period, ApplicationForm(initial={"applied_on": timezone.localdate()}))

    def post(self, request: HttpRequest, period_pk: int) -> HttpResponse:
        period = self._period(request, period_pk)
        form = ApplicationForm(request.POST)
        if form.is_valid():
            try:
                application = invitations.record_application(request.user, period, form.cleaned_data["applied_on"])
            except InvitationRefused as exc:
                form.add_service_error(exc)
            else:
                if application.fiktion_status:
                    messages.success(request, _("Der Antrag ist erfasst. Er wurde rechtzeitig gestellt: Die "
                                                "Fiktionsbescheinigung ist auszustellen (§ 81 Abs. 5 AufenthG)."))
                else:
                    messages.warning(request, _("Der Antrag ist erfasst. Er wurde nach Ablauf des Titels gestellt: "
                                                "Der Titel gilt nicht kraft Gesetzes fort. Die Behörde kann die "
                                                "Fortgeltung zur Vermeidung einer unbilligen Härte anordnen "
                                                "(§ 81 Abs. 4 S. 3 AufenthG)."))
                back = list_url("fiktion") if request.POST.get("next") == "list" else section_url(period.person)
                return redirect(back)
        return self.render(request, period, form, status=400)

    def render(self, request: HttpRequest, period: ResidencePeriod, form: ApplicationForm, status: int = 200
               ) -> HttpResponse:
        context: dict[str, Any] = {**person_header(period.person), "period": period, "form": form,
                                   "cancel_url": section_url(period.person),
                                   "next": request.POST.get("next") or request.GET.get("next", "")}
        return render(request, self.template_name, context, status=status)


class FiktionIssueView(View):
    """Issue the Fiktionsbescheinigung of a timely application and record the period it certifies."""

    template_name = "appointments/invitations/fiktion_form.html"

    def _application(self, request: HttpRequest, pk: int) -> ExtensionApplication:
        application = get_object_or_404(ExtensionApplication.objects.select_related("person", "residence_period"),
                                        pk=pk)
        application.person = get_person_for(request, application.person_id, Action.INVITATION_SEND)
        return application

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = self._application(request, pk)
        audit_view(request, application.person, "fiktion_issue", obj=application)
        return self.render(request, application, FiktionForm(initial={"issued_on": timezone.localdate()}))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = self._application(request, pk)
        form = FiktionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                invitations.issue_fiktion(request.user, application, data["issued_on"], data["document_number"],
                                          data["valid_until"])
            except InvitationRefused as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Die Fiktionsbescheinigung ist als ausgestellt erfasst; der "
                                            "Aufenthaltszeitraum ist eingetragen."))
                return redirect(section_url(application.person))
        return self.render(request, application, form, status=400)

    def render(self, request: HttpRequest, application: ExtensionApplication, form: FiktionForm,
               status: int = 200) -> HttpResponse:
        context: dict[str, Any] = {**person_header(application.person), "application": application, "form": form,
                                   "starts": invitations.fiktion_starts(application),
                                   "open": application.fiktion_status == "open",
                                   "cancel_url": section_url(application.person)}
        return render(request, self.template_name, context, status=status)
