"""The "Angebote für Sie" sheet: offers of the directory that fit the person, in the person's language.

For everyone, whatever their residence status: the sheet never reads the status. It reads what makes an
offer fit: the languages the person speaks (offers in one of them come first), the age (school, training,
the Jugendmigrationsdienst up to 26 and the Migrationsberatung für Erwachsene from 27), whether the person
works now, and whether a German certificate of level B1 or higher is on file. Integration facts are read only
if the policy lets the user see them; otherwise they count as unknown, and unknown never hides an offer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import pgettext_lazy

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action, DataCategory
from wegweiser.persons.codes import language_name
from wegweiser.printing.render import PrintMeta, format_date, isolated, ltr, render_pdf
from wegweiser.printing.services.common import COMMON, bilingual

from ..models import Organisation, OrganisationKind
from ..topics import CLIENT_LABELS, Topic

TEMPLATE = "network/offers_print.html"
B1_OR_HIGHER = ("B1", "B2", "C1", "C2")
SCHOOL_AGES = (6, 17)
TRAINING_AGES = (14, 34)
WORKING_AGES = (15, 66)
#: Offers for an age group only: the JMD serves young people up to 26, the MBE adults from 27.
KIND_AGES: dict[str, tuple[int, int]] = {OrganisationKind.JMD: (12, 26), OrganisationKind.MBE: (27, 200)}
#: Kinds that are never an offer to the person: the Beratungskommission advises the office on cases the office
#: submits (with consent); nobody can go there for counselling.
NOT_OFFERS = frozenset({OrganisationKind.BERATUNGSKOMMISSION})
#: Topics that fit everyone. Return counselling is left out on purpose: the sheet is the same for every
#: status; offices that offer it still appear through their other topics.
BASE_TOPICS = frozenset({Topic.AUFENTHALT_BERATUNG, Topic.RECHTSBERATUNG, Topic.GESUNDHEIT, Topic.WOHNEN,
                         Topic.FAMILIE, Topic.EHRENAMT})

TEXTS = {
    **COMMON,
    "title": pgettext_lazy("client", "Angebote für Sie"),
    "intro": pgettext_lazy(
        "client",
        "Auf diesem Blatt stehen Beratungsstellen und Angebote im Kreis, die Ihnen helfen können. Viele "
        "Beratungsstellen beraten vertraulich und kostenlos, unabhängig von Ihrem Aufenthaltsstatus. Fragen Sie "
        "dort nach, was für Sie gilt.",
    ),
    "language_first": pgettext_lazy("client", "Stellen, die eine Ihrer Sprachen sprechen, stehen zuerst."),
    "speaks_your_language": pgettext_lazy("client", "Spricht Ihre Sprache"),
    "languages": pgettext_lazy("client", "Sprachen"),
    "topics": pgettext_lazy("client", "Themen"),
    "address": pgettext_lazy("client", "Anschrift"),
    "phone": pgettext_lazy("client", "Telefon"),
    "email": pgettext_lazy("client", "E-Mail"),
    "website": pgettext_lazy("client", "Internet"),
    "opening_hours": pgettext_lazy("client", "Öffnungszeiten"),
    "free_text_note": pgettext_lazy(
        "client", "Beschreibungen und Öffnungszeiten stehen so da, wie die Stellen sie angegeben haben (auf Deutsch)."
    ),
    "no_offers": pgettext_lazy(
        "client", "Im Verzeichnis ist zurzeit kein passendes Angebot eingetragen. Fragen Sie bitte bei der "
        "Ausländerbehörde nach.",
    ),
    "disclaimer": pgettext_lazy(
        "client",
        "Die Angaben stammen aus dem Verzeichnis der Ausländerbehörde vom oben genannten Datum. Die Angebote sind "
        "freiwillig. Bitte fragen Sie vorher nach, ob Zeiten und Angebote noch gelten.",
    ),
}

KIND_LABELS = {
    OrganisationKind.KOMMUNALES_INTEGRATIONSZENTRUM: pgettext_lazy("client", "Kommunales Integrationszentrum"),
    OrganisationKind.KIM_FALLMANAGEMENT: pgettext_lazy("client", "Fallmanagement (Kommunales Integrationsmanagement)"),
    OrganisationKind.MBE: pgettext_lazy("client", "Migrationsberatung für Erwachsene"),
    OrganisationKind.JMD: pgettext_lazy("client", "Jugendmigrationsdienst"),
    OrganisationKind.FLUECHTLINGSBERATUNG: pgettext_lazy("client", "Flüchtlingsberatung"),
    OrganisationKind.RECHTSBERATUNG: pgettext_lazy("client", "Rechtsberatung"),
    OrganisationKind.SPRACHKURSTRAEGER: pgettext_lazy("client", "Sprachkurse"),
    OrganisationKind.JOBCENTER: pgettext_lazy("client", "Jobcenter"),
    OrganisationKind.AGENTUR_FUER_ARBEIT: pgettext_lazy("client", "Agentur für Arbeit"),
    OrganisationKind.EHRENAMT: pgettext_lazy("client", "Ehrenamtliche Hilfe"),
    OrganisationKind.SONSTIGE: pgettext_lazy("client", "Weitere Angebote"),
}


@dataclass(frozen=True)
class Profile:
    """What the selection needs to know; ``None`` means unknown (and hides nothing)."""

    languages: tuple[str, ...] = ()
    age_min: int | None = None
    age_max: int | None = None
    working: bool | None = None
    german_b1: bool | None = None


@dataclass(frozen=True)
class Offer:
    organisation: Organisation
    matching_languages: tuple[str, ...]
    matching_topics: tuple[str, ...]


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _ages_meet(profile: Profile, bounds: tuple[int, int]) -> bool:
    """The person's possible ages overlap ``bounds`` (inclusive); an unknown age overlaps everything."""
    low = profile.age_min if profile.age_min is not None else 0
    high = profile.age_max if profile.age_max is not None else 200
    return low <= bounds[1] and high >= bounds[0]


def profile_for(user: Any, person: Any, on: date | None = None, extra_language: str = "") -> Profile:
    """The person's profile as of ``on``; the caller has checked PERSON_VIEW on the person."""
    on = on or timezone.localdate()
    codes = [person.letter_language] if person.letter_language else []
    codes += [lang.code for lang in person.languages.order_by("-is_native", "code")]
    if extra_language:
        codes.append(extra_language)
    # German is everyone's language in the directory; matching on it would put every office first.
    languages = tuple(dict.fromkeys(c for c in codes if c and c != "de"))
    age_min = age_max = None
    if person.birth_date is not None:
        age_min, age_max = _age(person.birth_date.latest(), on), _age(person.birth_date.earliest(), on)
    working = german_b1 = None
    if policy.may(user, Action.PERSON_VIEW, person, DataCategory.INTEGRATION):
        jobs = person.employment_facts.filter(starts_on__lte=on)
        working = any(job.ends_on is None or job.ends_on >= on for job in jobs)
        german_b1 = person.languagecertificate_facts.filter(level__in=B1_OR_HIGHER, issued_on__lte=on).exists()
    return Profile(languages=languages, age_min=age_min, age_max=age_max, working=working, german_b1=german_b1)


def topics_for(profile: Profile) -> frozenset[str]:
    topics = set(BASE_TOPICS)
    if not profile.german_b1:
        topics.add(Topic.SPRACHE)
    if _ages_meet(profile, SCHOOL_AGES):
        topics.add(Topic.SCHULE)
    if _ages_meet(profile, TRAINING_AGES):
        topics.add(Topic.AUSBILDUNG)
    if profile.working is not True and _ages_meet(profile, WORKING_AGES):
        topics.add(Topic.ARBEIT)
    return frozenset(str(t) for t in topics)


def select_offers(organisations: list[Organisation], profile: Profile) -> list[Offer]:
    """Active organisations with at least one fitting topic; those speaking one of the person's languages
    first, then by the number of fitting topics, then by name."""
    wanted = topics_for(profile)
    offers = []
    for organisation in organisations:
        if not organisation.active or organisation.kind in NOT_OFFERS:
            continue
        bounds = KIND_AGES.get(organisation.kind)
        if bounds and not _ages_meet(profile, bounds):
            continue
        topics = tuple(t for t in organisation.topics or [] if t in wanted)
        if not topics:
            continue
        languages = tuple(c for c in profile.languages if c in (organisation.languages or []))
        offers.append(Offer(organisation, languages, topics))
    offers.sort(key=lambda o: (not o.matching_languages, -len(o.matching_topics), o.organisation.name.casefold(),
                               o.organisation.pk))
    return offers


def _offer_rows(offers: list[Offer], language: str) -> list[dict[str, Any]]:
    rows = []
    with translation.override(language):
        for offer in offers:
            organisation = offer.organisation
            rows.append({
                "name": isolated(organisation.name),
                "kind": bilingual({"k": KIND_LABELS[organisation.kind]}, language)["k"]
                if organisation.kind in KIND_LABELS else None,
                "speaks": bool(offer.matching_languages),
                "languages": ", ".join(language_name(c) for c in organisation.languages or []),
                "topics": ", ".join(str(CLIENT_LABELS[Topic(t)]) for t in organisation.topics or []
                                    if t in CLIENT_LABELS),
                "address": organisation.address, "phone": ltr(organisation.phone) if organisation.phone else "",
                "email": ltr(organisation.email) if organisation.email else "",
                "website": ltr(organisation.website) if organisation.website else "",
                "opening_hours": organisation.opening_hours, "description": organisation.description,
            })
    return rows


def offers_pdf(user: Any, person: Any, language: str, on: date | None = None) -> tuple[bytes, PrintMeta, list[Offer]]:
    """Render the sheet; the caller checks PERSON_VIEW and EXPORT and audits the PDF."""
    on = on or timezone.localdate()
    profile = profile_for(user, person, on, extra_language=language)
    directory = Organisation.objects.filter(active=True).exclude(kind__in=NOT_OFFERS).order_by("name", "pk")
    offers = select_offers(list(directory), profile)
    labels = bilingual(TEXTS, language)
    number = f"ANG-{person.pk}-{on:%Y%m%d}"
    content = {
        "kind": "angebote", "number": number, "language": language, "issued_on": on,
        "person": {"name": person.display_name, "file_number": person.file_number},
        "offers": [[o.organisation.pk, o.organisation.version] for o in offers],
    }
    meta = PrintMeta(number=number, title=labels["title"]["local"], issued_on=on, content=content)
    with translation.override(language):
        issued_on = format_date(on)
    context = {
        "meta": meta, "labels": labels, "bilingual": language != "de", "offers": _offer_rows(offers, language),
        "person_name": isolated(person.display_name), "file_number": ltr(person.file_number),
        "issued_on": issued_on,
    }
    return render_pdf(TEMPLATE, context, language=language), meta, offers
