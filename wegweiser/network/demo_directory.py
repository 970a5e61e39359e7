"""A fictional network directory for the fictional Kreis Beispielstadt (demo and tests only).

All names, addresses, phone numbers and e-mail addresses are invented (example.org domains, "0000" numbers);
none describes a real organisation. Seeding is idempotent (entries are found again by name) and refuses to
mix demo entries into a directory that already holds other entries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from .models import Contact, Organisation, OrganisationKind

K = OrganisationKind
DOMAIN = "beispielstadt.example.org"
WEEKDAYS = "Mo–Do 9–12 Uhr und 14–16 Uhr, Fr 9–12 Uhr"


@dataclass(frozen=True)
class DemoContact:
    name: str
    function: str
    languages: tuple[str, ...]
    account: str = ""  # username of a demo account (see wegweiser.demo.accounts)


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    kind: str
    languages: tuple[str, ...]
    topics: tuple[str, ...]
    street: str
    mailbox: str
    description: str
    opening_hours: str = WEEKDAYS
    active: bool = True
    contacts: tuple[DemoContact, ...] = field(default_factory=tuple)


ORGANISATIONS: tuple[DemoOrganisation, ...] = (
    DemoOrganisation(
        "Kommunales Integrationszentrum Kreis Beispielstadt", K.KOMMUNALES_INTEGRATIONSZENTRUM,
        ("de", "en", "ar", "tr"), ("sprache", "schule", "ausbildung", "familie", "ehrenamt"),
        "Am Kreishaus 3", "ki",
        "Koordiniert Integrationsangebote im Kreis, berät Familien zu Schule und Kita und vermittelt in Sprachkurse.",
        contacts=(DemoContact("Miriam Falk", "Bildungsberatung", ("de", "en")),
                  DemoContact("Kerem Aydın", "Seiteneinsteigerberatung Schule", ("de", "tr"))),
    ),
    DemoOrganisation(
        "KIM-Fallmanagement Kreis Beispielstadt (fiktiv)", K.KIM_FALLMANAGEMENT,
        ("de", "en", "ar", "fa", "ru"), ("aufenthalt_beratung", "arbeit", "ausbildung", "wohnen", "familie"),
        "Am Kreishaus 3", "kim",
        "Rechtskreisübergreifendes Fallmanagement: begleitet Menschen mit komplexen Anliegen über Ämter hinweg.",
        contacts=(DemoContact("Lena Brandt", "Fallmanagerin", ("de", "en", "ru"), account="kim"),),
    ),
    DemoOrganisation(
        "Migrationsberatung für Erwachsene im Sozialwerk Beispielstadt", K.MBE,
        ("de", "en", "ar", "fa", "kmr"), ("aufenthalt_beratung", "sprache", "arbeit", "familie", "wohnen"),
        "Lindenweg 12", "mbe",
        "Beratung für Zugewanderte ab 27 Jahren: Integrationskurs, Arbeit, Anerkennung, Alltag. Kostenlos und "
        "vertraulich.",
        contacts=(DemoContact("Samira Haddad", "Beraterin MBE", ("de", "ar", "en"), account="beratung"),),
    ),
    DemoOrganisation(
        "Jugendmigrationsdienst Beispielstadt", K.JMD, ("de", "en", "uk", "ru", "ar"),
        ("schule", "ausbildung", "sprache", "arbeit", "familie"), "Schulstraße 5", "jmd",
        "Begleitet junge Menschen von 12 bis 26 Jahren bei Schule, Ausbildung und Beruf.",
        opening_hours="Mo–Fr 10–16 Uhr, Di bis 18 Uhr",
        contacts=(DemoContact("Olena Koval", "Beraterin JMD", ("de", "uk", "ru")),),
    ),
    DemoOrganisation(
        "Flüchtlingsberatung im Beratungshaus Beispielstadt", K.FLUECHTLINGSBERATUNG,
        ("de", "en", "ar", "fa", "ps", "ti"), ("aufenthalt_beratung", "rueckkehr", "gesundheit", "wohnen", "familie"),
        "Lindenweg 14", "fluechtlingsberatung",
        "Unabhängige Beratung zu Asylverfahren, Duldung und Wegen zu einem Aufenthaltsrecht.",
        contacts=(DemoContact("Jonas Reuter", "Verfahrensberatung", ("de", "en", "fa")),),
    ),
    DemoOrganisation(
        "Flüchtlingshilfe Beispielstadt e. V. (fiktiv)", K.EHRENAMT, ("de", "ar", "fa", "uk", "fr"),
        ("ehrenamt", "sprache", "wohnen", "familie"), "Marktplatz 7", "fluechtlingshilfe",
        "Ehrenamtliche begleiten zu Terminen, helfen bei Wohnungssuche und Formularen, Sprachcafé jeden Mittwoch.",
        opening_hours="Mi 15–18 Uhr (Sprachcafé), sonst nach Vereinbarung",
        contacts=(DemoContact("Petra Lindner", "Koordination Ehrenamt", ("de", "fr"), account="unterstuetzung"),),
    ),
    DemoOrganisation(
        "Studentische Rechtsberatung Beispielstadt e. V.", K.RECHTSBERATUNG, ("de", "en", "fr", "ar"),
        ("rechtsberatung", "aufenthalt_beratung"), "Universitätsallee 20", "rechtsberatung",
        "Kostenlose Rechtsberatung im Aufenthalts- und Asylrecht unter Aufsicht von Volljuristinnen.",
        opening_hours="Do 16–19 Uhr, Termin per E-Mail",
    ),
    DemoOrganisation(
        "Sprachschule am Bahnhof Beispielstadt", K.SPRACHKURSTRAEGER, ("de", "en", "tr", "ru", "uk"),
        ("sprache", "arbeit"), "Bahnhofstraße 40", "sprachschule",
        "Integrationskurse (A1 bis B1), Berufssprachkurse, Prüfungen „Deutsch-Test für Zuwanderer“ und "
        "„Leben in Deutschland“.",
        opening_hours="Mo–Fr 8–17 Uhr",
    ),
    DemoOrganisation(
        "Volkshochschule Kreis Beispielstadt", K.SPRACHKURSTRAEGER, ("de",),
        ("sprache", "schule", "ausbildung"), "Am Kreishaus 9", "vhs",
        "Deutschkurse für alle Niveaus; Kurse zum Nachholen von Schulabschlüssen.",
    ),
    DemoOrganisation(
        "Jobcenter Kreis Beispielstadt", K.JOBCENTER, ("de", "en", "ar", "tr", "uk"),
        ("arbeit", "ausbildung", "sprache"), "Gewerbering 2", "jobcenter",
        "Leistungen nach dem SGB II, Vermittlung in Arbeit und Ausbildung, Förderung von Sprachkursen.",
        opening_hours="Mo–Fr 8–12:30 Uhr, Do 14–17 Uhr",
    ),
    DemoOrganisation(
        "Agentur für Arbeit Beispielstadt", K.AGENTUR_FUER_ARBEIT, ("de", "en", "fr"),
        ("arbeit", "ausbildung"), "Gewerbering 4", "arbeitsagentur",
        "Berufsberatung, Ausbildungsvermittlung und Beratung zur Anerkennung ausländischer Abschlüsse.",
        opening_hours="Mo–Fr 8–12:30 Uhr",
    ),
    DemoOrganisation(
        "Rückkehrberatung im Sozialwerk Beispielstadt", K.SONSTIGE, ("de", "en", "ar", "fa", "ru"),
        ("rueckkehr",), "Lindenweg 12", "rueckkehrberatung",
        "Ergebnisoffene Beratung zu freiwilliger Rückkehr, Weiterwanderung und Wiedereinreise.",
    ),
    DemoOrganisation(
        "Psychosoziale Beratung für Geflüchtete Beispielstadt", K.SONSTIGE, ("de", "en", "ar", "fa"),
        ("gesundheit", "familie"), "Parkstraße 8", "psychosozial",
        "Beratung und Vermittlung von Therapie für Menschen mit belastenden Erfahrungen; mit Dolmetschenden.",
        opening_hours="Termine nach Vereinbarung",
    ),
    DemoOrganisation(
        "Ausländerrechtliche Beratungskommission Kreis Beispielstadt", K.BERATUNGSKOMMISSION, ("de",), (),
        "Am Kreishaus 1", "abk",
        "Berät über Einzelfälle, in denen ein Aufenthaltsrecht in Betracht kommt, und gibt der Ausländerbehörde "
        "eine Empfehlung. Fälle legt nur die Ausländerbehörde vor, mit Einwilligung der Person; kein Angebot für "
        "Ratsuchende.",
        opening_hours="Sitzungen einmal im Quartal; Geschäftsstelle Di 9–12 Uhr",
        contacts=(DemoContact("Dr. Johanna Berger", "Vorsitzende", ("de", "en")),
                  DemoContact("Malte Hinrichs", "Geschäftsstelle", ("de",))),
    ),
    DemoOrganisation(
        "Sprachcafé am Markt Beispielstadt (beendet)", K.EHRENAMT, ("de", "ar"), ("sprache", "ehrenamt"),
        "Marktplatz 1", "sprachcafe", "Das Angebot wurde 2025 beendet.", opening_hours="", active=False,
    ),
)

#: People without an organisation: volunteers who accompany persons on their own.
VOLUNTEERS: tuple[DemoContact, ...] = (
    DemoContact("Helga Sommer", "ehrenamtliche Patin", ("de", "en", "fr")),
    DemoContact("Tarek Mansour", "ehrenamtlicher Sprachmittler", ("de", "ar")),
)

PHONE_PREFIX = "0000 4711-"


class ForeignDirectory(Exception):
    """The directory already holds entries that are not demo entries."""


def demo_names() -> set[str]:
    return {o.name for o in ORGANISATIONS}


def _account(username: str) -> object | None:
    from wegweiser.demo.accounts import demo_users

    user = demo_users().filter(username=username).first() if username else None
    if user is None or Contact.objects.filter(account=user).exists():
        return None
    return user


def _email(local: str, mailbox: str) -> str:
    return f"{local}@{mailbox}.{DOMAIN}"


@transaction.atomic
def seed_directory() -> dict[str, int]:
    """Create or refresh the demo directory; returns the counts of organisations and contacts."""
    if foreign := Organisation.objects.exclude(name__in=demo_names()).count():
        raise ForeignDirectory(foreign)
    contacts = 0
    for number, demo in enumerate(ORGANISATIONS, start=10):
        organisation, _created = Organisation.objects.update_or_create(name=demo.name, defaults={
            "kind": demo.kind, "languages": list(demo.languages), "topics": list(demo.topics),
            "address": f"{demo.street}\n00000 Beispielstadt", "phone": f"{PHONE_PREFIX}{number}",
            "email": _email("kontakt", demo.mailbox), "website": f"https://{demo.mailbox}.{DOMAIN}",
            "opening_hours": demo.opening_hours, "description": demo.description, "active": demo.active,
        })
        for index, person in enumerate(demo.contacts, start=1):
            _contact(organisation, person, _email(person.name.split()[0].lower(), demo.mailbox),
                     f"{PHONE_PREFIX}{number}{index}")
            contacts += 1
    for index, person in enumerate(VOLUNTEERS, start=1):
        _contact(None, person, _email(person.name.split()[0].lower(), "ehrenamt"), f"{PHONE_PREFIX}9{index}")
        contacts += 1
    return {"organisations": len(ORGANISATIONS), "contacts": contacts}


def _contact(organisation: Organisation | None, demo: DemoContact, email: str, phone: str) -> Contact:
    contact, _created = Contact.objects.update_or_create(organisation=organisation, name=demo.name, defaults={
        "function": demo.function, "languages": list(demo.languages), "email": email, "phone": phone,
        "active": True,
    })
    if contact.account_id is None and (user := _account(demo.account)) is not None:
        contact.account = user
        contact.save(update_fields=["account"])
    return contact
