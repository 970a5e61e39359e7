"""Small generic views for the parts of a case file: one form to add or change, one page to confirm a deletion.

Each subclass names the policy action, the form and the service call; the rest (person lookup under the
policy, audit of what is shown, error display, redirect back to the overview) is the same everywhere.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from wegweiser.accounts.policy import Action, DataCategory

from ..models import Person
from .common import audit_view, get_person_for
from .person import person_header


class CaseFileFormView(View):
    """GET shows the form, POST hands the cleaned data to the service (``save``) and returns to the file."""

    action: Action
    category: DataCategory | None = None
    form_class: type
    template_name = "persons/item_form.html"
    page = ""
    anchor = ""
    title = ""
    submit_label = ""
    success_message = ""

    def setup_objects(self, request: HttpRequest, person_pk: int, pk: int | None = None) -> None:
        self.person = get_person_for(request, person_pk, self.action, self.category)
        self.object = self.get_object(pk) if pk is not None else None

    def get_object(self, pk: int) -> Model | None:
        return None

    def get_form(self, data: Any = None) -> Any:
        return self.form_class(data)

    def save(self, form: Any) -> Any:
        raise NotImplementedError

    def extra_context(self) -> dict[str, Any]:
        return {}

    def success_url(self) -> str:
        url = reverse("persons:detail", kwargs={"pk": self.person.pk})
        return f"{url}#{self.anchor}" if self.anchor else url

    def get(self, request: HttpRequest, person_pk: int, pk: int | None = None) -> HttpResponse:
        self.setup_objects(request, person_pk, pk)
        audit_view(request, self.person, self.page, obj=self.object)
        return self.render(request, self.get_form())

    def post(self, request: HttpRequest, person_pk: int, pk: int | None = None) -> HttpResponse:
        self.setup_objects(request, person_pk, pk)
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                self.save(form)
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, self.success_message)
                return redirect(self.success_url())
        return self.render(request, form)

    def render(self, request: HttpRequest, form: Any) -> HttpResponse:
        context = {
            **person_header(self.person), "form": form, "object": self.object, "title": self.title,
            "submit_label": self.submit_label, "cancel_url": self.success_url(), **self.extra_context(),
        }
        return render(request, self.template_name, context)


class CaseFileDeleteView(View):
    """GET asks "really delete?", POST deletes through the service."""

    action: Action
    category: DataCategory | None = None
    template_name = "persons/confirm_delete.html"
    page = ""
    anchor = ""
    title = ""
    confirm_label = ""
    success_message = ""

    def get_object(self, person: Person, pk: int) -> Model:
        raise NotImplementedError

    def describe(self, obj: Model) -> str:
        return str(obj)

    def delete(self, request: HttpRequest, obj: Model) -> None:
        raise NotImplementedError

    def question(self, obj: Model) -> str:
        return self.describe(obj)

    def success_url(self, person: Person) -> str:
        url = reverse("persons:detail", kwargs={"pk": person.pk})
        return f"{url}#{self.anchor}" if self.anchor else url

    def get(self, request: HttpRequest, person_pk: int, pk: int) -> HttpResponse:
        person = get_person_for(request, person_pk, self.action, self.category)
        obj = self.get_object(person, pk)
        audit_view(request, person, self.page, obj=obj)
        return render(request, self.template_name, {
            **person_header(person), "title": self.title, "question": self.question(obj),
            "confirm_label": self.confirm_label, "cancel_url": self.success_url(person),
        })

    def post(self, request: HttpRequest, person_pk: int, pk: int) -> HttpResponse:
        person = get_person_for(request, person_pk, self.action, self.category)
        obj = self.get_object(person, pk)
        try:
            self.delete(request, obj)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, self.success_message)
        return redirect(self.success_url(person))
