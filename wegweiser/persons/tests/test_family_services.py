"""Family relations, plausibility with partial birth dates, households and the family view."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wegweiser.accounts.models import Team
from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.core.partial_dates import PartialDate
from wegweiser.persons.models import FamilyRelation, Household, Person, RelationKind
from wegweiser.persons.services import family as services
from wegweiser.persons.services.notes import add_note

from .factories import PersonFactory, ResidencePeriodFactory

pytestmark = pytest.mark.django_db

PARENT = RelationKind.PARENT
SPOUSE = RelationKind.SPOUSE


@pytest.fixture
def clerk(user_factory):
    return user_factory(Role.SACHBEARBEITUNG)


@pytest.fixture
def make(clerk):
    def _make(birth: str | None = "1980-01-01", **extra) -> Person:
        return PersonFactory(team=clerk.team, birth_date=PartialDate.parse(birth) if birth else None, **extra)
    return _make


def message(exc: pytest.ExceptionInfo) -> str:
    return " ".join(exc.value.messages)


class TestRelations:
    def test_parent_child_with_custody_audited_in_both_files(self, clerk, make):
        parent, child = make("1980-01-01"), make("2010-05-05")
        rel = services.add_relation(clerk, parent, child, PARENT, has_custody=True)
        assert (rel.person, rel.relative, rel.has_custody) == (parent, child, True)
        audited = set(AuditEntry.objects.filter(action=AuditAction.CREATE, object_type="persons.familyrelation")
                      .values_list("person_id", flat=True))
        assert audited == {parent.pk, child.pk}

    def test_self_relation_rejected(self, clerk, make):
        p = make()
        with pytest.raises(ValidationError) as exc:
            services.add_relation(clerk, p, p, SPOUSE)
        assert "mit sich selbst" in message(exc)

    def test_duplicate_symmetric_relation_in_either_direction(self, clerk, make):
        a, b = make(), make()
        services.add_relation(clerk, a, b, SPOUSE)
        with pytest.raises(ValidationError) as exc:
            services.add_relation(clerk, b, a, SPOUSE)
        assert "bereits erfasst" in message(exc)
        with pytest.raises(ValidationError):
            services.add_relation(clerk, a, b, RelationKind.PARTNER)
        assert FamilyRelation.objects.count() == 1

    def test_custody_only_for_parents(self, clerk, make):
        with pytest.raises(ValidationError) as exc:
            services.add_relation(clerk, make(), make(), SPOUSE, has_custody=True)
        assert "has_custody" in exc.value.message_dict

    def test_unknown_kind_and_missing_relative(self, clerk, make):
        with pytest.raises(ValidationError) as exc:
            services.add_relation(clerk, make(), make(), "cousin")
        assert "kind" in exc.value.message_dict
        with pytest.raises(ValidationError) as exc:
            services.add_relation(clerk, make(), None, SPOUSE)
        assert "relative" in exc.value.message_dict

    @pytest.mark.parametrize(
        ("parent_birth", "child_birth", "allowed"),
        [
            ("1990-03-15", "1990-03-15", False),  # same day
            ("1990-03-15", "1990-03-14", False),  # child one day older
            ("1990-03-15", "1990-03-16", True),  # one day younger: implausible but not certainly wrong
            ("1990-00-00", "1990-00-00", True),  # same year, days unknown: could be either way
            ("1990-00-00", "1989-00-00", False),  # child's whole year before the parent's
            ("1990-00-00", "1990-12-31", True),
            ("1990-06-00", "1990-05-31", False),  # child born before the parent's month began
            ("1990-06-00", "1990-06-15", True),
            ("1990-06-15", "1990-06-00", True),  # child's day unknown, could be after the 15th
            (None, "1970-01-01", True),  # unknown parent birth date: no judgement
        ],
    )
    def test_child_not_older_than_parent_cautiously(self, clerk, make, parent_birth, child_birth, allowed):
        parent, child = make(parent_birth), make(child_birth)
        if allowed:
            services.add_relation(clerk, parent, child, PARENT)
        else:
            with pytest.raises(ValidationError) as exc:
                services.add_relation(clerk, parent, child, PARENT)
            assert "nicht älter" in message(exc)

    def test_cycles_rejected(self, clerk, make):
        grandparent, parent, child = make(None), make(None), make(None)  # no birth dates: only the cycle rule
        services.add_relation(clerk, grandparent, parent, PARENT)
        services.add_relation(clerk, parent, child, PARENT)
        with pytest.raises(ValidationError) as exc:
            services.add_relation(clerk, child, parent, PARENT)  # direct reversal
        assert "Elternteil seines eigenen Elternteils" in message(exc)
        with pytest.raises(ValidationError) as exc:
            services.add_relation(clerk, child, grandparent, PARENT)  # across two generations
        assert "Vorfahre" in message(exc)

    def test_at_most_two_parents(self, clerk, make):
        child = make("2010-01-01")
        services.add_relation(clerk, make(), child, PARENT)
        services.add_relation(clerk, make(), child, PARENT)
        with pytest.raises(ValidationError) as exc:
            services.add_relation(clerk, make(), child, PARENT)
        assert "zwei Elternteile" in message(exc)

    def test_relative_in_other_team_needs_rights_on_both(self, clerk, make):
        other = PersonFactory(team=Team.objects.create(name="Team 2"))
        with pytest.raises(PermissionDenied):
            services.add_relation(clerk, make(), other, SPOUSE)
        assert not FamilyRelation.objects.exists()

    def test_remove(self, clerk, make):
        rel = services.add_relation(clerk, make(), make(), SPOUSE)
        services.remove_relation(clerk, rel)
        assert not FamilyRelation.objects.exists()
        assert AuditEntry.objects.filter(action=AuditAction.DELETE).count() == 2

    def test_lotse_cannot_change_family(self, user_factory, make):
        with pytest.raises(PermissionDenied):
            services.add_relation(user_factory(Role.INTEGRATIONSLOTSE), make(), make(), SPOUSE)


class TestHousehold:
    def test_create_add_remove_and_cleanup(self, clerk, make):
        a, b = make(), make()
        household = services.create_household(clerk, a, "Hauptstraße 5")
        services.add_household_member(clerk, a, b)
        assert set(household.members.values_list("pk", flat=True)) == {a.pk, b.pk}
        services.remove_household_member(clerk, a, b)
        assert list(household.members.all()) == [a]
        services.remove_household_member(clerk, a, a)
        assert not Household.objects.exists()

    def test_add_creates_household_when_missing(self, clerk, make):
        a, b = make(), make()
        household = services.add_household_member(clerk, a, b)
        a.refresh_from_db()
        assert a.household == household

    def test_member_of_other_household_must_leave_first(self, clerk, make):
        a, b, c = make(), make(), make()
        services.add_household_member(clerk, a, b)
        with pytest.raises(ValidationError) as exc:
            services.add_household_member(clerk, c, b)
        assert "anderen Haushalt" in message(exc)
        with pytest.raises(ValidationError):
            services.create_household(clerk, a)

    def test_household_change_keeps_person_version(self, clerk, make):
        a, b = make(), make()
        services.add_household_member(clerk, a, b)
        b.refresh_from_db()
        assert b.version == 1  # an edit form opened before stays valid

    def test_removing_a_non_member(self, clerk, make):
        a, b = make(), make()
        services.create_household(clerk, a)
        with pytest.raises(ValidationError):
            services.remove_household_member(clerk, a, b)


class TestFamilyView:
    def test_groups_and_statuses(self, clerk, make):
        me, spouse, child, mother, flatmate = make("1980-01-01"), make(), make("2010-01-01"), make("1950-01-01"), make()
        services.add_relation(clerk, me, spouse, SPOUSE)
        services.add_relation(clerk, me, child, PARENT, has_custody=True)
        services.add_relation(clerk, mother, me, PARENT)
        services.add_household_member(clerk, me, flatmate)
        services.add_household_member(clerk, me, child)
        ResidencePeriodFactory(person=spouse, valid_from=date(2020, 1, 1), valid_until=None)
        view = services.family_of(me, clerk)
        assert [m.person for m in view.spouses] == [spouse]
        assert [m.person for m in view.children] == [child] and view.children[0].has_custody is True
        assert [m.person for m in view.parents] == [mother]
        assert {m.person for m in view.household_members} == {flatmate, child}
        assert view.spouses[0].status.state == "current"
        assert view.children[0].status.state == "none"
        assert view.children[0].in_household

    def test_narrowed_to_visible_persons(self, clerk, make, user_factory):
        me = make()
        services.add_relation(clerk, me, make(), SPOUSE)
        assert services.family_of(me, user_factory(Role.KIM_FALLMANAGEMENT)).is_empty
        assert not services.family_of(me).is_empty


class TestNotes:
    def test_note_written_once_with_author(self, clerk, make):
        person = make()
        note = add_note(clerk, person, "  Vorsprache am Montag.  ")
        assert note.text == "Vorsprache am Montag." and note.created_by == clerk
        entry = AuditEntry.objects.get(action=AuditAction.CREATE, object_type="persons.note")
        assert "Vorsprache" not in str(entry.details)
        note.text = "geändert"
        with pytest.raises(RuntimeError):
            note.save()

    def test_empty_note_rejected_and_lotse_may_write(self, make, user_factory):
        person = make()
        lotse = user_factory(Role.INTEGRATIONSLOTSE)
        with pytest.raises(ValidationError):
            add_note(lotse, person, "   ")
        assert add_note(lotse, person, "Kurs vermittelt.").created_by == lotse

    def test_auswertung_may_not_write_notes(self, make, user_factory):
        with pytest.raises(PermissionDenied):
            add_note(user_factory(Role.AUSWERTUNG), make(), "x")
