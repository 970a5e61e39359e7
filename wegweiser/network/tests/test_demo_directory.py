"""The fictional demo directory: idempotent, tied to the demo accounts, never mixed with real entries."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from wegweiser.network.demo_directory import ORGANISATIONS, VOLUNTEERS
from wegweiser.network.models import Contact, Organisation

pytestmark = pytest.mark.django_db


def test_seed_network_is_idempotent_and_fictional():
    out = StringIO()
    call_command("seed_network", stdout=out)
    call_command("seed_network", stdout=out)
    assert Organisation.objects.count() == len(ORGANISATIONS)
    assert Contact.objects.filter(organisation__isnull=True).count() == len(VOLUNTEERS)
    assert all(o.email.endswith(".example.org") for o in Organisation.objects.all())
    assert all(c.email.endswith(".example.org") for c in Contact.objects.all())
    assert Organisation.objects.filter(active=False).exists()  # one ended offer, to show deactivation
    assert "Organisationen" in out.getvalue()


def test_seed_network_refuses_a_directory_with_real_entries():
    Organisation.objects.create(name="Echte Beratungsstelle", kind="mbe")
    with pytest.raises(CommandError):
        call_command("seed_network", stdout=StringIO())
    assert Organisation.objects.count() == 1
