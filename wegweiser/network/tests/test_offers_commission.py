"""The Beratungskommission is no offer to the person: the "Angebote für Sie" sheet never lists it, even when
its entry carries topics that would fit (and even when it speaks the person's language)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from wegweiser.network.models import Organisation, OrganisationKind
from wegweiser.network.services import offers
from wegweiser.network.services.offers import Profile
from wegweiser.printing.tests.pdf_helpers import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def abk(db) -> Organisation:
    return Organisation.objects.create(
        name="Ausländerrechtliche Beratungskommission Kreis Beispielstadt", kind=OrganisationKind.BERATUNGSKOMMISSION,
        languages=["de", "ar"], topics=["aufenthalt_beratung", "rechtsberatung"], address="Am Kreishaus 1",
    )


def test_select_offers_leaves_out_the_commission_although_its_topics_fit(abk, mbe):
    chosen = [o.organisation for o in offers.select_offers([abk, mbe], Profile(languages=("ar",)))]
    assert chosen == [mbe]
    # the same entry as another kind would be listed: it is the kind that keeps it off the sheet
    abk.kind = OrganisationKind.RECHTSBERATUNG
    assert abk in [o.organisation for o in offers.select_offers([abk, mbe], Profile(languages=("ar",)))]


def test_the_sheet_never_names_the_commission(lotse, person, abk, mbe):
    pdf, _meta, selected = offers.offers_pdf(lotse, person, "de")
    assert [o.organisation.pk for o in selected] == [mbe.pk]
    content = text(pdf)
    assert mbe.name in content
    assert "Beratungskommission" not in content and "Am Kreishaus 1" not in content


def test_the_demo_directory_has_a_commission_that_the_sheet_leaves_out(lotse, person):
    call_command("seed_network", stdout=StringIO())
    commission = Organisation.objects.get(kind=OrganisationKind.BERATUNGSKOMMISSION)
    assert commission.email.endswith(".example.org") and commission.contacts.count() == 2
    _pdf, _meta, selected = offers.offers_pdf(lotse, person, "de")
    assert selected and commission.pk not in {o.organisation.pk for o in selected}
