"""Country and language codes with display names in the active language."""

import pycountry
import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from wegweiser.accounts.roles import Role
from wegweiser.persons import codes
from wegweiser.persons.services.person import create_person


def test_country_names_follow_the_language():
    with translation.override("de"):
        assert codes.country_name("SY") == "Syrien"
        assert codes.country_name("XX") == "staatenlos" and codes.country_name("XU") == "ungeklärt"
        assert codes.country_name("SUHH").startswith("UdSSR")
    with translation.override("en"):
        assert codes.country_name("SY") == "Syria"
    assert codes.country_name("QQ") == "QQ"  # unknown codes are shown, not hidden


def test_kosovo_is_offered_under_its_user_assigned_code():
    assert codes.is_country("XK")
    with translation.override("de"):
        assert codes.country_name("XK") == "Kosovo"
        assert ("XK", "Kosovo") in codes.nationality_choices()
    with translation.override("en"):
        assert codes.country_name("XK") == "Kosovo"


def test_language_names_and_choices():
    with translation.override("de"):
        assert codes.language_name("ar") == "Arabisch"
        choices = dict(codes.language_choices())
        assert "prs" in choices and "ar" in choices  # 639-3 extras next to 639-1
    assert codes.is_language("prs") and codes.is_language("de")
    assert not codes.is_language("AR") and not codes.is_language("qqq")


def test_nationality_choices_put_special_markers_first():
    with translation.override("de"):
        choices = codes.nationality_choices()
    assert [c for c, _label in choices[:2]] == [codes.STATELESS, codes.UNCLEAR]
    assert len(choices) == 2 + len(pycountry.countries) + 1  # + Kosovo (XK)


@pytest.mark.django_db
def test_birth_country_may_be_a_former_state_but_not_made_up(user_factory):
    clerk = user_factory(Role.SACHBEARBEITUNG)
    data = {"file_number": "AZ-1", "family_name": "Petrenko"}
    assert create_person(clerk, {**data, "birth_country": "suhh"}, [], []).birth_country == "SUHH"
    with pytest.raises(ValidationError) as exc:
        create_person(clerk, {**data, "file_number": "AZ-2", "birth_country": "ZZ"}, [], [])
    assert "birth_country" in exc.value.message_dict
