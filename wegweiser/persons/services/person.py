"""Creating, changing and deleting persons (the head of a case file).

Changes use optimistic locking on ``Person.version``: two colleagues may open the same file, and the one who
saves second must not silently overwrite the first. The second gets ``StaleEdit`` with the stored state, so
the form can show both and nothing typed is lost.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from wegweiser.accounts import policy
from wegweiser.accounts.models import Team
from wegweiser.accounts.policy import Action
from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.core.partial_dates import PartialDate, PartialDateField

from .. import codes
from ..models import Nationality, Person, PersonLanguage
from .common import PURPOSE, merge_errors, today

#: The fields of a person the services accept in ``data`` (everything else is set by the services).
PERSON_FIELDS = (
    "file_number", "family_name", "given_names", "family_name_latin", "given_names_latin", "birth_name",
    "birth_date", "birth_place", "birth_country", "sex", "letter_language", "address", "phone", "email", "team",
)
NAME_FIELDS = frozenset({"family_name", "given_names", "family_name_latin", "given_names_latin", "birth_name"})


class StaleEdit(ValidationError):
    """The person was saved by someone else after the user loaded it; ``current`` is the stored state."""

    def __init__(self, current: Person) -> None:
        super().__init__(
            _(
                "Diese Akte wurde inzwischen von jemand anderem geändert. Ihre Eingaben wurden nicht gespeichert, "
                "sind aber erhalten. Bitte vergleichen Sie sie mit dem aktuellen Stand und speichern Sie erneut."
            ),
            code="stale",
        )
        self.current = current
        self.current_version = current.version


# --- input normalisation and validation ------------------------------------------------------------------


def _team(value: Any) -> Team | None:
    if value in (None, ""):
        return None
    if isinstance(value, Team):
        return value
    try:
        return Team.objects.get(pk=int(value))
    except (Team.DoesNotExist, TypeError, ValueError):
        raise ValidationError({"team": _("Dieses Team gibt es nicht.")}, code="invalid_team") from None


def _birth_date(value: Any) -> PartialDate | None:
    try:
        return PartialDateField().to_python(value)
    except ValidationError as exc:
        raise ValidationError({"birth_date": exc.messages}) from None


def _normalise(data: dict[str, Any]) -> dict[str, Any]:
    """Model values from ``data``: strings stripped, codes in canonical case, team and birth date resolved."""
    unknown = sorted(set(data) - set(PERSON_FIELDS))
    if unknown:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("Unbekannte Felder: %(fields)s") % {"fields": ", ".join(unknown)}},
            code="unknown_field",
        )
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name == "team":
            values[name] = _team(value)
        elif name == "birth_date":
            values[name] = _birth_date(value)
        else:
            text = "" if value is None else str(value).strip()
            if name == "birth_country":
                text = text.upper()
            elif name == "letter_language":
                text = text.lower()
            values[name] = text
    return values


def clean_nationalities(raw_codes: list[str]) -> list[str]:
    """Canonical, de-duplicated nationality codes; ValidationError (key ``nationalities``) if invalid."""
    cleaned: list[str] = []
    errors: list[str] = []
    for raw in raw_codes:
        code = (raw or "").strip().upper()
        if not code or code in cleaned:
            continue
        if code not in codes.SPECIAL_NATIONALITIES and not codes.is_country(code):
            errors.append(_("„%(code)s“ ist kein gültiger Staat (ISO-3166-Code).") % {"code": code[:10]})
            continue
        cleaned.append(code)
    special = [c for c in cleaned if c in codes.SPECIAL_NATIONALITIES]
    if special and len(cleaned) > 1:
        errors.append(
            _("„staatenlos“ und „ungeklärt“ können nicht mit einer anderen Staatsangehörigkeit kombiniert werden.")
        )
    if errors:
        raise ValidationError({"nationalities": errors})
    return cleaned


def clean_languages(raw_codes: list[str]) -> list[str]:
    """Canonical, de-duplicated ISO 639 codes; ValidationError (key ``languages``) if one is unknown."""
    cleaned: list[str] = []
    errors: list[str] = []
    for raw in raw_codes:
        code = (raw or "").strip().lower()
        if not code or code in cleaned:
            continue
        if not codes.is_language(code):
            errors.append(_("„%(code)s“ ist keine bekannte Sprache (ISO-639-Code).") % {"code": code[:10]})
            continue
        cleaned.append(code)
    if errors:
        raise ValidationError({"languages": errors})
    return cleaned


def _validate(person: Person) -> None:
    """Rules on the person's own fields; all problems at once, keyed by field."""
    errors: dict[str, list[str]] = {}
    if not person.family_name:
        errors["family_name"] = [_("Bitte den Familiennamen angeben (laut Pass; sonst wie bekannt).")]
    if not person.file_number:
        errors["file_number"] = [_("Bitte ein Aktenzeichen angeben.")]
    elif Person.objects.filter(file_number__iexact=person.file_number).exclude(pk=person.pk).exists():
        errors["file_number"] = [
            _("Das Aktenzeichen „%(number)s“ ist bereits vergeben.") % {"number": person.file_number}
        ]
    birth = person.birth_date
    if isinstance(birth, PartialDate) and birth.earliest() > today():
        errors["birth_date"] = [_("Das Geburtsdatum liegt in der Zukunft.")]
    if person.birth_country and not (
        codes.is_country(person.birth_country) or codes.is_historic_country(person.birth_country)
    ):
        errors["birth_country"] = [_("Bitte ein Geburtsland aus der Liste wählen.")]
    if person.letter_language and not codes.is_language(person.letter_language):
        errors["letter_language"] = [_("Bitte eine Sprache aus der Liste wählen.")]
    try:
        # Length limits, e-mail syntax, choices. The partial date is checked above (it has no len()).
        person.full_clean(
            exclude=["team", "household", "created_by", "birth_date", *errors],
            validate_unique=False, validate_constraints=False,
        )
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    merge_errors(errors)


def _save(person: Person, **kwargs: Any) -> None:
    """Save; a file number taken concurrently (unique index) becomes the same message as the check above."""
    try:
        with transaction.atomic():
            person.save(**kwargs)
    except IntegrityError as exc:
        if Person.objects.filter(file_number__iexact=person.file_number).exclude(pk=person.pk).exists():
            raise ValidationError(
                {"file_number": _("Das Aktenzeichen „%(number)s“ ist bereits vergeben.") % {"number": person.file_number}}
            ) from exc
        raise


def _sync_codes(person: Person, nationalities: list[str] | None, languages: list[str] | None) -> list[str]:
    """Make the stored nationality and language rows match; returns which of the two lists changed."""
    changed: list[str] = []
    if nationalities is not None:
        stored = set(person.nationalities.values_list("code", flat=True))
        if stored != set(nationalities):
            person.nationalities.exclude(code__in=nationalities).delete()
            Nationality.objects.bulk_create(
                [Nationality(person=person, code=c) for c in nationalities if c not in stored]
            )
            changed.append("nationalities")
    if languages is not None:
        stored = set(person.languages.values_list("code", flat=True))
        if stored != set(languages):
            person.languages.exclude(code__in=languages).delete()
            PersonLanguage.objects.bulk_create([PersonLanguage(person=person, code=c) for c in languages if c not in stored])
            changed.append("languages")
    return changed


def _update_search_fields(person: Person) -> None:
    from wegweiser.persons.search import update_search_fields

    update_search_fields(person)


def _may_keep_working(actor: Any, person: Person) -> bool:
    """Whether the actor could still change the file afterwards (a file must not slip out of one's own hands)."""
    return policy.decide(actor, Action.PERSON_CHANGE, person).allowed


# --- services ------------------------------------------------------------------------------------------


def create_person(
    actor: Any, data: dict[str, Any], nationalities: list[str], languages: list[str], *, purpose: str = PURPOSE
) -> Person:
    """Create a case file. Without ``team`` in ``data`` the file goes to the actor's team."""
    policy.require(actor, Action.PERSON_CREATE)
    values = _normalise(data)
    if "team" not in values:
        values["team"] = getattr(actor, "team", None)
    errors: dict[str, list[str]] = {}
    nat_codes = lang_codes = []
    try:
        nat_codes = clean_nationalities(nationalities or [])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        lang_codes = clean_languages(languages or [])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    person = Person(**values)
    if getattr(actor, "is_authenticated", False):
        person.created_by = actor
    try:
        _validate(person)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if "team" not in errors and not _may_keep_working(actor, person):
        errors["team"] = [_("Sie können Akten nur für Ihr eigenes Team anlegen.")]
    merge_errors(errors)
    with transaction.atomic():
        _update_search_fields(person)
        _save(person, force_insert=True)
        _sync_codes(person, nat_codes, lang_codes)
        filled = [name for name, value in values.items() if value not in (None, "")]
        record(
            actor=actor, action=AuditAction.CREATE, purpose=purpose, person=person, obj=person,
            details={"fields": filled + (["nationalities"] if nat_codes else []) + (["languages"] if lang_codes else [])},
        )
    return person


def _differs(person: Person, name: str, value: Any) -> bool:
    if name == "team":
        return person.team_id != (value.pk if value else None)
    return getattr(person, name) != value


def update_person(
    actor: Any,
    person: Person,
    data: dict[str, Any],
    nationalities: list[str] | None,
    languages: list[str] | None,
    expected_version: int,
    *,
    purpose: str = PURPOSE,
) -> Person:
    """Change the fields in ``data`` (and the code lists unless None) if ``expected_version`` is current.

    Raises ``StaleEdit`` when someone else saved in between. Saving without any change writes nothing and
    keeps the version. Returns the saved person (a fresh instance).
    """
    policy.require(actor, Action.PERSON_CHANGE, person)
    values = _normalise(data)
    with transaction.atomic():
        current = Person.objects.select_for_update().filter(pk=person.pk).first()
        if current is None:
            raise ValidationError(_("Diese Akte gibt es nicht mehr."), code="gone")
        policy.require(actor, Action.PERSON_CHANGE, current)  # the team may have changed meanwhile
        if current.version != expected_version:
            raise StaleEdit(current)
        changed = [name for name, value in values.items() if _differs(current, name, value)]
        for name in changed:
            setattr(current, name, values[name])
        errors: dict[str, list[str]] = {}
        nat_codes = lang_codes = None
        try:
            nat_codes = clean_nationalities(nationalities) if nationalities is not None else None
        except ValidationError as exc:
            errors.update(exc.message_dict)
        try:
            lang_codes = clean_languages(languages) if languages is not None else None
        except ValidationError as exc:
            errors.update(exc.message_dict)
        try:
            _validate(current)
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if "team" in changed and "team" not in errors and not _may_keep_working(actor, current):
            errors["team"] = [
                _("Sie können die Akte nicht an ein Team abgeben, dessen Akten Sie nicht bearbeiten dürfen.")
            ]
        merge_errors(errors)
        code_changes = _sync_codes(current, nat_codes, lang_codes)
        if not changed and not code_changes:
            return current
        current.version += 1
        update_fields = [*changed, "version", "updated_at"]
        if NAME_FIELDS.intersection(changed):
            _update_search_fields(current)
            update_fields += ["search_text", "search_phonetic"]
        _save(current, update_fields=update_fields)
        record(
            actor=actor, action=AuditAction.CHANGE, purpose=purpose, person=current, obj=current,
            details={"fields": [*changed, *code_changes], "version": current.version},
        )
    return current


def delete_person(actor: Any, person: Person, *, purpose: str = PURPOSE) -> None:
    """Delete a case file with everything in it (Teamleitung); stored document files go after the commit.

    The audit trail keeps the person's ID, so the deletion itself stays traceable.
    """
    policy.require(actor, Action.PERSON_DELETE, person)
    with transaction.atomic():
        current = Person.objects.select_for_update().filter(pk=person.pk).first()
        if current is None:
            raise ValidationError(_("Diese Akte gibt es nicht mehr."), code="gone")
        policy.require(actor, Action.PERSON_DELETE, current)
        paths = [doc.storage_path for doc in current.documents.all()] if hasattr(current, "documents") else []
        household = current.household
        record(
            actor=actor, action=AuditAction.DELETE, purpose=purpose, person=current, obj=current,
            details={
                "documents": len(paths),
                "residence_periods": current.residence_periods.count(),
                "relations": current.relations_out.count() + current.relations_in.count(),
                "notes": current.notes.count(),
            },
        )
        try:
            with transaction.atomic():
                current.delete()
        except ProtectedError:
            # Records the office must keep (e.g. plans of measures ending a stay and their execution log)
            # point to this file; the deletion is refused as a whole and the audit entry goes with it.
            raise ValidationError(
                _("Diese Akte kann nicht gelöscht werden: Zu ihr gibt es Unterlagen, die aufbewahrt werden müssen "
                  "(z. B. Pläne aufenthaltsbeendender Maßnahmen mit ihrem Ablaufprotokoll)."), code="protected",
            ) from None
        if household is not None and not household.members.exists():
            household.delete()

        def remove_files() -> None:
            for path in paths:
                path.unlink(missing_ok=True)

        transaction.on_commit(remove_files, robust=True)

