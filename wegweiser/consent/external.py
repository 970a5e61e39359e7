"""The pages of an external account (KIM case management, supporters, counselling services).

"Meine Personen" lists the persons whose valid consent names this account; the person page shows exactly the
categories granted, each asked of the policy module. Every read is audited. The office's own case-file pages
stay closed to external accounts (the policy refuses them the "without a person" step those pages start with).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views import View

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action, DataCategory
from wegweiser.accounts.roles import EXTERNAL_ROLES
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.persons import codes
from wegweiser.persons.models import Person

from .categories import LABELS, labels_of
from .services import valid_consents

#: Purpose written to the audit trail for reads of external partners.
EXTERNAL_PURPOSE = "Zusammenarbeit mit Einwilligung"


def _require_external(request: HttpRequest) -> None:
    """These pages are the external accounts' view; staff work in the case file itself."""
    if getattr(request.user, "role", "") not in EXTERNAL_ROLES:
        raise PermissionDenied(_("Diese Seite ist für externe Konten. Die Akte finden Sie über die Personensuche."))


def _consents_by_person(user: Any) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for consent in valid_consents(user).select_related("recipient_organisation", "recipient_contact"):
        grouped.setdefault(consent.person_id, []).append(consent)
    return grouped


class MyPersonsView(View):
    template_name = "consent/my_persons.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        _require_external(request)
        consents = _consents_by_person(request.user)
        persons = policy.visible_persons(request.user, Person.objects.all()).order_by("family_name", "given_names")
        rows = []
        for person in persons:
            if not policy.may(request.user, Action.PERSON_VIEW, person, DataCategory.IDENTITY):
                continue  # a consent without the identity basics names nobody here
            own = consents.get(person.pk, [])
            categories = sorted({c for consent in own for c in consent.categories})
            rows.append({"person": person, "categories": labels_of(categories),
                         "valid_until": max((c.valid_until for c in own), default=None)})
        record(actor=request.user, action=AuditAction.VIEW, purpose=EXTERNAL_PURPOSE, object_type="persons.person",
               details={"page": "external_persons", "ids": [row["person"].pk for row in rows]})
        return render(request, self.template_name, {"rows": rows})


class ExternalPersonView(View):
    """A read-only view of one person with only the categories a valid consent grants to this account."""

    template_name = "consent/external_person.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        _require_external(request)
        person = get_object_or_404(policy.visible_persons(request.user, Person.objects.all()), pk=pk)
        policy.require(request.user, Action.PERSON_VIEW, person, DataCategory.IDENTITY)
        user = request.user

        def granted(category: DataCategory) -> bool:
            return policy.may(user, Action.PERSON_VIEW, person, category)

        shown = [DataCategory.IDENTITY]
        context: dict[str, Any] = {
            "person": person,
            "nationality_names": [codes.country_name(n.code) for n in person.nationalities.all()],
            "spoken_languages": [codes.language_name(lang.code) for lang in person.languages.all()],
            "consents": list(valid_consents(user).filter(person=person)
                             .select_related("recipient_organisation", "recipient_contact")),
        }
        if granted(DataCategory.RESIDENCE):
            context["residence_periods"] = list(person.residence_periods.order_by("-valid_from", "-pk"))
            shown.append(DataCategory.RESIDENCE)
        if granted(DataCategory.FAMILY):
            from wegweiser.persons.services.family import family_of

            context["family"] = family_of(person, user)
            shown.append(DataCategory.FAMILY)
        if granted(DataCategory.DOCUMENTS):
            context["documents"] = list(person.documents.order_by("-uploaded_at", "-pk"))
            shown.append(DataCategory.DOCUMENTS)
        if granted(DataCategory.NOTES):
            context["notes"] = list(person.notes.all())
            shown.append(DataCategory.NOTES)
        facts = _fact_sections(person, user)
        context["facts_sections"] = facts
        shown += sorted({DataCategory(s.kind.category) for s in facts} - set(shown))
        # Submitting to the office (wegweiser.inbox) is asked of the policy like reading, per category.
        context["may_submit_evidence"] = policy.may(user, Action.EVIDENCE_SUBMIT, person, DataCategory.DOCUMENTS)
        context["may_send_message"] = policy.may(user, Action.MESSAGE_SEND, person, DataCategory.IDENTITY)
        context["shown"] = [LABELS[c] for c in LABELS if c in shown]
        context["shown_keys"] = [c.value for c in shown]
        record(actor=user, action=AuditAction.VIEW, purpose=EXTERNAL_PURPOSE, person=person, obj=person,
               details={"page": "external_person", "categories": [c.value for c in shown]})
        return render(request, self.template_name, context)


def _fact_sections(person: Person, user: Any) -> list:
    """The fact kinds the policy lets this account see (integration, and health or criminal if granted)."""
    from wegweiser.facts.overview import facts_context

    return facts_context(person, user)["facts_sections"]
