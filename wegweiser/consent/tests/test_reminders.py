"""Expiry reminders: a valid consent ending within the window is told once to the Lotse (else the recorder)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditEntry
from wegweiser.consent.models import ExpiryReminder
from wegweiser.consent.reminders import send_expiry_reminders
from wegweiser.consent.tasks import send_consent_expiry_reminders
from wegweiser.notifications.models import Notification
from wegweiser.persons.tests.factories import PersonFactory

from .samples import grant, organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorder(user_factory):
    return user_factory(Role.SACHBEARBEITUNG, username="sb-einwilligung", email="sb@example.org")


@pytest.fixture
def person(db):
    return PersonFactory(family_name_latin="Haddad", given_names_latin="Samir", file_number="AZ-E-1")


def consent_ending_in(person, recorder, days: int, **kwargs):
    today = timezone.localdate()
    consent = grant(person, to=organisation(), valid_from=today - timedelta(days=100),
                    valid_until=today + timedelta(days=days), **kwargs)
    consent.recorded_by = recorder
    consent.save()
    return consent


def test_run_twice_gives_one_notification_to_the_recorder(person, recorder):
    consent = consent_ending_in(person, recorder, 10)
    assert send_consent_expiry_reminders() == {"sent": 1}
    assert send_consent_expiry_reminders() == {"sent": 0}
    note = Notification.objects.get()
    assert note.recipient == recorder and note.person_id == person.pk
    assert note.url == reverse("consent:detail", kwargs={"pk": consent.pk})
    assert "läuft am" in note.message and consent.valid_until.strftime("%d.%m.%Y") in note.message
    assert ExpiryReminder.objects.get().consent == consent
    # The e-mail leaves the system: it says only that something waits, never the person's name.
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["sb@example.org"]
    assert "Haddad" not in mail.outbox[0].body
    entry = AuditEntry.objects.get(purpose="Einwilligung: Erinnerung an den Ablauf")
    assert entry.person_id == person.pk and entry.object_id == str(consent.pk)
    assert entry.details["recipients"] == [recorder.pk]


def test_the_lotse_is_told_instead_of_the_recorder(person, recorder, user_factory):
    lotse = user_factory(Role.INTEGRATIONSLOTSE, username="lotsin")
    person.lotse = lotse
    person.save(update_fields=["lotse"])
    consent_ending_in(person, recorder, 14)
    assert send_expiry_reminders() == 1
    assert list(Notification.objects.values_list("recipient", flat=True)) == [lotse.pk]


def test_the_window_follows_the_setting(settings, person, recorder):
    consent_ending_in(person, recorder, 20)
    assert send_expiry_reminders() == 0
    settings.CONSENT_EXPIRY_REMINDER_DAYS = 21
    assert send_expiry_reminders() == 1


def test_consents_ending_later_revoked_or_expired_get_none(person, recorder):
    consent_ending_in(person, recorder, 15)  # outside the 14 days
    revoked = consent_ending_in(person, recorder, 5)
    revoked.revoked_at = timezone.now()
    revoked.save()
    today = timezone.localdate()
    expired = grant(person, to=organisation("Jobcenter"), valid_from=today - timedelta(days=30),
                    valid_until=today - timedelta(days=1))
    expired.recorded_by = recorder
    expired.save()
    pending = grant(person, to=organisation("JMD"), valid_from=today + timedelta(days=2),
                    valid_until=today + timedelta(days=5))
    pending.recorded_by = recorder
    pending.save()
    assert send_expiry_reminders() == 0
    assert not Notification.objects.exists() and not ExpiryReminder.objects.exists()


def test_a_consent_ending_today_is_still_reminded(person, recorder):
    consent_ending_in(person, recorder, 0)
    assert send_expiry_reminders() == 1


def test_nobody_left_to_tell_means_no_reminder_is_recorded(person, recorder):
    consent_ending_in(person, recorder, 3)
    recorder.role = Role.ADMINISTRATION  # may no longer see consents
    recorder.save()
    assert send_expiry_reminders() == 0
    assert not ExpiryReminder.objects.exists()


def test_the_database_refuses_a_second_reminder_for_a_consent(person, recorder):
    consent = consent_ending_in(person, recorder, 3)
    ExpiryReminder.objects.create(consent=consent, valid_until=consent.valid_until)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExpiryReminder.objects.create(consent=consent, valid_until=consent.valid_until)


def test_the_task_is_scheduled_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["consent-expiry-reminders-daily"]
    assert entry["task"] == send_consent_expiry_reminders.name
