"""Upload, download and delete documents. Files are only ever served through the download view."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from wegweiser.accounts.policy import Action, require, visible_persons
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.facts.links import person_url
from wegweiser.persons.models import Person

from . import access, services
from .forms import UploadForm
from .models import Document


def _visible_document(request: HttpRequest, pk: int, action: Action) -> Document:
    """The document, if the role may do ``action`` at all (403) and sees the person's file (404)."""
    require(request.user, action)
    persons = visible_persons(request.user, Person.objects.all())
    return get_object_or_404(Document.objects.select_related("person", "fact_type", "uploaded_by").filter(person__in=persons), pk=pk)


def _back_url(person: Person) -> str:
    return person_url(person) or reverse("documents:upload", kwargs={"person_pk": person.pk})


class DocumentUploadView(View):
    """Runs without the request-wide transaction: the service commits row and file together or neither."""

    template_name = "documents/upload.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        require(request.user, Action.DOCUMENT_UPLOAD)
        self.person = get_object_or_404(visible_persons(request.user, Person.objects.all()), pk=kwargs["person_pk"])
        access.require_upload(request.user, self.person)
        return super().dispatch(request, *args, **kwargs)

    def _render(self, form: UploadForm) -> HttpResponse:
        return render(self.request, self.template_name, {"form": form, "person": self.person, "person_url": person_url(self.person)})

    def get(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        form = UploadForm(user=request.user, person=self.person)
        # Preselect the fact when coming from "Nachweis hochladen" (only if it is one of the offered choices).
        wanted = request.GET.get("fact", "")
        if wanted and wanted in form.fact_values():
            form.initial["fact"] = wanted
        return self._render(form)

    def post(self, request: HttpRequest, person_pk: int) -> HttpResponse:
        form = UploadForm(request.POST, request.FILES, user=request.user, person=self.person)
        if form.is_valid():
            try:
                document = services.store_document(
                    user=request.user, person=self.person, upload=form.cleaned_data["file"],
                    kind=form.cleaned_data["kind"], title=form.cleaned_data["title"], fact=form.cleaned_data["fact"],
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error("file", exc.messages)
            else:
                messages.success(request, _("Das Dokument „%(title)s“ wurde gespeichert.") % {"title": document.title})
                return redirect(_back_url(self.person))
        return self._render(form)


class DocumentDownloadView(View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        document = _visible_document(request, pk, Action.DOCUMENT_VIEW)
        try:
            handle = services.open_for_download(user=request.user, document=document)
        except services.DocumentMissing as exc:
            return render(
                request, "documents/download_error.html",
                {"document": document, "person": document.person, "message": str(exc), "back_url": _back_url(document.person)},
                status=500,
            )
        response = FileResponse(
            handle, as_attachment=True, filename=document.download_name, content_type=document.content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response


class DocumentDeleteView(View):
    """GET asks for confirmation; POST deletes row and file. Runs without the request-wide transaction."""

    template_name = "documents/confirm_delete.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.document = _visible_document(request, kwargs["pk"], Action.DOCUMENT_DELETE)
        access.require_delete(request.user, self.document)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        document = self.document
        record(
            actor=request.user, action=AuditAction.VIEW, purpose=services.PURPOSE, person=document.person,
            obj=document, details={"kind": document.kind},
        )
        return render(
            request, self.template_name,
            {"document": document, "person": document.person, "fact_label": access.fact_label(document),
             "back_url": _back_url(document.person)},
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        person, title = self.document.person, self.document.title
        services.delete_document(user=request.user, document=self.document)
        messages.success(request, _("Das Dokument „%(title)s“ wurde gelöscht.") % {"title": title})
        return redirect(_back_url(person))
