"""The Beratungskonzept pages: versions (all counselling staff may read them), and for Teamleitung the draft
editor (types, then the topics of one type, each a small formset) and publishing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action

from ..forms import ConceptForm, TopicFormSet, TopicsTokenForm, TypeFormSet
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
    """Title, validity and the counselling types of a draft (one formset; a blank row adds a type).

    The page carries an edit token of the stored state; a save from a page whose state was changed meanwhile
    (another tab, another Teamleitung) is refused with the input kept, instead of overwriting silently.
    """

    template_name = "counselling/concept_edit.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        policy.require(request.user, Action.CONCEPT_MANAGE)
        concept = _draft_or_404(pk)
        form = ConceptForm(instance=concept, initial={"edit_token": concept_service.types_token(concept)})
        return self.render(request, concept, form, TypeFormSet(instance=concept))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        policy.require(request.user, Action.CONCEPT_MANAGE)
        concept = _draft_or_404(pk)
        form = ConceptForm(request.POST, instance=concept)
        formset = TypeFormSet(request.POST, instance=concept)
        stale = False
        if form.is_valid() and formset.is_valid():
            try:
                with transaction.atomic():
                    concept_service.check_token(concept, form.cleaned_data.get("edit_token") or "")
                    form.save()
                    formset.save()
                    concept_service.audit_change(request.user, concept, "types")
            except concept_service.StaleConcept as exc:
                form.add_service_error(exc)
                form.data = _with_token(form.data, exc.token)
                stale = True
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Der Entwurf des Beratungskonzepts wurde gespeichert."))
                return redirect("counselling:concept_edit", pk=concept.pk)
        return self.render(request, concept, form, formset, stale=stale, status=409 if stale else 400)

    def render(self, request: HttpRequest, concept: Concept, form: ConceptForm, formset: TypeFormSet, *,
               stale: bool = False, status: int = 200) -> HttpResponse:
        return render(request, self.template_name,
                      {"concept": concept, "form": form, "formset": formset, "stale": stale}, status=status)


class ConceptTypeEditView(View):
    """The topics (checklist) of one counselling type of a draft; guarded by an edit token like the types."""

    template_name = "counselling/concept_type_edit.html"

    def _type(self, pk: int) -> CounsellingType:
        kind = get_object_or_404(CounsellingType.objects.select_related("concept"), pk=pk)
        if kind.concept.published:
            raise Http404("published concept")
        return kind

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        policy.require(request.user, Action.CONCEPT_MANAGE)
        kind = self._type(pk)
        token_form = TopicsTokenForm(initial={"edit_token": concept_service.topics_token(kind)})
        return self.render(request, kind, TopicFormSet(instance=kind), token_form)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        policy.require(request.user, Action.CONCEPT_MANAGE)
        kind = self._type(pk)
        formset = TopicFormSet(request.POST, instance=kind)
        token_form = TopicsTokenForm(request.POST)
        stale = False
        if token_form.is_valid() and formset.is_valid():
            try:
                with transaction.atomic():
                    concept_service.check_token(kind.concept, token_form.cleaned_data.get("edit_token") or "",
                                                kind=kind)
                    formset.save()
                    concept_service.audit_change(request.user, kind.concept, "topics", type=kind.key)
            except concept_service.StaleConcept as exc:
                token_form.add_service_error(exc)
                token_form.data = _with_token(token_form.data, exc.token)
                stale = True
            else:
                messages.success(request, _("Die Themen wurden gespeichert."))
                return redirect("counselling:concept_edit", pk=kind.concept_id)
        return self.render(request, kind, formset, token_form, stale=stale, status=409 if stale else 400)

    def render(self, request: HttpRequest, kind: CounsellingType, formset: TopicFormSet,
               token_form: TopicsTokenForm, *, stale: bool = False, status: int = 200) -> HttpResponse:
        return render(request, self.template_name, {
            "kind": kind, "concept": kind.concept, "formset": formset, "token_form": token_form, "stale": stale,
        }, status=status)


def _with_token(data: QueryDict, token: str) -> QueryDict:
    """The posted data with the stored state's token: saving the kept input again then overwrites knowingly."""
    data = data.copy()
    data["edit_token"] = token
    return data


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
