"""Pages of the staying perspectives: the panel alone (htmx refresh, or a page of its own without
JavaScript), what-if, and stored assessments (create, show for print)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from wegweiser.accounts.policy import Action
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.persons.services.common import PURPOSE, format_date, today
from wegweiser.persons.views.common import audit_view, get_person_for
from wegweiser.persons.views.person import person_header
from wegweiser.rules import InvalidSituation

from . import presentation, services
from .forms import SnapshotForm, WhatIfForm
from .models import AssessmentSnapshot, SnapshotPurpose
from .panel import SECTION_KEY, panel_context


def _as_of(request: HttpRequest) -> tuple[date, str]:
    """The date asked for (``?stichtag=YYYY-MM-DD``), today if none; an error text for a bad one."""
    field = forms.DateField(required=False)
    try:
        value = field.clean(request.GET.get("stichtag", ""))
    except forms.ValidationError:
        return today(), _("Der Stichtag ist kein gültiges Datum; geprüft wird zum heutigen Tag.")
    return value or today(), ""


class PanelView(View):
    """The panel for another date. htmx asks for the panel region only; without JavaScript the date form
    submits here and gets a page of its own."""

    def get(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        person = get_person_for(request, person_pk, Action.ASSESSMENT_VIEW)
        as_of, date_error = _as_of(request)
        context = panel_context(request.user, person, as_of)
        context["date_error"] = date_error
        audit_view(request, person, "perspectives", as_of=as_of.isoformat())
        if request.htmx:
            return render(request, "perspectives/_panel.html", {"panel": context})
        return render(request, "perspectives/panel_page.html", {
            **person_header(person), "panel": context, "what_if_url": context["what_if_url"]})


class WhatIfView(View):
    """GET: the questions; POST: today's assessment beside the one with the assumed changes. Nothing of the
    assumptions is stored; the lookup is audited."""

    template_name = "perspectives/what_if.html"
    partial_template = "perspectives/_what_if_region.html"

    def get(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        person = get_person_for(request, person_pk, Action.ASSESSMENT_VIEW)
        audit_view(request, person, "perspectives_what_if")
        return self.render(request, person, WhatIfForm())

    def post(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        person = get_person_for(request, person_pk, Action.ASSESSMENT_VIEW)
        form = WhatIfForm(request.POST)
        result: dict[str, Any] | None = None
        if form.is_valid():
            as_of = form.cleaned_data["as_of"]
            changes = form.changes()
            try:
                before = services.assess_person(request.user, person, today())
            except InvalidSituation as exc:  # the file itself, not the assumptions
                raise_message = _("Die Angaben der Akte lassen sich nicht prüfen: %(message)s") % {"message": exc.message}
                form.add_service_error(ValidationError(raise_message))
                return self.render(request, person, form)
            try:
                after = services.assess_person(request.user, person, as_of, what_if=changes)
            except InvalidSituation as exc:
                message = _("Die angenommenen Änderungen ergeben zusammen mit der Akte keine gültige Situation "
                            "(Prüfmodul: %(message)s). Bitte die Angaben prüfen.") % {"message": exc.message}
                form.add_service_error(ValidationError({form.field_for_pointer(exc.pointer) or NON_FIELD_ERRORS: message}))
            else:
                result = {
                    "today": today(), "as_of": as_of, "changes": changes,
                    "rows": presentation.comparison(services.compare(before, after)),
                    "disclaimer": presentation.text(after["disclaimer"], presentation.language()),
                }
        return self.render(request, person, form, result)

    def render(self, request: HttpRequest, person: Any, form: WhatIfForm,
               result: dict[str, Any] | None = None) -> HttpResponse:
        context = {
            **person_header(person), "form": form, "result": result,
            "action_url": reverse("perspectives:what_if", kwargs={"person_pk": person.pk}),
            "back_url": reverse("persons:detail", kwargs={"pk": person.pk}) + f"#{SECTION_KEY}",
        }
        template = self.partial_template if request.htmx else self.template_name
        return render(request, template, context)


class SnapshotCreateView(View):
    """Store the assessment of the shown date: "print" opens it for the browser's print dialogue,
    "decision" keeps it with the file and returns to the panel."""

    def post(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        person = get_person_for(request, person_pk, Action.ASSESSMENT_SNAPSHOT)
        form = SnapshotForm(request.POST)
        panel_anchor = reverse("persons:detail", kwargs={"pk": person.pk}) + f"#{SECTION_KEY}"
        if not form.is_valid():
            messages.error(request, _("Die Prüfung konnte nicht gespeichert werden: %(errors)s")
                           % {"errors": " ".join(e for errors in form.errors.values() for e in errors)})
            return redirect(panel_anchor)
        data = form.cleaned_data
        try:
            snapshot = services.create_snapshot(
                request.user, person, data["as_of"], data["purpose"], note=data["note"],
                decision_reference=data["decision_reference"],
            )
        except InvalidSituation as exc:
            messages.error(request, _("Die Angaben der Akte lassen sich nicht prüfen: %(message)s")
                           % {"message": exc.message})
            return redirect(panel_anchor)
        kwargs = {"person_pk": person.pk, "pk": snapshot.pk}
        if snapshot.purpose == SnapshotPurpose.PRINT:
            if request.GET.get("format") == "pdf":  # the panel's "als PDF" button: stored, then downloaded
                return redirect(reverse("perspectives:snapshot_pdf", kwargs=kwargs))
            return redirect(reverse("perspectives:snapshot_detail", kwargs=kwargs) + "?drucken=1")
        messages.success(request, _("Die Prüfung zum %(date)s wurde für die Entscheidung gespeichert.")
                         % {"date": format_date(snapshot.as_of)})
        return redirect(panel_anchor)


class SnapshotDetailView(View):
    """A stored assessment as it was computed, laid out for printing."""

    template_name = "perspectives/snapshot_detail.html"

    def get(self, request: HttpRequest, person_pk: int, pk: int) -> HttpResponse:
        person = get_person_for(request, person_pk, Action.ASSESSMENT_VIEW)
        snapshot = get_object_or_404(AssessmentSnapshot.objects.select_related("created_by"), person=person, pk=pk)
        record(actor=request.user, action=AuditAction.VIEW, purpose=PURPOSE, person=person, obj=snapshot,
               details={"page": "perspectives_snapshot"})
        lang = presentation.language()
        stored = snapshot.assessment
        context = {
            **person_header(person), "snapshot": snapshot,
            "assessment": presentation.assessment(stored),
            "law_versions": [
                {"citation": p["citation"], "title": presentation.text(p["title"], lang),
                 "valid_from": presentation.as_date(p["law_version"].get("valid_from")),
                 "valid_until": presentation.as_date(p["law_version"].get("valid_until"))}
                for p in stored["pathways"]
            ],
            "autoprint": request.GET.get("drucken") == "1",
            "pdf_url": reverse("perspectives:snapshot_pdf", kwargs={"person_pk": person.pk, "pk": snapshot.pk}),
            "back_url": reverse("persons:detail", kwargs={"pk": person.pk}) + f"#{SECTION_KEY}",
        }
        return render(request, self.template_name, context)


class SnapshotPdfView(View):
    """A stored assessment as a PDF for the file, in the user's language (German or English); audited as
    EXPORT with document number and checksum."""

    def get(self, request: HttpRequest, person_pk: int, pk: int) -> HttpResponse:
        from wegweiser.printing.services.common import audit_print
        from wegweiser.printing.views import pdf_response

        from .snapshot_pdf import snapshot_pdf

        person = get_person_for(request, person_pk, Action.ASSESSMENT_VIEW)
        snapshot = get_object_or_404(AssessmentSnapshot.objects.select_related("created_by"), person=person, pk=pk)
        snapshot.person = person
        language = presentation.language()
        pdf, meta = snapshot_pdf(snapshot, language)
        audit_print(request.user, person, snapshot, meta, kind="pruefung_bleibeperspektiven", language=language)
        return pdf_response(pdf, f"pruefung-{meta.number}-{snapshot.as_of.isoformat()}-{language}.pdf")
