"""The ranked person search and its indexed keys (database)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wegweiser.core.partial_dates import PartialDate
from wegweiser.persons.models import Person
from wegweiser.persons.models.search_keys import PersonNameKey, SearchToken
from wegweiser.persons.search import (
    rebuild_search_keys,
    search_persons,
    update_search_fields,
)

pytestmark = pytest.mark.django_db


def make(file_number, family, given="", *, family_latin="", given_latin="", birth_name="", birth=None):
    person = Person(file_number=file_number, family_name=family, given_names=given,
                    family_name_latin=family_latin, given_names_latin=given_latin, birth_name=birth_name,
                    birth_date=PartialDate.parse(birth) if birth else None)
    update_search_fields(person)
    person.save()
    return person


@pytest.fixture
def people():
    """A small register with the usual difficulties, plus look-alikes that must rank lower."""
    return {
        "mohammed": make("AZ-1001", "الحسن", "محمد", family_latin="Al-Hassan", given_latin="Mohammed",
                         birth="14.03.1990"),
        "mahmoud": make("AZ-1002", "Al-Hassan", "Mahmoud", birth="02.07.1985"),
        "ahmed": make("AZ-1003", "Hassan", "Ahmed", birth="00.00.1990"),
        "yusuf": make("AZ-1004", "Demir", "Yusuf", birth="01.01.2001"),
        "hussein": make("AZ-1005", "Karimi", "Hussein", birth="00.05.1979"),
        "olena": make("AZ-1006", "Шевченко", "Олена", family_latin="Shevchenko", given_latin="Olena",
                      birth="23.08.1995"),
        "fatima": make("AZ-1007", "الزين", "فاطمة"),  # recorded in Arabic script only
        "ahmad": make("AZ-1008", "Rahimi", "Ahmad", birth="10.10.1988"),
        "schneider": make("AZ-1009", "Schneider", "Anna-Lena", birth_name="Müller-Lüdenscheidt",
                          birth="05.06.1970"),
        "abdulrahman": make("az-1010", "Abdul Rahman", "Omar"),
        "hassani": make("AZ-1011", "Hassani", "Mohamad", birth="14.03.1990"),
    }


def first(query, **kwargs):
    hits = search_persons(Person.objects.all(), query, **kwargs)
    assert hits, f"no hit for {query!r}"
    return hits[0]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # transliterations
        ("Mohammed Al-Hassan", "mohammed"),
        ("Muhammad Al-Hassan", "mohammed"),
        ("Mohamad el Hassan", "mohammed"),
        ("Mohamed Alhassan", "mohammed"),
        ("Muhammed Hasan", "mohammed"),
        ("Youssef Demir", "yusuf"),
        ("Jusuf Demir", "yusuf"),
        ("Yusuf Demir", "yusuf"),
        ("Husain Karimi", "hussein"),
        ("Hussain Karimi", "hussein"),
        ("Elena Shevchenko", "olena"),
        ("Olena Schewtschenko", "olena"),
        ("Алёна Шевченко", "olena"),
        ("Fatima Al-Zein", "fatima"),
        ("Fatma Elzein", "fatima"),
        ("Abdulrahman Omar", "abdulrahman"),
        ("Omar Abdel Rahman", "abdulrahman"),
        # original script <-> Latin
        ("محمد الحسن", "mohammed"),
        ("أحمد رحيمي", "ahmad"),
        ("Олена Шевченко", "olena"),
        ("Мухаммед Аль-Хасан", "mohammed"),
        # name order swapped
        ("Al-Hassan Mohammed", "mohammed"),
        ("Demir, Yusuf", "yusuf"),
        # typos: one letter wrong, swapped, missing, extra, first letter wrong
        ("Schbeider", "schneider"),
        ("Schnieder", "schneider"),
        ("Schneier", "schneider"),
        ("Schneidder", "schneider"),
        ("Xchneider", "schneider"),
        ("Karmi Hussein", "hussein"),
        ("Yusfu Demir", "yusuf"),
        ("Mohammed Al-Hassna", "mohammed"),
        # birth name and parts of double names
        ("Müller-Lüdenscheidt", "schneider"),
        ("Lüdenscheidt", "schneider"),
        ("Anna Schneider", "schneider"),
        ("Lena Schneider", "schneider"),
        # names with birth date / year
        ("Hassan 14.03.1990", "mohammed"),
        ("Mohamad 14.03.1990", "hassani"),
        ("Hassan 1985", "mahmoud"),
    ],
)
def test_variants_rank_the_right_person_first(people, query, expected):
    hit = first(query)
    assert hit.person == people[expected], [
        (h.person.display_name, h.score, h.match) for h in search_persons(Person.objects.all(), query)[:5]
    ]


def test_exact_ranks_above_other_spelling_above_typo(people):
    exact = make("AZ-2001", "Bauer", "Mohammed")
    spelled = make("AZ-2002", "Bauer", "Muhammad")
    typo = make("AZ-2003", "Bauer", "Mohsmmed")
    hits = search_persons(Person.objects.filter(family_name="Bauer"), "Mohammed Bauer")
    assert [h.person for h in hits] == [exact, spelled, typo]
    assert [h.match for h in hits] == ["exact", "phonetic", "fuzzy"]


def test_transliteration_outranks_other_name_with_same_sound(people):
    hits = search_persons(Person.objects.all(), "Muhammad Al-Hassan")
    ranked = [h.person for h in hits]
    assert ranked[0] == people["mohammed"]
    assert people["mahmoud"] not in ranked or ranked.index(people["mahmoud"]) > 0


def test_arabic_script_prefers_the_name_it_spells(people):
    ranked = [h.person for h in search_persons(Person.objects.all(), "محمد")]
    assert ranked[0] == people["mohammed"]  # by its own Arabic spelling
    assert ranked.index(people["hassani"]) < ranked.index(people["mahmoud"])  # Mohamad before Mahmoud


def test_file_number_without_digits(people):
    person = make("AZ-SONDER", "Meier", "Hans")
    assert [h.person for h in search_persons(Person.objects.all(), "az-sonder")] == [person]


def test_file_number_exact_and_case_insensitive(people):
    for query in ("AZ-1001", "az-1001", " Az-1001 "):
        hits = search_persons(Person.objects.all(), query)
        assert [h.person for h in hits] == [people["mohammed"]]
        assert hits[0].match == "file_number"
    assert first("AZ-1010").person == people["abdulrahman"]  # stored in lower case
    assert search_persons(Person.objects.all(), "AZ-100") == []  # exact, not a prefix


def test_birth_date_full(people):
    hits = search_persons(Person.objects.all(), "14.03.1990")
    found = {h.person for h in hits}
    assert found == {people["mohammed"], people["hassani"], people["ahmed"]}  # ahmed: 00.00.1990
    assert hits[-1].person == people["ahmed"]
    assert hits[-1].birth_date_match == "compatible"
    assert hits[0].birth_date_match == "exact"


def test_birth_date_unknown_parts_and_year(people):
    assert {h.person for h in search_persons(Person.objects.all(), "00.05.1979")} == {people["hussein"]}
    year = {h.person for h in search_persons(Person.objects.all(), "1990")}
    assert year == {people["mohammed"], people["hassani"], people["ahmed"]}
    assert {h.person for h in search_persons(Person.objects.all(), "00.00.1990")} == year
    month = {h.person for h in search_persons(Person.objects.all(), "00.03.1990")}
    assert month == year  # 1990 with unknown month may be March


def test_date_narrows_names(people):
    hits = search_persons(Person.objects.all(), "Al-Hassan 02.07.1985")
    assert [h.person for h in hits] == [people["mahmoud"]]
    assert hits[0].birth_date_match == "exact"


def test_wrong_date_falls_back_to_names(people):
    hits = search_persons(Person.objects.all(), "Mohammed Al-Hassan 1975")
    assert hits[0].person == people["mohammed"]
    assert hits[0].birth_date_match == "different"


def test_partial_match_when_a_word_fits_nobody(people):
    hits = search_persons(Person.objects.all(), "Yusuf Demir Qwertzuiop")
    assert hits[0].person == people["yusuf"]
    assert not hits[0].complete


def test_complete_matches_hide_partial_ones(people):
    hits = search_persons(Person.objects.all(), "Yusuf Demir")
    assert [h.person for h in hits] == [people["yusuf"]]
    assert hits[0].complete and hits[0].match == "exact"


def test_prefix_of_last_word_while_typing(people):
    assert first("Schnei").person == people["schneider"]
    assert people["yusuf"] in {h.person for h in search_persons(Person.objects.all(), "Yusuf Dem")}


def test_respects_queryset_and_limit(people):
    visible = Person.objects.exclude(pk=people["mohammed"].pk)
    assert people["mohammed"] not in {h.person for h in search_persons(visible, "Mohammed Al-Hassan")}
    assert people["mohammed"] not in {h.person for h in search_persons(visible, "AZ-1001")}
    assert len(search_persons(Person.objects.all(), "1990", limit=2)) == 2
    assert search_persons(Person.objects.none(), "Mohammed") == []


@pytest.mark.parametrize("query", ["", "   ", "-", "31.02.1990", "x" * 1000, "%", "_", "' OR 1=1 --"])
def test_odd_queries_do_not_fail(people, query):
    assert isinstance(search_persons(Person.objects.all(), query), list)


def test_no_hits_for_unrelated_name(people):
    assert search_persons(Person.objects.all(), "Zyxwvutsr") == []


class TestKeys:
    def test_create_without_update_still_gets_keys(self):
        person = Person.objects.create(file_number="AZ-3001", family_name="Öztürk", given_names="Şükrü")
        person.refresh_from_db()
        assert person.search_text == "ozturk sukru"
        assert set(PersonNameKey.objects.filter(person=person).values_list("token", flat=True)) == {
            "ozturk", "sukru"}
        assert first("Oeztuerk Suekrue").person == person

    def test_rename_replaces_keys(self):
        person = make("AZ-3002", "Meier", "Hans")
        person.family_name = "Schulze"
        update_search_fields(person)
        person.save()
        assert set(person.name_keys.values_list("token", flat=True)) == {"schulze", "hans"}
        assert not any(h.complete for h in search_persons(Person.objects.all(), "Meier Hans"))
        assert first("Schulze Hans").person == person

    def test_deleting_person_deletes_keys(self):
        person = make("AZ-3003", "Meier", "Hans")
        person.delete()
        assert not PersonNameKey.objects.exists()

    def test_rebuild_for_bulk_created_persons(self):
        Person.objects.bulk_create([
            Person(file_number=f"AZ-4{i:03d}", family_name=f"Name{chr(97 + i % 26)}", given_names="Olga")
            for i in range(30)
        ])
        assert not PersonNameKey.objects.exists()
        count = rebuild_search_keys(Person.objects.all(), batch_size=7)
        assert count == 60
        assert PersonNameKey.objects.count() == 60
        assert Person.objects.filter(search_text="").count() == 0
        assert SearchToken.objects.filter(token="olga").exists()
        assert len(search_persons(Person.objects.all(), "Olga")) == 30
        assert rebuild_search_keys(Person.objects.all()) == 60  # idempotent

    def test_vocabulary_holds_all_keys(self):
        person = make("AZ-3004", "Al-Hassan", "Mohammed")
        row = SearchToken.objects.get(token="alhassan")
        assert (row.phonetic, row.skeleton, row.reversed_token) == ("0586", "586", "nassahla")
        assert set(SearchToken.objects.values_list("token", flat=True)) >= set(person.search_text.split())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="query plans are checked on SQLite")
def test_search_uses_indexes_not_table_scans(people):
    """Every statement a search runs reaches the key tables through an index."""
    with CaptureQueriesContext(connection) as captured:
        search_persons(Person.objects.all(), "Mohamad Al-Hasan 1990")
        search_persons(Person.objects.all(), "Schnei")
    key_tables = ("persons_searchtoken", "persons_personnamekey")
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            sql = query["sql"]
            if not any(t in sql for t in key_tables):
                continue
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            plan = [row[-1] for row in cursor.fetchall()]
            scans = [step for step in plan if step.startswith("SCAN") and any(t in step for t in key_tables)]
            assert not scans, (sql, plan)
