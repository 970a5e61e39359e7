"""Filtering and saving the directory.

The directory is small (an office knows tens to a few hundred partners), so the language and topic filters
work on the loaded rows; that keeps them the same on SQLite and PostgreSQL (JSON containment differs).
Organisations and contacts are never deleted: consents and referrals point to them. Changes are audited
without a person (the directory is not personal data of clients, but who changed a partner's entry matters).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record

from ..models import Contact, Organisation

PURPOSE = "Netzwerkverzeichnis"

ORGANISATION_FIELDS = ("name", "kind", "languages", "topics", "address", "phone", "email", "website",
                       "opening_hours", "description", "active")
CONTACT_FIELDS = ("organisation", "name", "function", "languages", "email", "phone", "account", "active")


@dataclass(frozen=True)
class DirectoryFilter:
    kind: str = ""
    language: str = ""
    topic: str = ""
    text: str = ""
    include_inactive: bool = False


def organisations(flt: DirectoryFilter) -> list[Organisation]:
    queryset: QuerySet[Organisation] = Organisation.objects.all()
    if not flt.include_inactive:
        queryset = queryset.filter(active=True)
    if flt.kind:
        queryset = queryset.filter(kind=flt.kind)
    if flt.text:
        queryset = queryset.filter(
            Q(name__icontains=flt.text) | Q(description__icontains=flt.text) | Q(address__icontains=flt.text)
            | Q(contacts__name__icontains=flt.text)
        ).distinct()
    rows = list(queryset.order_by("name", "pk"))
    if flt.language:
        rows = [o for o in rows if flt.language in (o.languages or [])]
    if flt.topic:
        rows = [o for o in rows if flt.topic in (o.topics or [])]
    return rows


def standalone_contacts(flt: DirectoryFilter) -> list[Contact]:
    """People without an organisation (volunteers); shown unless the filter asks for another kind or a topic."""
    if (flt.kind and flt.kind != "ehrenamt") or flt.topic:
        return []
    queryset = Contact.objects.filter(organisation__isnull=True)
    if not flt.include_inactive:
        queryset = queryset.filter(active=True)
    if flt.text:
        queryset = queryset.filter(Q(name__icontains=flt.text) | Q(function__icontains=flt.text))
    rows = list(queryset.order_by("name", "pk"))
    if flt.language:
        rows = [c for c in rows if flt.language in (c.languages or [])]
    return rows


class StaleEntry(Exception):
    """Someone else saved the entry since the form was loaded; ``current`` is the stored state."""

    def __init__(self, current: Organisation | Contact) -> None:
        super().__init__(_("Jemand anderes hat diesen Eintrag inzwischen geändert. Ihre Eingaben stehen noch im "
                           "Formular; wenn Sie erneut speichern, ersetzen sie den gespeicherten Stand."))
        self.current = current


def _changed(obj: Any, data: dict[str, Any], fields: tuple[str, ...]) -> list[str]:
    return [name for name in fields if getattr(obj, name) != data[name]]


@transaction.atomic
def create_organisation(actor: Any, data: dict[str, Any]) -> Organisation:
    organisation = Organisation.objects.create(**{name: data[name] for name in ORGANISATION_FIELDS})
    record(actor=actor, action=AuditAction.CREATE, purpose=PURPOSE, obj=organisation,
           details={"name": organisation.name, "kind": organisation.kind})
    return organisation


@transaction.atomic
def update_organisation(actor: Any, organisation: Organisation, data: dict[str, Any], *,
                        expected_version: int) -> Organisation:
    current = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if current.version != expected_version:
        raise StaleEntry(current)
    changed = _changed(current, data, ORGANISATION_FIELDS)
    if not changed:
        return current
    for name in changed:
        setattr(current, name, data[name])
    current.version += 1
    current.save()
    details: dict[str, Any] = {"fields": changed}
    if "active" in changed:
        details["active"] = current.active
    record(actor=actor, action=AuditAction.CHANGE, purpose=PURPOSE, obj=current, details=details)
    return current


@transaction.atomic
def create_contact(actor: Any, data: dict[str, Any]) -> Contact:
    contact = Contact.objects.create(**{name: data[name] for name in CONTACT_FIELDS})
    record(actor=actor, action=AuditAction.CREATE, purpose=PURPOSE, obj=contact,
           details={"organisation": contact.organisation_id, "account": contact.account_id})
    return contact


@transaction.atomic
def update_contact(actor: Any, contact: Contact, data: dict[str, Any], *, expected_version: int) -> Contact:
    current = Contact.objects.select_for_update().get(pk=contact.pk)
    if current.version != expected_version:
        raise StaleEntry(current)
    changed = _changed(current, data, CONTACT_FIELDS)
    if not changed:
        return current
    for name in changed:
        setattr(current, name, data[name])
    current.version += 1
    current.save()
    details: dict[str, Any] = {"fields": changed}
    if "account" in changed:
        details["account"] = current.account_id  # who may log in as this contact matters for consents
    if "active" in changed:
        details["active"] = current.active
    record(actor=actor, action=AuditAction.CHANGE, purpose=PURPOSE, obj=current, details=details)
    return current
