"""Notifications: the service, the own-only list and marking read, the header count."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from wegweiser.accounts.models import Team
from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.core.testing import make_user, verified_client
from wegweiser.notifications.models import Notification
from wegweiser.notifications.services import mark_all_read, notify, unread_count
from wegweiser.persons.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    team, _ = Team.objects.get_or_create(name="Team 1")
    return Person.objects.create(file_number="AZ-N", family_name="Muster", given_names="Eva", team=team)


def test_notify_stores_without_mail_by_default():
    user = make_user(Role.INTEGRATIONSLOTSE, email="lotsin@example.org")
    notification = notify(user, message="Zielvereinbarung fällig", url="/ziele/1/")
    assert notification.recipient == user and notification.read_at is None
    assert mail.outbox == []


def test_notify_sends_mail_with_text_when_no_person():
    user = make_user(Role.INTEGRATIONSLOTSE, email="lotsin@example.org")
    notify(user, message="Der Abgleich ist fertig.", send_email=True)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lotsin@example.org"]
    assert "Der Abgleich ist fertig." in mail.outbox[0].body


def test_mail_about_a_person_does_not_carry_the_text(person):
    user = make_user(Role.INTEGRATIONSLOTSE, email="lotsin@example.org")
    notify(user, message="Ziel von Eva Muster ist überfällig", person=person, send_email=True)
    assert len(mail.outbox) == 1
    assert "Muster" not in mail.outbox[0].body and "Muster" not in mail.outbox[0].subject


def test_no_mail_without_address():
    user = make_user(Role.INTEGRATIONSLOTSE, email="")
    notify(user, message="Hinweis", send_email=True)
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=user).count() == 1


def test_mail_failure_keeps_the_notification(monkeypatch):
    user = make_user(Role.INTEGRATIONSLOTSE, email="lotsin@example.org")

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("wegweiser.notifications.services.delivery.send_mail", broken)
    notify(user, message="Hinweis", send_email=True)
    assert Notification.objects.filter(recipient=user).count() == 1


@pytest.mark.parametrize("url", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "ziele/1/"])
def test_only_local_links(url):
    user = make_user(Role.INTEGRATIONSLOTSE)
    with pytest.raises(ValueError):
        notify(user, message="Hinweis", url=url)


def test_list_shows_own_newest_first_with_unread_text():
    user = make_user(Role.INTEGRATIONSLOTSE)
    other = make_user(Role.INTEGRATIONSLOTSE)
    first = notify(user, message="Erste Nachricht")
    notify(user, message="Zweite Nachricht", url="/ziele/7/")
    notify(other, message="Fremde Nachricht")
    first.read_at = first.created_at
    first.save()
    response = verified_client(user).get(reverse("notifications:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Fremde Nachricht" not in html
    assert html.index("Zweite Nachricht") < html.index("Erste Nachricht")
    assert "ungelesen" in html and 'href="/ziele/7/"' in html
    assert "1 ungelesene Benachrichtigung" in html
    entry = AuditEntry.objects.filter(action=AuditAction.VIEW, actor_id=user.pk).last()
    assert entry.person_id is None and entry.object_type == "notifications.notification"


def test_mark_one_read_and_foreign_is_not_found():
    user = make_user(Role.INTEGRATIONSLOTSE)
    other = make_user(Role.SACHBEARBEITUNG)
    own = notify(user, message="Eigene")
    foreign = notify(other, message="Fremde")
    client = verified_client(user)
    response = client.post(reverse("notifications:read"), {"notification": foreign.pk})
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.read_at is None
    response = client.post(reverse("notifications:read"), {"notification": own.pk})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.read_at is not None


def test_mark_read_rejects_bad_input_with_message():
    user = make_user(Role.INTEGRATIONSLOTSE)
    response = verified_client(user).post(reverse("notifications:read"), {"notification": "abc"}, follow=True)
    assert "Bitte wählen Sie eine Benachrichtigung aus." in response.content.decode()


def test_mark_all_read_only_touches_own():
    user = make_user(Role.INTEGRATIONSLOTSE)
    other = make_user(Role.SACHBEARBEITUNG)
    notify(user, message="a")
    notify(user, message="b")
    notify(other, message="c")
    response = verified_client(user).post(reverse("notifications:read"), {"all": "1"})
    assert response.status_code == 302
    assert unread_count(user) == 0 and unread_count(other) == 1
    assert mark_all_read(user) == 0


def test_header_shows_unread_count_as_text():
    user = make_user(Role.SACHBEARBEITUNG)
    client = verified_client(user)
    assert "Benachrichtigungen (" not in client.get(reverse("persons:search")).content.decode()
    notify(user, message="a")
    notify(user, message="b")
    html = client.get(reverse("persons:search")).content.decode()
    assert "Benachrichtigungen (2 ungelesen)" in html


def test_external_roles_have_no_notifications():
    user = make_user(Role.KIM_FALLMANAGEMENT)
    client = verified_client(user)
    assert client.get(reverse("notifications:list")).status_code == 403
