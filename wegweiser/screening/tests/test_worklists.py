"""Which persons each worklist selects, at the boundaries of its rules, and the filters and sort orders."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from wegweiser.accounts.models import Team
from wegweiser.accounts.roles import Role
from wegweiser.core.partial_dates import PartialDate
from wegweiser.persons.models import Person
from wegweiser.persons.tests.factories import (
    DuldungFactory,
    NationalityFactory,
    PersonFactory,
    ResidencePeriodFactory,
)
from wegweiser.screening.models import RunStatus, ScreeningResult, ScreeningRun
from wegweiser.screening.worklists import WORKLISTS, Filters, add_months, counts, select

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 15)


def run(as_of: date = TODAY, current: bool = True) -> ScreeningRun:
    return ScreeningRun.objects.create(as_of=as_of, status=RunStatus.COMPLETED, is_current=current)


def result(run_: ScreeningRun, person: Person, pathway: str = "aufenthg_25b", outcome: str = "eligible",
           earliest: date | None = None, gaps: int = 0, achievable: int = 0) -> ScreeningResult:
    return ScreeningResult.objects.create(run=run_, person=person, pathway=pathway, outcome=outcome,
                                          earliest_date=earliest, gaps=gaps, achievable_gaps=achievable)


def selected(key: str, run_: ScreeningRun | None, filters: Filters | None = None, sort: str = "datum") -> list[Person]:
    return list(select(WORKLISTS[key], Person.objects.all(), run_, filters or Filters(), day=TODAY,
                       sort=sort).persons)


class TestRunLists:
    def test_eligible_now_reads_only_the_current_run(self):
        old, current = run(current=False), run()
        now, later, only_old = PersonFactory(), PersonFactory(), PersonFactory()
        result(current, now)
        result(current, later, outcome="eligible_later", earliest=TODAY + timedelta(days=10))
        result(old, only_old)
        assert selected("jetzt", current) == [now]

    def test_without_a_run_the_run_lists_are_empty(self):
        PersonFactory()
        for key, worklist in WORKLISTS.items():
            if worklist.uses_run and key != "104c":
                assert selected(key, None) == [], key

    @pytest.mark.parametrize(("key", "months"), [("bald-3", 3), ("bald-6", 6), ("bald-12", 12)])
    def test_horizon_includes_its_last_day_and_not_the_next(self, key, months):
        current = run()
        last = add_months(TODAY, months)
        on_edge, beyond = PersonFactory(), PersonFactory()
        result(current, on_edge, outcome="eligible_later", earliest=last)
        result(current, beyond, outcome="eligible_later", earliest=last + timedelta(days=1))
        assert selected(key, current) == [on_edge]

    def test_six_months_is_counted_in_calendar_months_from_the_runs_date(self):
        as_of = date(2026, 8, 31)
        current = run(as_of)
        person = PersonFactory()
        result(current, person, outcome="eligible_later", earliest=date(2027, 2, 28))
        assert selected("bald-6", current) == [person]
        assert selected("bald-3", current) == []

    def test_soon_lists_ignore_eligible_now(self):
        current = run()
        result(current, PersonFactory(), outcome="eligible", earliest=TODAY)
        assert selected("bald-12", current) == []

    def test_one_step_away(self):
        current = run()
        one, two, done, out_of_force = PersonFactory(), PersonFactory(), PersonFactory(), PersonFactory()
        plus_exclusion = PersonFactory()
        result(current, one, outcome="not_eligible", gaps=1, achievable=1)
        result(current, plus_exclusion, outcome="not_eligible", gaps=2, achievable=1)
        result(current, two, outcome="not_eligible", gaps=2, achievable=2)
        result(current, done, outcome="eligible", gaps=0, achievable=1)
        result(current, out_of_force, outcome="not_in_force", gaps=1, achievable=1)
        assert selected("ein-schritt", current) == [one]

    def test_duldung_with_chance(self):
        current = run()
        chance, no_chance, permit, other_way = PersonFactory(), PersonFactory(), PersonFactory(), PersonFactory()
        for person in (chance, no_chance, other_way):
            DuldungFactory(person=person, valid_from=TODAY - timedelta(days=400), valid_until=TODAY + timedelta(days=90))
        ResidencePeriodFactory(person=permit, valid_from=TODAY - timedelta(days=10))
        result(current, chance, pathway="aufenthg_60d", outcome="undetermined")
        result(current, no_chance, pathway="aufenthg_16g", outcome="not_eligible")
        result(current, permit, pathway="aufenthg_19d", outcome="eligible")
        result(current, other_way, pathway="aufenthg_25b", outcome="eligible")
        assert selected("duldung-chance", current) == [chance]
        assert selected("duldung-chance", current, Filters(pathway="aufenthg_60c")) == []
        assert selected("duldung-chance", current, Filters(pathway="aufenthg_60d")) == [chance]

    def test_duldung_must_be_current_today(self):
        current = run()
        person = PersonFactory()
        DuldungFactory(person=person, valid_from=TODAY - timedelta(days=400), valid_until=TODAY - timedelta(days=1))
        result(current, person, pathway="aufenthg_60c", outcome="eligible")
        assert selected("duldung-chance", current) == []


def _permit_104c(person: Person, until: date, basis: str = "§ 104c Abs. 1 AufenthG"):
    return ResidencePeriodFactory(person=person, legal_basis=basis, valid_from=until - timedelta(days=540),
                                  valid_until=until)


class TestResidenceLists:
    def test_104c_ending_within_six_months(self):
        edge, beyond, other_basis = PersonFactory(), PersonFactory(), PersonFactory()
        _permit_104c(edge, add_months(TODAY, 6))
        _permit_104c(beyond, add_months(TODAY, 6) + timedelta(days=1))
        _permit_104c(other_basis, TODAY + timedelta(days=30), basis="§ 25 Abs. 5 AufenthG")
        assert selected("104c", None) == [edge]

    def test_104c_without_those_who_already_meet_25a_or_25b(self):
        current = run()
        meets, open_, later = PersonFactory(), PersonFactory(), PersonFactory()
        for person in (meets, open_, later):
            _permit_104c(person, TODAY + timedelta(days=60), basis="§ 104c AufenthG")
        result(current, meets, pathway="aufenthg_25b", outcome="eligible")
        result(current, open_, pathway="aufenthg_25b", outcome="undetermined")
        result(current, later, pathway="aufenthg_25a", outcome="eligible_later", earliest=TODAY + timedelta(days=200))
        assert set(selected("104c", current)) == {open_, later}

    def test_104c_text_that_only_mentions_104c_does_not_count(self):
        _permit_104c(PersonFactory(), TODAY + timedelta(days=60), basis="Antrag nach 104c geplant")
        assert selected("104c", None) == []

    def test_expiring_within_three_months_independent_of_runs(self):
        edge, beyond, expired, open_ended = PersonFactory(), PersonFactory(), PersonFactory(), PersonFactory()
        ResidencePeriodFactory(person=edge, valid_from=TODAY - timedelta(days=300), valid_until=add_months(TODAY, 3))
        ResidencePeriodFactory(person=beyond, valid_from=TODAY - timedelta(days=300),
                               valid_until=add_months(TODAY, 3) + timedelta(days=1))
        ResidencePeriodFactory(person=expired, valid_from=TODAY - timedelta(days=300), valid_until=TODAY - timedelta(days=1))
        ResidencePeriodFactory(person=open_ended, valid_from=TODAY - timedelta(days=300), valid_until=None)
        assert selected("ablaufend", None) == [edge]
        assert selected("ablaufend", run()) == [edge]

    def test_expiring_today_counts(self):
        person = PersonFactory()
        DuldungFactory(person=person, valid_from=TODAY - timedelta(days=100), valid_until=TODAY)
        assert selected("ablaufend", None) == [person]

    def test_recorded_continuation_takes_a_person_off_the_list(self):
        renewed, gap = PersonFactory(), PersonFactory()
        end = TODAY + timedelta(days=20)
        for person in (renewed, gap):
            ResidencePeriodFactory(person=person, valid_from=TODAY - timedelta(days=300), valid_until=end)
        ResidencePeriodFactory(person=renewed, valid_from=end + timedelta(days=1), valid_until=end + timedelta(days=700))
        ResidencePeriodFactory(person=gap, valid_from=end + timedelta(days=30), valid_until=end + timedelta(days=700))
        assert selected("ablaufend", None) == [gap]

    def test_fiktion_on_the_last_day_continues_the_title(self):
        person = PersonFactory()
        end = TODAY + timedelta(days=20)
        ResidencePeriodFactory(person=person, valid_from=TODAY - timedelta(days=300), valid_until=end)
        ResidencePeriodFactory(person=person, status="fiktionsbescheinigung", legal_basis="§ 81 Abs. 4 AufenthG",
                               valid_from=end, valid_until=None)
        assert selected("ablaufend", None) == []


class TestFilters:
    @pytest.fixture
    def current(self):
        return run()

    def _eligible(self, current, **person):
        p = PersonFactory(**person)
        result(current, p)
        return p

    def test_team_and_without_team(self, current):
        team2 = Team.objects.create(name="Team 2")
        one, two, none = (self._eligible(current), self._eligible(current, team=team2),
                          self._eligible(current, team=None))
        assert selected("jetzt", current, Filters(team=str(team2.pk))) == [two]
        assert selected("jetzt", current, Filters(team="none")) == [none]
        assert one in selected("jetzt", current)

    def test_lotse_and_nobody(self, current, user_factory):
        lotse = user_factory(Role.INTEGRATIONSLOTSE)
        assigned, free = self._eligible(current, lotse=lotse), self._eligible(current)
        assert selected("jetzt", current, Filters(lotse=str(lotse.pk))) == [assigned]
        assert selected("jetzt", current, Filters(lotse="none")) == [free]

    def test_nationality_without_duplicates(self, current):
        syrian, ukrainian = self._eligible(current), self._eligible(current)
        NationalityFactory(person=syrian, code="SY")
        NationalityFactory(person=syrian, code="TR")
        NationalityFactory(person=ukrainian, code="UA")
        assert selected("jetzt", current, Filters(nationality="SY")) == [syrian]

    def test_one_person_once_with_several_pathways(self, current):
        person = self._eligible(current)
        result(current, person, pathway="aufenthg_25a")
        assert selected("jetzt", current) == [person]

    @pytest.mark.parametrize(("birth", "band"), [
        (date(2012, 3, 15), "14-17"),  # 14th birthday today
        (date(2012, 3, 16), "unter-14"),  # tomorrow
        (date(2008, 3, 15), "18-20"),
        (date(2005, 3, 16), "18-20"),  # 21 tomorrow
        (date(2005, 3, 15), "21-26"),
        (date(1999, 3, 16), "21-26"),  # 27 tomorrow
        (date(1999, 3, 15), "ab-27"),
    ])
    def test_age_band_boundaries(self, current, birth, band):
        person = self._eligible(current, birth_date=PartialDate.from_date(birth))
        for key in ("unter-14", "14-17", "18-20", "21-26", "ab-27"):
            assert (selected("jetzt", current, Filters(age=key)) == [person]) == (key == band), key

    def test_unknown_day_and_month_count_as_first_of_january(self, current):
        person = self._eligible(current, birth_date=PartialDate(2012))  # 01.01.2012 at the earliest: 14
        assert selected("jetzt", current, Filters(age="14-17")) == [person]
        self._eligible(current, birth_date=None)
        assert selected("jetzt", current, Filters(age="unter-14")) == []

    def test_pathway(self, current):
        a, b = PersonFactory(), PersonFactory()
        result(current, a, pathway="aufenthg_25a")
        result(current, b, pathway="stag_10")
        assert selected("jetzt", current, Filters(pathway="stag_10")) == [b]


class TestSortAndCounts:
    def test_sort_by_name_date_and_file_number(self):
        current = run()
        anna = PersonFactory(family_name="Zeta", family_name_latin="Abadi", given_names="Anna", file_number="AZ-3")
        omar = PersonFactory(family_name="Nour", given_names="Omar", file_number="AZ-1")
        lina = PersonFactory(family_name="Yilmaz", given_names="Lina", file_number="AZ-2")
        for person, days in ((anna, 50), (omar, 10), (lina, 30)):
            result(current, person, outcome="eligible_later", earliest=TODAY + timedelta(days=days))
        assert selected("bald-3", current, sort="name") == [anna, omar, lina]  # Latin transcription first
        assert selected("bald-3", current, sort="-name") == [lina, omar, anna]
        assert selected("bald-3", current, sort="datum") == [omar, lina, anna]
        assert selected("bald-3", current, sort="-datum") == [anna, lina, omar]
        assert selected("bald-3", current, sort="aktenzeichen") == [omar, lina, anna]
        assert selected("bald-3", current, sort="-aktenzeichen") == [anna, lina, omar]

    def test_counts_per_list(self):
        current = run()
        person = PersonFactory()
        result(current, person, outcome="eligible_later", earliest=TODAY + timedelta(days=100))
        numbers = counts(Person.objects.all(), current, Filters(), day=TODAY)
        assert numbers["bald-3"] == 0 and numbers["bald-6"] == 1 and numbers["bald-12"] == 1
        assert numbers["jetzt"] == 0
