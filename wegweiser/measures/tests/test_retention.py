"""A case file with a plan of a measure ending a stay is kept: deleting it is refused with a clear message."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.core.testing import verified_client
from wegweiser.persons.models import Person

from .factories import draft_plan, family

pytestmark = pytest.mark.django_db


def test_deleting_a_person_with_a_plan_is_refused_and_nothing_is_lost(planner, lead):
    fam = family(planner.team)
    plan = draft_plan(planner, [fam.father, fam.mother, fam.child, fam.teen])
    client = verified_client(lead)
    response = client.post(reverse("persons:delete", kwargs={"pk": fam.father.pk}), follow=True)
    assert response.redirect_chain[-1][0] == reverse("persons:detail", kwargs={"pk": fam.father.pk})
    assert "kann nicht gelöscht werden" in response.content.decode()
    assert Person.objects.filter(pk=fam.father.pk).exists() and plan.plan_persons.count() == 4
    assert not AuditEntry.objects.filter(action=AuditAction.DELETE, object_type="persons.person").exists()
