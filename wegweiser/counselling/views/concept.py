"""The Beratungskonzept pages: versions (all counselling staff may read them), and for Teamleitung the draft
editor (types, then the topics of one type, each a small formset) and publishing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action

from ..forms import ConceptForm, TopicFormSet, TypeFormSet
from ..models import Concept, CounsellingType
from ..services import concept as concept_service


def _draft_or_404(pk: int) -> Concept:
    concept = get_object_or_404(Concept, pk=pk)
    if concept.published:
        raise Http404("published concept")
    return concept


class ConceptListView(View):
    template_name = "counselling/concept_list.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.COUNSELLING_VIEW)
        return render(request, self.template_name, {
            "concepts": Concept.objects.select_related("created_by"),
            "current": concept_service.current_concept(), "draft": concept_service.draft_concept(),
            "may_manage": policy.may(request.user, Action.CONCEPT_MANAGE),
        })


class ConceptDetailView(View):
    template_name = "counselling/concept_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        policy.require(request.user, Action.COUNSELLING_VIEW)
        concept = get_object_or_404(Concept, pk=pk)
        return render(request, self.template_name, {
            "concept": concept, "types": concept.types.prefetch_related("topics"),
            "may_manage": policy.may(request.user, Action.CONCEPT_MANAGE),
        })


class ConceptNewDraftView(View):
    """POST only: open the draft (a copy of the newest published version unless a draft exists)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, Action.CONCEPT_MANAGE)
        draft = concept_service.new_draft(request.user)
        return redirect("counselling:concept_edit", pk=draft.pk)


class ConceptEditView(View):
    """Title, validity and the counselling types of a draft (one formset; a blank row adds a type)."""

    template_name = "counselling/concept_edit.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        policy.require(request.user, Action.CONCEPT_MANAGE)
        concept = _draft_or_404(pk)
        return self.render(request, concept, ConceptForm(instance=concept), TypeFormSet(instance=concept))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        policy.require(request.user, Action.CONCEPT_MANAGE)
        concept = _draft_or_404(pk)
        form = ConceptForm(request.POST, instance=concept)
        formset = TypeFormSet(request.POST, instance=concept)
        if form.is_valid() and formset.is_valid():
            try:
                with transaction.atomic():
                    form.save()
                    formset.save()
                    concept_service.audit_change(request.user, concept, "types")
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Der Entwurf des Beratungskonzepts wurde gespeichert."))
                return redirect("counselling:concept_edit", pk=concept.pk)
        return self.render(request, concept, form, formset, status=400)

    def render(self, request: HttpRequest, concept: Concept, form: ConceptForm, formset: TypeFormSet,
               status: int = 200) -> HttpResponse:
        return render(request, self.template_name, {"concept": concept, "form": form, "formset": formset},
                      status=status)


class ConceptTypeEditView(View):
    """The topics (checklist) of one counselling type of a draft."""

    template_name = "counselling/concept_type_edit.html"

    def _type(self, pk: int) -> CounsellingType:
        kind = get_object_or_404(CounsellingType.objects.select_related("concept"), pk=pk)
        if kind.concept.published:
            raise Http404("published concept")
        return kind

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        policy.require(request.user, Action.CONCEPT_MANAGE)
        kind = self._type(pk)
        return self.render(request, kind, TopicFormSet(instance=kind))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        policy.require(request.user, Action.CONCEPT_MANAGE)
        kind = self._type(pk)
        formset = TopicFormSet(request.POST, instance=kind)
        if formset.is_valid():
            with transaction.atomic():
                formset.save()
                concept_service.audit_change(request.user, kind.concept, "topics", type=kind.key)
            messages.success(request, _("Die Themen wurden gespeichert."))
            return redirect("counselling:concept_edit", pk=kind.concept_id)
        return self.render(request, kind, formset, status=400)

    def render(self, request: HttpRequest, kind: CounsellingType, formset: TopicFormSet,
               status: int = 200) -> HttpResponse:
        return render(request, self.template_name, {"kind": kind, "concept": kind.concept, "formset": formset},
                      status=status)


class ConceptPublishView(View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        policy.require(request.user, Action.CONCEPT_MANAGE)
        concept = _draft_or_404(pk)
        try:
            concept_service.publish(request.user, concept)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("counselling:concept_edit", pk=concept.pk)
        messages.success(request, _("Fassung %(version)s ist veröffentlicht; neue Protokolle verwenden sie.")
                         % {"version": concept.version})
        return redirect("counselling:concept_detail", pk=concept.pk)
