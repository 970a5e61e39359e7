"""The lottery's pages: staff open, inspect and draw rounds; the public enters in its own language."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditEntry

from ..models import BookingSettings, LotteryEntry, LotteryRound, RoundStatus
from ..services import bot_defence, lottery
from .factories import MONDAY, office

pytestmark = pytest.mark.django_db


def _open_round(*, closed: bool = False) -> LotteryRound:
    _, s = office(today=MONDAY)
    BookingSettings.objects.filter(pk=1).update(attempts_per_hour=30000)
    now = timezone.now()
    opens, closes = (now - timedelta(days=2), now - timedelta(hours=1)) if closed else (now - timedelta(hours=1),
                                                                                          now + timedelta(days=1))
    return lottery.open_round(service=s, opens_at=opens, closes_at=closes, first_day=MONDAY, last_day=MONDAY)


def _entry(**values) -> dict:
    return {"name": "Amal Beispiel", "email": "amal@example.org", "data_notice": "on", "website": "",
            "stamp": bot_defence.stamp(time.time() - 60), **values}


# --- staff -----------------------------------------------------------------------------------------------


def test_a_round_is_opened_from_the_form_and_bad_input_keeps_what_was_typed(role_client):
    _, s = office(today=MONDAY)
    _, client = role_client(Role.TEAMLEITUNG)
    url = reverse("appointments:lottery_create")
    bad = {"service": str(s.pk), "opens_at": "2027-02-20T12:00", "closes_at": "2027-02-01T08:00",
           "first_day": "2027-03-01", "last_day": "2027-03-01"}
    response = client.post(url, bad)
    assert response.status_code == 400
    assert "Das Ende der Anfragefrist muss nach ihrem Beginn liegen." in response.content.decode()
    assert 'value="2027-02-20T12:00"' in response.content.decode()
    response = client.post(url, {**bad, "opens_at": "2027-02-01T08:00", "closes_at": "2027-02-20T12:00"})
    r = LotteryRound.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("appointments:lottery_detail",
                                                                            kwargs={"pk": r.pk})
    assert lottery.reserved_count(r) == 16


def test_a_round_without_free_slots_is_explained_on_the_form(role_client):
    _, s = office(today=MONDAY)
    _, client = role_client(Role.ADMINISTRATION)
    response = client.post(reverse("appointments:lottery_create"), {
        "service": str(s.pk), "opens_at": "2027-02-01T08:00", "closes_at": "2027-03-10T12:00",
        "first_day": "2027-03-01", "last_day": "2027-03-01"})
    assert response.status_code == 400 and "keine freien Zeitfenster" in response.content.decode()
    assert not LotteryRound.objects.exists()


def test_draw_now_shows_ranks_and_the_check_but_no_names_and_is_not_repeated(role_client):
    r = _open_round()
    for i in range(20):
        lottery.enter(r, name=f"Name{i}", email=f"p{i}@example.org")
    LotteryRound.objects.filter(pk=r.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    user, client = role_client(Role.TEAMLEITUNG)
    detail = reverse("appointments:lottery_detail", kwargs={"pk": r.pk})
    assert "Jetzt verlosen" in client.get(detail).content.decode()
    response = client.post(reverse("appointments:lottery_draw", kwargs={"pk": r.pk}), follow=True)
    page = response.content.decode()
    assert "Verlost: 16 Termine vergeben, 4 Anfragen ohne Termin" in page
    assert "Nachgeprüft" in page and "Name1" not in page and "example.org" not in page
    r.refresh_from_db()
    assert r.status == RoundStatus.DRAWN and r.seed in page
    response = client.post(reverse("appointments:lottery_draw", kwargs={"pk": r.pk}), follow=True)
    assert "schon verlost" in response.content.decode()
    assert AuditEntry.objects.filter(object_type="appointments.lotteryround", object_id=str(r.pk),
                                     action="view", actor_id=user.pk).exists()


def test_draw_now_is_refused_while_the_window_is_open(role_client):
    r = _open_round()
    _, client = role_client(Role.ADMINISTRATION)
    response = client.post(reverse("appointments:lottery_draw", kwargs={"pk": r.pk}), follow=True)
    assert "Die Anfragefrist läuft noch" in response.content.decode()
    r.refresh_from_db()
    assert r.status == RoundStatus.COLLECTING


def test_the_list_shows_requests_and_reserved_slots(role_client):
    r = _open_round()
    lottery.enter(r, name="A", email="a@example.org")
    _, client = role_client(Role.TEAMLEITUNG)
    page = client.get(reverse("appointments:lottery_list")).content.decode()
    assert f"Runde {r.pk}" in page and "<td class=\"kern-table__cell\">16</td>" in page


# --- public ----------------------------------------------------------------------------------------------


def test_the_form_speaks_the_language_of_the_url_right_to_left_where_needed(client):
    r = _open_round()
    page = client.get(reverse("booking:lottery_enter", kwargs={"lang": "ar", "pk": r.pk})).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert 'lang="ar"' in page and "تمديد تصريح الإقامة" in page  # the service name in Arabic
    assert client.get(reverse("booking:lottery_enter", kwargs={"lang": "xx", "pk": r.pk})).status_code == 404


def test_an_entry_is_taken_once_per_address_with_the_same_confirmation(client):
    r = _open_round()
    url = reverse("booking:lottery_enter", kwargs={"lang": "en", "pk": r.pk})
    done = reverse("booking:lottery_entered", kwargs={"lang": "en", "pk": r.pk})
    assert client.post(url, _entry())["Location"] == done
    assert client.post(url, _entry(email="AMAL@example.org", name="Someone else"))["Location"] == done
    entry = LotteryEntry.objects.get()
    assert (entry.name, entry.language) == ("Amal Beispiel", "en")
    assert client.get(done).status_code == 200


def test_a_bot_filling_the_hidden_field_gets_the_confirmation_but_no_entry(client):
    r = _open_round()
    response = client.post(reverse("booking:lottery_enter", kwargs={"lang": "de", "pk": r.pk}),
                           _entry(website="http://spam.example"))
    assert response.status_code == 302 and not LotteryEntry.objects.exists()


def test_bad_input_is_explained_and_what_was_typed_stays(client):
    r = _open_round()
    url = reverse("booking:lottery_enter", kwargs={"lang": "de", "pk": r.pk})
    response = client.post(url, _entry(data_notice="", email="kein-at-zeichen"))
    page = response.content.decode()
    assert response.status_code == 400 and not LotteryEntry.objects.exists()
    assert "Bitte prüfen Sie die E-Mail-Adresse" in page and "Hinweise zum Datenschutz" in page
    assert 'value="Amal Beispiel"' in page and 'aria-invalid="true"' in page
    too_fast = client.post(url, _entry(stamp=bot_defence.stamp()))
    assert too_fast.status_code == 400 and "noch einmal." in too_fast.content.decode()
    assert not LotteryEntry.objects.exists()


def test_a_closed_round_takes_no_more_entries(client):
    r = _open_round(closed=True)
    url = reverse("booking:lottery_enter", kwargs={"lang": "de", "pk": r.pk})
    assert "keine Anfragen mehr" in client.get(url).content.decode()
    response = client.post(url, _entry())
    assert response.status_code == 409 and not LotteryEntry.objects.exists()
