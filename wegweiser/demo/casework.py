"""Positive case work in the demo: the demo Lotsin accompanies people whose stay can still be secured, and a
first screening run fills the worklists, so the quick start shows the daily tool and not empty pages."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from wegweiser.accounts.models import User
from wegweiser.persons.models import Person, ResidencePeriod
from wegweiser.screening.models import ScreeningRun
from wegweiser.screening.services.runs import RunError, start_run

#: How many files the demo Lotsin accompanies (a realistic caseload for one person).
CASELOAD = 60
LOTSIN_USERNAME = "lotsin"


def accompany(today: date, caseload: int = CASELOAD) -> int:
    """Assign the demo Lotsin to the first ``caseload`` persons (by id) holding a Duldung or a § 104c permit today."""
    lotsin = User.objects.filter(username=LOTSIN_USERNAME).first()
    if lotsin is None:
        return 0
    current = ResidencePeriod.objects.filter(valid_from__lte=today).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    chance = current.filter(Q(status="duldung") | Q(status="aufenthaltserlaubnis", legal_basis__contains="104c"))
    ids = list(chance.order_by("person_id").values_list("person_id", flat=True).distinct()[:caseload])
    return Person.objects.filter(pk__in=ids).update(lotse=lotsin)


def first_screening(today: date) -> ScreeningRun | None:
    """Screen the demo caseload once (as the nightly run would: no acting user); None while a run is active."""
    try:
        run = start_run(None, today)
    except RunError:
        return None
    run.refresh_from_db()
    return run


#: Releases from confidentiality in the demo: which external demo account gets which categories of how many
#: accompanied persons, so that the partners' pages show what a consent opens (and nothing else).
DEMO_CONSENTS: tuple[tuple[str, tuple[str, ...], int, str], ...] = (
    ("kim", ("identity", "residence", "integration", "family"), 4, "Gemeinsame Fallbegleitung im KIM"),
    ("unterstuetzung", ("identity", "integration"), 2, "Begleitung bei der Arbeitssuche"),
    ("beratung", ("identity", "residence", "integration"), 3, "Beratung zur Bleibeperspektive"),
)


def consents(today: date) -> int:
    """Consents of accompanied demo persons for the external demo accounts (signed in the office, one year).

    Runs after the network directory exists; an account without its directory contact is skipped."""
    from datetime import timedelta

    from wegweiser.consent.models import Consent, SignedHow
    from wegweiser.network.models import Contact

    lotsin = User.objects.filter(username=LOTSIN_USERNAME).first()
    persons = list(Person.objects.filter(lotse__isnull=False).order_by("pk").values_list("pk", flat=True))
    created, start = 0, 0
    for username, categories, count, purpose in DEMO_CONSENTS:
        contact = Contact.objects.filter(account__username=username).first()
        if contact is None:
            continue
        for person_id in persons[start:start + count]:
            Consent.objects.get_or_create(
                person_id=person_id, recipient_contact=contact,
                defaults={"categories": list(categories), "purpose": purpose, "valid_from": today,
                          "valid_until": today + timedelta(days=364), "signed_how": SignedHow.IN_OFFICE,
                          "signed_on": today, "recorded_by": lotsin})
            created += 1
        start += count
    return created
