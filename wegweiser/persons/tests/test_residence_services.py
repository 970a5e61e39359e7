"""Residence periods, the timeline, entries and stays abroad."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.core.partial_dates import PartialDate
from wegweiser.persons.models import Entry, ResidencePeriod, ResidenceStatus, StayAbroad
from wegweiser.persons.services import residence as services

from .factories import EntryFactory, PersonFactory, ResidencePeriodFactory, StayAbroadFactory

pytestmark = pytest.mark.django_db

AE = ResidenceStatus.AUFENTHALTSERLAUBNIS


@pytest.fixture
def clerk(user_factory):
    return user_factory(Role.SACHBEARBEITUNG)


@pytest.fixture
def person(clerk):
    return PersonFactory(team=clerk.team, birth_date=PartialDate(1990, 5, 1))


def period(status=AE, start=date(2020, 1, 1), end=date(2020, 12, 31), **extra):
    return {"status": status, "valid_from": start, "valid_until": end, **extra}


class TestPeriods:
    def test_add_and_audit(self, clerk, person):
        p = services.add_period(clerk, person, period(legal_basis="§ 25b AufenthG", document_number="Y123"))
        assert p.person == person
        entry = AuditEntry.objects.get(action=AuditAction.CREATE, object_type="persons.residenceperiod")
        assert entry.person_id == person.pk
        assert set(entry.details["fields"]) == {"status", "valid_from", "valid_until", "legal_basis", "document_number"}
        assert "Y123" not in str(entry.details)

    def test_adjacent_periods_are_fine(self, clerk, person):
        services.add_period(clerk, person, period())
        services.add_period(clerk, person, period(start=date(2021, 1, 1), end=date(2021, 6, 30)))
        assert ResidencePeriod.objects.filter(person=person).count() == 2

    def test_overlap_by_one_day_rejected_naming_the_other_period(self, clerk, person):
        services.add_period(clerk, person, period(legal_basis="§ 25 Abs. 5 AufenthG"))
        with pytest.raises(ValidationError) as exc:
            services.add_period(clerk, person, period(start=date(2020, 12, 31), end=date(2021, 6, 30)))
        message = exc.value.message_dict[NON_FIELD_ERRORS][0]
        assert "überschneidet sich" in message
        assert "Aufenthaltserlaubnis (§ 25 Abs. 5 AufenthG)" in message and "31.12.2020" in message
        assert ResidencePeriod.objects.filter(person=person).count() == 1

    def test_open_ended_period_blocks_later_ones_with_hint(self, clerk, person):
        services.add_period(clerk, person, period(end=None))
        with pytest.raises(ValidationError) as exc:
            services.add_period(clerk, person, period(start=date(2023, 1, 1), end=None))
        assert "ohne Ende" in exc.value.messages[0] and "zuerst ein Ende" in exc.value.messages[0]

    def test_until_before_from_rejected_same_day_ok(self, clerk, person):
        with pytest.raises(ValidationError) as exc:
            services.add_period(clerk, person, period(start=date(2020, 5, 2), end=date(2020, 5, 1)))
        assert "valid_until" in exc.value.message_dict
        services.add_period(clerk, person, period(start=date(2020, 5, 2), end=date(2020, 5, 2)))

    def test_duldung_kind_required_with_duldung_and_only_then(self, clerk, person):
        with pytest.raises(ValidationError) as exc:
            services.add_period(clerk, person, period(status=ResidenceStatus.DULDUNG))
        assert exc.value.message_dict["duldung_kind"] == ["Bitte die Art der Duldung angeben."]
        with pytest.raises(ValidationError) as exc:
            services.add_period(clerk, person, period(duldung_kind="60a"))
        assert "nur beim Status" in exc.value.message_dict["duldung_kind"][0]
        with pytest.raises(ValidationError):
            services.add_period(clerk, person, period(status=ResidenceStatus.DULDUNG, duldung_kind="99x"))
        services.add_period(clerk, person, period(status=ResidenceStatus.DULDUNG, duldung_kind="60c"))

    def test_unknown_status_rejected(self, clerk, person):
        with pytest.raises(ValidationError) as exc:
            services.add_period(clerk, person, period(status="asyl"))
        assert "status" in exc.value.message_dict

    def test_fiktion_may_start_on_the_last_day_of_the_title(self, clerk, person):
        services.add_period(clerk, person, period())
        services.add_period(clerk, person, period(status=ResidenceStatus.FIKTIONSBESCHEINIGUNG,
                                                  start=date(2020, 12, 31), end=date(2021, 3, 31)))
        assert ResidencePeriod.objects.filter(person=person).count() == 2

    def test_fiktion_may_not_overlap_more(self, clerk, person):
        services.add_period(clerk, person, period())
        with pytest.raises(ValidationError):
            services.add_period(clerk, person, period(status=ResidenceStatus.FIKTIONSBESCHEINIGUNG,
                                                      start=date(2020, 12, 30), end=date(2021, 3, 31)))

    def test_other_status_on_last_day_is_an_overlap(self, clerk, person):
        services.add_period(clerk, person, period())
        with pytest.raises(ValidationError):
            services.add_period(clerk, person, period(status=ResidenceStatus.DULDUNG, duldung_kind="60a",
                                                      start=date(2020, 12, 31), end=date(2021, 3, 31)))

    def test_update_checks_overlap_excluding_itself(self, clerk, person):
        first = services.add_period(clerk, person, period())
        services.add_period(clerk, person, period(start=date(2021, 1, 1), end=date(2021, 12, 31)))
        services.update_period(clerk, first, {"valid_until": date(2020, 12, 30), "note": "verkürzt"})
        first.refresh_from_db()
        assert first.valid_until == date(2020, 12, 30)
        with pytest.raises(ValidationError):
            services.update_period(clerk, first, {"valid_until": date(2021, 1, 1)})
        first.refresh_from_db()
        assert first.valid_until == date(2020, 12, 30)
        change = AuditEntry.objects.get(action=AuditAction.CHANGE)
        assert change.details["fields"] == ["valid_until", "note"]

    def test_delete(self, clerk, person):
        p = services.add_period(clerk, person, period())
        services.delete_period(clerk, p)
        assert not ResidencePeriod.objects.exists()
        assert AuditEntry.objects.filter(action=AuditAction.DELETE, person_id=person.pk).exists()

    def test_lotse_may_not_change_periods(self, user_factory, person):
        lotse = user_factory(Role.INTEGRATIONSLOTSE)
        with pytest.raises(PermissionDenied):
            services.add_period(lotse, person, period())
        p = ResidencePeriodFactory(person=person)
        with pytest.raises(PermissionDenied):
            services.update_period(lotse, p, {"note": "x"})
        with pytest.raises(PermissionDenied):
            services.delete_period(lotse, p)


class TestTimeline:
    def test_periods_in_order_with_gaps_and_states(self, person):
        today = date(2024, 6, 1)
        ResidencePeriodFactory(person=person, valid_from=date(2022, 1, 1), valid_until=date(2022, 12, 31))
        ResidencePeriodFactory(person=person, valid_from=date(2021, 1, 1), valid_until=date(2021, 12, 31))
        ResidencePeriodFactory(person=person, valid_from=date(2023, 3, 1), valid_until=date(2025, 2, 28))
        ResidencePeriodFactory(person=person, valid_from=date(2025, 3, 1), valid_until=None)
        items = services.timeline(person, on=today)
        kinds = [("gap" if i.is_gap else i.state) for i in items]
        assert kinds == ["expired", "expired", "gap", "current", "future"]
        gap = items[2]
        assert (gap.start, gap.end, gap.days) == (date(2023, 1, 1), date(2023, 2, 28), 59)

    def test_trailing_gap_until_today(self, person):
        ResidencePeriodFactory(person=person, valid_from=date(2020, 1, 1), valid_until=date(2020, 12, 31))
        items = services.timeline(person, on=date(2021, 3, 1))
        assert items[-1].is_gap and items[-1].start == date(2021, 1, 1) and items[-1].end is None

    def test_no_gap_on_the_day_after_expiry_boundary(self, person):
        ResidencePeriodFactory(person=person, valid_from=date(2020, 1, 1), valid_until=date(2020, 12, 31))
        assert not any(i.is_gap for i in services.timeline(person, on=date(2020, 12, 31)))
        assert services.timeline(person, on=date(2021, 1, 1))[-1].is_gap

    def test_empty(self, person):
        assert services.timeline(person) == []

    def test_current_status_variants(self, person):
        assert services.current_status(person).state == "none"
        ResidencePeriodFactory(person=person, valid_from=date(2020, 1, 1), valid_until=date(2020, 12, 31))
        expired = services.current_status(person, on=date(2021, 1, 1))
        assert expired.state == "expired" and expired.tone == "danger" and "31.12.2020" in expired.label
        assert services.current_status(person, on=date(2020, 6, 1)).state == "current"
        assert services.current_status(person, on=date(2020, 12, 1)).state == "expiring"

    def test_fiktion_wins_on_its_first_day(self, person):
        ResidencePeriodFactory(person=person, valid_from=date(2020, 1, 1), valid_until=date(2020, 12, 31))
        ResidencePeriodFactory(person=person, status=ResidenceStatus.FIKTIONSBESCHEINIGUNG,
                               valid_from=date(2020, 12, 31), valid_until=date(2021, 6, 30))
        status = services.current_status(person, on=date(2020, 12, 31))
        assert status.period.status == ResidenceStatus.FIKTIONSBESCHEINIGUNG


class TestEntries:
    def test_add_first_entry_and_later_one(self, clerk, person):
        services.add_entry(clerk, person, {"date": date(2015, 9, 5), "is_first_entry": True})
        services.add_entry(clerk, person, {"date": date(2019, 7, 21), "is_first_entry": False, "note": "Rückkehr"})
        assert Entry.objects.filter(person=person).count() == 2

    def test_only_one_first_entry(self, clerk, person):
        EntryFactory(person=person, date=date(2015, 9, 5), is_first_entry=True)
        with pytest.raises(ValidationError) as exc:
            services.add_entry(clerk, person, {"date": date(2016, 1, 1), "is_first_entry": True})
        assert "is_first_entry" in exc.value.message_dict

    def test_no_entry_before_the_first(self, clerk, person):
        EntryFactory(person=person, date=date(2015, 9, 5), is_first_entry=True)
        with pytest.raises(ValidationError) as exc:
            services.add_entry(clerk, person, {"date": date(2015, 9, 4)})
        assert "date" in exc.value.message_dict

    def test_future_and_before_birth_rejected(self, clerk, person):
        with pytest.raises(ValidationError):
            services.add_entry(clerk, person, {"date": date.today() + timedelta(days=1)})
        with pytest.raises(ValidationError) as exc:
            services.add_entry(clerk, person, {"date": date(1990, 4, 30)})
        assert exc.value.message_dict["date"] == ["Das Einreisedatum liegt vor der Geburt."]

    def test_partial_birth_date_counts_cautiously(self, clerk):
        person = PersonFactory(team=clerk.team, birth_date=PartialDate(1990))
        services.add_entry(clerk, person, {"date": date(1990, 1, 1)})  # could be the birthday
        with pytest.raises(ValidationError):
            services.add_entry(clerk, person, {"date": date(1989, 12, 31)})

    def test_delete_entry(self, clerk, person):
        entry = EntryFactory(person=person)
        services.delete_entry(clerk, entry)
        assert not Entry.objects.exists()


class TestStays:
    def test_return_not_before_leave(self, clerk, person):
        with pytest.raises(ValidationError) as exc:
            services.add_stay(clerk, person, {"left_on": date(2020, 5, 2), "returned_on": date(2020, 5, 1)})
        assert "returned_on" in exc.value.message_dict
        services.add_stay(clerk, person, {"left_on": date(2020, 5, 2), "returned_on": date(2020, 5, 2)})

    def test_overlap_rejected_leaving_on_return_day_ok(self, clerk, person):
        StayAbroadFactory(person=person, left_on=date(2019, 7, 1), returned_on=date(2019, 7, 21))
        with pytest.raises(ValidationError) as exc:
            services.add_stay(clerk, person, {"left_on": date(2019, 7, 20), "returned_on": date(2019, 8, 1)})
        assert "01.07.2019 bis 21.07.2019" in exc.value.messages[0]
        services.add_stay(clerk, person, {"left_on": date(2019, 7, 21), "returned_on": date(2019, 8, 1)})

    def test_open_stay_blocks_later_stays(self, clerk, person):
        StayAbroadFactory(person=person, left_on=date(2023, 1, 1), returned_on=None)
        with pytest.raises(ValidationError):
            services.add_stay(clerk, person, {"left_on": date(2023, 6, 1), "returned_on": date(2023, 6, 5)})

    def test_delete_stay_and_lotse_denied(self, clerk, person, user_factory):
        stay = StayAbroadFactory(person=person)
        with pytest.raises(PermissionDenied):
            services.delete_stay(user_factory(Role.INTEGRATIONSLOTSE), stay)
        services.delete_stay(clerk, stay)
        assert not StayAbroad.objects.exists()
