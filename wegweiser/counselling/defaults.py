"""The default Beratungskonzept every office starts with (German and English), after the Kreis Unna paper on
staying perspectives: the office advises on staying perspectives, informs everyone about integration offers
regardless of status, counsels people obliged to leave about ways to a lawful stay, advises on voluntary
departure (with support and the chances of re-entry), refers to specialist and legal advice, and explains the
duties to cooperate and why they are urgent. Offices adapt it on the concept pages (a new version each time).

Plain data, no models: the data migration and ``load_default_concept`` both build the concept from it.
"""

from __future__ import annotations

from typing import Any

TITLE = "Beratungskonzept"

# (key, name_de, name_en, description, [(key, text_de, text_en, required), ...])
TYPES: list[tuple[str, str, str, str, list[tuple[str, str, str, bool]]]] = [
    (
        "bleibeperspektiven", "Beratung zu individuellen Bleibeperspektiven", "Counselling on individual staying perspectives",
        "Welche Aufenthaltswege kommen in Betracht, was fehlt noch, was kann die Person selbst tun?",
        [
            ("aktueller_status", "Aktueller Aufenthaltsstatus und seine Folgen", "Current residence status and its consequences", True),
            ("wege", "In Betracht kommende Aufenthaltswege (z. B. §§ 25a, 25b, 104c, 60c, 60d AufenthG)",
             "Possible residence pathways (e.g. sections 25a, 25b, 104c, 60c, 60d Residence Act)", True),
            ("luecken", "Noch fehlende Voraussetzungen und wie sie erfüllt werden können",
             "Conditions not yet met and how they can be met", True),
            ("integrationsleistungen", "Bisherige Integrationsleistungen erfragt (Sprache, Arbeit, Schule, Ausbildung)",
             "Integration achievements asked for (language, work, school, training)", True),
            ("unterstuetzende", "Unterstützende erfragt; Entbindung von der Schweigepflicht erläutert",
             "Supporters asked for; release from confidentiality explained", True),
            ("zielvereinbarung", "Zielvereinbarung angeboten", "Target agreement offered", False),
        ],
    ),
    (
        "integrationsangebote", "Information über integrationsfördernde Angebote (unabhängig vom Aufenthaltsstatus)",
        "Information on integration offers (regardless of residence status)",
        "Angebote und Beratungsstellen im Netzwerk des Kommunalen Integrationsmanagements.",
        [
            ("sprachkurse", "Sprach- und Integrationskurse", "Language and integration courses", True),
            ("beratungsstellen", "Beratungsstellen (MBE, JMD, Flüchtlingsberatung, KIM-Fallmanagement)",
             "Counselling services (MBE, JMD, refugee counselling, KIM case management)", True),
            ("arbeit_ausbildung", "Zugang zu Arbeit und Ausbildung (Jobcenter, Agentur für Arbeit)",
             "Access to work and training (Jobcenter, employment agency)", False),
            ("angebotsblatt", "Blatt „Angebote für Sie“ ausgehändigt", "Sheet “Offers for you” handed over", False),
        ],
    ),
    (
        "wege_rechtmaessiger_aufenthalt", "Beratung ausreisepflichtiger Menschen zu Wegen in einen rechtmäßigen Aufenthalt",
        "Counselling people obliged to leave on ways to a lawful stay",
        "Perspektiven zur Erlangung eines gesicherten rechtmäßigen Aufenthalts und unabhängige Beratungsangebote.",
        [
            ("ausreisepflicht", "Bestehende Ausreisepflicht und ihre Folgen erläutert",
             "Existing obligation to leave and its consequences explained", True),
            ("perspektiven", "Perspektiven für einen gesicherten rechtmäßigen Aufenthalt",
             "Perspectives for a secure lawful stay", True),
            ("nachweise", "Integrationsleistungen bekanntgeben und nachweisen", "Disclosing and proving integration achievements", True),
            ("freie_beratung", "Freie und wohlfahrtliche Beratungs- und Unterstützungsangebote",
             "Independent and charitable counselling and support services", True),
            ("abk", "Möglichkeit der Ausländerrechtlichen Beratungskommission (ABK)",
             "Possibility of the foreigners' law advisory commission (ABK)", False),
        ],
    ),
    (
        "freiwillige_ausreise", "Freiwillige Ausreise und Rückkehrunterstützung",
        "Voluntary departure and return support",
        "Freiwillige, ggf. unterstützte Ausreise, Möglichkeiten der Wiedereinreise, unabhängige Beratung.",
        [
            ("freiwillige_ausreise", "Möglichkeit der freiwilligen Ausreise", "Possibility of voluntary departure", True),
            ("rueckkehrfoerderung", "Unterstützung und Förderprogramme für die Rückkehr",
             "Support and assistance programmes for the return", True),
            ("wiedereinreise", "Möglichkeiten der Wiedereinreise nach freiwilliger Ausreise (z. B. Einreisesperre, Visum)",
             "Options for re-entry after voluntary departure (e.g. entry ban, visa)", True),
            ("unabhaengige_beratung", "Unabhängige freie oder wohlfahrtliche Rückkehrberatung",
             "Independent or charitable return counselling", True),
        ],
    ),
    (
        "fach_rechtsberatung", "Verweis auf Fach- und Rechtsberatung", "Referral to specialist and legal advice",
        "Fachberatungsstellen und Informationen zu einer möglichen fachanwaltlichen Beratung.",
        [
            ("fachberatungsstellen", "Fachberatungsstellen benannt", "Specialist counselling services named", True),
            ("rechtsberatung", "Informationen zu fachanwaltlicher Beratung", "Information on advice from a specialised lawyer", True),
            ("vermittlung", "Vermittlung an eine Stelle im Netzwerk", "Referral to a service in the network", False),
        ],
    ),
    (
        "mitwirkungspflichten", "Mitwirkungspflichten", "Duties to cooperate",
        "Was die Person beitragen muss (z. B. Passbeschaffung, Nachweise) und warum es dringend ist.",
        [
            ("pflichten", "Konkrete Mitwirkungspflichten (z. B. Passbeschaffung, Identitätsklärung)",
             "Specific duties to cooperate (e.g. obtaining a passport, clarifying identity)", True),
            ("dringlichkeit", "Dringlichkeit der Mitwirkung: nur Nachgewiesenes kann berücksichtigt werden",
             "Urgency of cooperation: only what is proven can be taken into account", True),
            ("folgen", "Folgen fehlender Mitwirkung", "Consequences of not cooperating", True),
            ("fristen", "Fristen und nächster Termin", "Deadlines and next appointment", False),
        ],
    ),
]


def load(concept_model: Any, type_model: Any, topic_model: Any, *, created_by: Any = None,
         valid_from: Any = None) -> Any:
    """Create and publish the default concept unless a concept exists already; return the (new) concept or None.

    Takes the model classes so that the data migration can pass its historical models.
    """
    if concept_model.objects.exists():
        return None
    concept = concept_model.objects.create(
        version=1, title=TITLE, valid_from=valid_from, published=False, created_by=created_by
    )
    for type_order, (key, name_de, name_en, description, topics) in enumerate(TYPES, start=1):
        kind = type_model.objects.create(
            concept=concept, key=key, name_de=name_de, name_en=name_en, description=description, order=type_order
        )
        for topic_order, (topic_key, text_de, text_en, required) in enumerate(topics, start=1):
            topic_model.objects.create(
                type=kind, key=topic_key, text_de=text_de, text_en=text_en, required=required, order=topic_order
            )
    concept.published = True
    concept.save(update_fields=["published"])
    return concept
