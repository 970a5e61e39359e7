"""Follow-up reminders: the newest protocol's follow-up date, told to its author and the Lotse, once."""

from __future__ import annotations

from datetime import date

import pytest

from wegweiser.accounts.roles import Role
from wegweiser.counselling.models import Protocol
from wegweiser.counselling.tasks import send_counselling_follow_ups
from wegweiser.notifications.models import Notification

from .samples import draft

pytestmark = pytest.mark.django_db


def test_due_follow_up_is_told_once_to_author_and_lotse(case_worker, person, user_factory):
    lotse = user_factory(Role.INTEGRATIONSLOTSE, username="lotsin")
    person.lotse = lotse
    person.save(update_fields=["lotse"])
    protocol = draft(case_worker, person)
    Protocol.objects.filter(pk=protocol.pk).update(follow_up_on=date(2026, 3, 9))
    assert send_counselling_follow_ups() == {"sent": 1}
    assert set(Notification.objects.values_list("recipient", flat=True)) == {case_worker.pk, lotse.pk}
    assert "Wiedervorlage" in Notification.objects.first().message
    assert send_counselling_follow_ups() == {"sent": 0}


def test_a_later_protocol_replaces_the_earlier_follow_up(case_worker, person):
    earlier = draft(case_worker, person)
    Protocol.objects.filter(pk=earlier.pk).update(follow_up_on=date(2026, 3, 9))
    draft(case_worker, person, held_on=date(2026, 3, 10))  # no follow-up: nothing is due
    assert send_counselling_follow_ups() == {"sent": 0}
    assert not Notification.objects.exists()
