"""Generic views for all fact kinds: list, create, edit, delete; the kind comes from the URL slug.

Every view asks the policy with the kind's data category (criminal and health facts are sensitive) and
audits what it shows or changes.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from wegweiser.accounts.policy import Action, require, visible_persons
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.documents import access as document_access
from wegweiser.documents.models import Document
from wegweiser.persons.models import Person

from . import access, checks, services
from .display import describe, fact_title, source_badge, specific_fields
from .forms import ListCheckForm, form_for
from .links import person_url
from .models import CheckedList, Fact, ListCheck
from .registry import BY_SLUG, FACT_KINDS, FactKind

PURPOSE = services.PURPOSE


def _kind(slug: str) -> FactKind:
    try:
        return BY_SLUG[slug]
    except KeyError:
        raise Http404(_("Diese Art von Fakten gibt es nicht.")) from None


def _person(request: HttpRequest, person_pk: int) -> Person:
    """The person, if the user may see case files at all (403) and this one in particular (404)."""
    require(request.user, Action.PERSON_VIEW)
    return get_object_or_404(visible_persons(request.user, Person.objects.all()), pk=person_pk)


def _facts(kind: FactKind, person: Person) -> QuerySet[Fact]:
    return kind.model.objects.filter(person=person).select_related("recorded_by")


def _linked_documents(user: Any, person: Person, kind: FactKind, facts: list[Fact]) -> dict[int, list[dict]]:
    """Documents proving these facts, by fact id, with download links (only those the user may open)."""
    if not facts or not document_access.may_list(user, person):
        return {}
    fact_type = ContentType.objects.get_for_model(kind.model)
    linked: dict[int, list[dict]] = {}
    documents = Document.objects.filter(person=person, fact_type=fact_type, fact_id__in=[f.pk for f in facts])
    for document in documents.select_related("fact_type", "person"):
        if document_access.may_view(user, document):
            linked.setdefault(document.fact_id, []).append(
                {"document": document, "url": reverse("documents:download", kwargs={"pk": document.pk})}
            )
    return linked


class FactKindMixin:
    """Resolves person and kind from the URL and checks that the user may see this kind for this person."""

    request: HttpRequest

    def setup_kind(self, person_pk: int, kind: str) -> None:
        self.person = _person(self.request, person_pk)
        self.kind = _kind(kind)
        access.require_view(self.request.user, self.person, self.kind)
        self.may_change = bool(access.change_decision(self.request.user, self.person, self.kind))

    def get_fact(self, pk: int) -> Fact:
        return get_object_or_404(_facts(self.kind, self.person), pk=pk)

    def urls(self) -> dict[str, str]:
        args = {"person_pk": self.person.pk, "kind": self.kind.slug}
        return {
            "list_url": reverse("facts:list", kwargs=args),
            "create_url": reverse("facts:create", kwargs=args) if self.may_change else "",
            "person_url": person_url(self.person),
        }

    def base_context(self, **extra: Any) -> dict[str, Any]:
        return {
            "person": self.person,
            "kind": self.kind,
            "kind_label": self.kind.label,
            "kind_name": self.kind.model._meta.verbose_name,
            "sensitive": access.is_sensitive(self.kind),
            "may_change": self.may_change,
            **self.urls(),
            **extra,
        }


class FactListView(FactKindMixin, View):
    """All entries of one kind for one person, with every field, newest first."""

    template_name = "facts/fact_list.html"

    def get(self, request: HttpRequest, person_pk: int, kind: str) -> HttpResponse:
        self.setup_kind(person_pk, kind)
        facts = list(_facts(self.kind, self.person))
        check_panel = self._check_panel()
        shown_checks = {"checks": [r["check"].pk for r in check_panel["rows"]]} if check_panel else {}
        record(
            actor=request.user, action=AuditAction.VIEW, purpose=PURPOSE, person=self.person,
            object_type=self.kind.model._meta.label_lower,
            details={"kind": self.kind.slug, "category": self.kind.category, "ids": [f.pk for f in facts],
                     **shown_checks},
        )
        args = {"person_pk": self.person.pk, "kind": self.kind.slug}
        proofs = _linked_documents(request.user, self.person, self.kind, facts)
        may_upload = document_access.may_upload(request.user, self.person)
        upload_url = reverse("documents:upload", kwargs={"person_pk": self.person.pk})
        entries = [
            {
                "fact": fact,
                "title": fact_title(fact),
                "details": describe(fact, include_empty=True),
                "badge": source_badge(fact),
                "edit_url": reverse("facts:edit", kwargs={**args, "pk": fact.pk}) if self.may_change else "",
                "delete_url": reverse("facts:delete", kwargs={**args, "pk": fact.pk}) if self.may_change else "",
                "documents": proofs.get(fact.pk, []),
                "upload_url": f"{upload_url}?{urlencode({'fact': f'{self.kind.slug}:{fact.pk}'})}" if may_upload else "",
            }
            for fact in facts
        ]
        other_kinds = [
            {"label": k.label, "url": reverse("facts:list", kwargs={"person_pk": self.person.pk, "kind": k.slug}),
             "current": k == self.kind}
            for k in FACT_KINDS if access.view_decision(request.user, self.person, k)
        ]
        columns = [str(f.verbose_name) for f in specific_fields(self.kind.model)]
        return render(
            request, self.template_name,
            self.base_context(entries=entries, columns=columns, other_kinds=other_kinds,
                              check_panel=check_panel),
        )

    def _check_panel(self) -> dict[str, Any] | None:
        """"Keine Einträge – geprüft am …" for the list this kind fills, if it has one (the caller audits)."""
        subject = checks.SUBJECT_OF_KIND.get(self.kind.slug)
        if subject is None or not access.may_view_check(self.request.user, self.person, subject):
            return None
        shown = list(ListCheck.objects.filter(person=self.person, subject=subject).select_related("recorded_by"))
        may_change = access.may_change_check(self.request.user, self.person, subject)
        return {
            "subject": subject, "label": CheckedList(subject).label,
            "rows": checks.rows(self.request.user, self.person, shown),
            "form": ListCheckForm(subjects=[subject], initial={"subject": subject}) if may_change else None,
            "url": reverse("facts:checks", kwargs={"person_pk": self.person.pk}),
        }


class FactCreateView(FactKindMixin, View):
    template_name = "facts/fact_form.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.setup_kind(kwargs["person_pk"], kwargs["kind"])
        access.require_change(request.user, self.person, self.kind)
        return super().dispatch(request, *args, **kwargs)

    def _render(self, form) -> HttpResponse:
        return render(self.request, self.template_name, self.base_context(form=form, creating=True))

    def get(self, request: HttpRequest, person_pk: int, kind: str) -> HttpResponse:
        return self._render(form_for(self.kind.model)(instance=self.kind.model(person=self.person)))

    def post(self, request: HttpRequest, person_pk: int, kind: str) -> HttpResponse:
        form = form_for(self.kind.model)(request.POST, instance=self.kind.model(person=self.person))
        if not form.is_valid():
            return self._render(form)
        fact = services.create_fact(user=request.user, person=self.person, fact=form.instance)
        messages.success(request, _("%(title)s wurde gespeichert.") % {"title": fact_title(fact)})
        return redirect(self.urls()["list_url"])


class FactEditView(FactKindMixin, View):
    template_name = "facts/fact_form.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.setup_kind(kwargs["person_pk"], kwargs["kind"])
        access.require_change(request.user, self.person, self.kind)
        self.fact = self.get_fact(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def _render(self, form, current: Fact | None = None) -> HttpResponse:
        ctx = self.base_context(form=form, creating=False, fact=self.fact, title=fact_title(self.fact))
        if current is not None:
            ctx["current"] = {
                "fact": current,
                "details": describe(current, include_empty=True),
            }
        return render(self.request, self.template_name, ctx)

    def get(self, request: HttpRequest, person_pk: int, kind: str, pk: int) -> HttpResponse:
        record(
            actor=request.user, action=AuditAction.VIEW, purpose=PURPOSE, person=self.person, obj=self.fact,
            details={"kind": self.kind.slug, "category": self.kind.category},
        )
        return self._render(form_for(self.kind.model)(instance=self.fact))

    def post(self, request: HttpRequest, person_pk: int, kind: str, pk: int) -> HttpResponse:
        form = form_for(self.kind.model)(request.POST, instance=self.fact)
        if not form.is_valid():
            return self._render(form)
        changed = form.changed_fact_fields()
        if not changed:
            messages.info(request, _("Es wurde nichts geändert."))
            return redirect(self.urls()["list_url"])
        try:
            fact = services.update_fact(
                user=request.user, fact=form.instance, expected_version=form.cleaned_data.get("version"),
                changed_fields=changed,
            )
        except services.StaleFact as stale:
            if stale.current is None:
                messages.error(request, _("Dieser Eintrag wurde inzwischen gelöscht."))
                return redirect(self.urls()["list_url"])
            # Keep what the user typed; the next save is made against the version now shown beside it.
            form.data = form.data.copy()
            form.data["version"] = str(stale.current.version)
            form.add_error(None, str(stale.message))
            return self._render(form, current=stale.current)
        messages.success(request, _("%(title)s wurde geändert.") % {"title": fact_title(fact)})
        return redirect(self.urls()["list_url"])


class FactDeleteView(FactKindMixin, View):
    """GET asks for confirmation; only POST deletes."""

    template_name = "facts/fact_confirm_delete.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.setup_kind(kwargs["person_pk"], kwargs["kind"])
        access.require_change(request.user, self.person, self.kind)
        self.fact = self.get_fact(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, person_pk: int, kind: str, pk: int) -> HttpResponse:
        record(
            actor=request.user, action=AuditAction.VIEW, purpose=PURPOSE, person=self.person, obj=self.fact,
            details={"kind": self.kind.slug, "category": self.kind.category},
        )
        return render(
            request, self.template_name,
            self.base_context(fact=self.fact, title=fact_title(self.fact), details=describe(self.fact)),
        )

    def post(self, request: HttpRequest, person_pk: int, kind: str, pk: int) -> HttpResponse:
        title = fact_title(self.fact)
        services.delete_fact(user=request.user, fact=self.fact)
        messages.success(request, _("%(title)s wurde gelöscht.") % {"title": title})
        return redirect(self.urls()["list_url"])
