"""The information sheet of § 104c Abs. 4 AufenthG (old version, in force 31.12.2022 – 30.12.2025).

The law: the holder of a § 104c permit ("Chancen-Aufenthaltsrecht", 18 months, not extendable; afterwards only
a permit under § 25a or § 25b, Abs. 3) "ist spätestens bei der Erteilung der Aufenthaltserlaubnis auf die
Voraussetzungen für die Erteilung einer Aufenthaltserlaubnis nach § 25b und, falls er das 27. Lebensjahr noch
nicht vollendet hat, nach § 25a hinzuweisen. Dabei soll die Ausländerbehörde auch konkrete
Handlungspflichten, die in zumutbarer Weise zu erfüllen sind, bezeichnen." (Abs. 4). The transitional rule
since 31.12.2025 keeps existing permits until they end; the holder privileges of § 25a Abs. 5, 6 and § 25b
Abs. 7, 8 apply until 30.06.2027, so holders still need the information.

So the sheet names, per pathway, each condition in plain language and whether it is met by the current
assessment, and lists the engine's open points as duties. § 25a is left out for a person who is surely 27 or
older. The explanatory texts are translated; the engine's gap texts exist only in German and English and are
printed that way (saying so on the sheet) rather than in an unchecked translation of legal duties.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import pgettext_lazy

from wegweiser.persons.models import Person, ResidencePeriod
from wegweiser.persons.services.situation import export_situation, normalise_legal_basis
from wegweiser.rules import assess
from wegweiser.rules.pathways import PATHWAYS

from ..render import PrintMeta, format_date, isolated, ltr, render_pdf
from .common import COMMON, bilingual, in_language

TEMPLATE = "printing/sheet_104c.html"
PURPOSE = "Hinweis nach § 104c Abs. 4 AufenthG"
PATHWAY_IDS = ("aufenthg_25a", "aufenthg_25b")
MAX_AGE_25A = 27

TEXTS = {
    **COMMON,
    "title": pgettext_lazy("client", "Hinweise zu Ihrem Weg zu einer Aufenthaltserlaubnis nach § 25a oder § 25b"),
    "subtitle": pgettext_lazy("client", "nach § 104c Absatz 4 Aufenthaltsgesetz"),
    "intro": pgettext_lazy(
        "client",
        "Sie haben eine Aufenthaltserlaubnis nach § 104c Aufenthaltsgesetz (Chancen-Aufenthaltsrecht). Sie kann "
        "nicht verlängert werden. Danach ist nur eine Aufenthaltserlaubnis nach § 25a oder § 25b "
        "Aufenthaltsgesetz möglich. Auf diesem Blatt steht, welche Voraussetzungen dafür gelten, was davon nach "
        "den Unterlagen der Ausländerbehörde schon erfüllt ist und was Sie noch tun sollen.",
    ),
    "valid_until": pgettext_lazy("client", "Ihre Aufenthaltserlaubnis nach § 104c gilt bis"),
    "apply_in_time": pgettext_lazy(
        "client",
        "Stellen Sie den Antrag auf die neue Aufenthaltserlaubnis vor diesem Datum bei der Ausländerbehörde.",
    ),
    "pathway_25a": pgettext_lazy(
        "client", "Aufenthaltserlaubnis für gut integrierte Jugendliche und junge Volljährige (§ 25a)"
    ),
    "pathway_25a_age": pgettext_lazy("client", "Nur möglich, wenn Sie den Antrag vor Ihrem 27. Geburtstag stellen."),
    "pathway_25b": pgettext_lazy("client", "Aufenthaltserlaubnis bei nachhaltiger Integration (§ 25b)"),
    "condition": pgettext_lazy("client", "Voraussetzung"),
    "state": pgettext_lazy("client", "Stand nach den Unterlagen der Ausländerbehörde"),
    "duties": pgettext_lazy("client", "Was Sie jetzt tun sollen"),
    "duties_language": pgettext_lazy(
        "client",
        "Die folgenden Punkte kommen aus der Prüfung der Ausländerbehörde. Sie stehen hier auf Deutsch und auf "
        "Englisch, weil es für sie noch keine geprüfte Übersetzung in Ihre Sprache gibt. Fragen Sie bitte bei "
        "der Ausländerbehörde nach, wenn etwas unklar ist.",
    ),
    "no_duties": pgettext_lazy("client", "Nach den vorliegenden Unterlagen ist nichts offen."),
    "not_in_force": pgettext_lazy("client", "Diese Regelung gilt an diesem Tag nicht."),
    "disclaimer": pgettext_lazy(
        "client",
        "Diese Hinweise beruhen auf den Unterlagen, die der Ausländerbehörde am oben genannten Datum vorlagen. "
        "Sie sind keine Entscheidung. Über Ihren Antrag entscheidet die Ausländerbehörde im Einzelfall.",
    ),
}

STATUS = {
    "met": pgettext_lazy("client", "erfüllt"),
    "not_met": pgettext_lazy("client", "noch nicht erfüllt"),
    "unknown": pgettext_lazy("client", "unklar: Angaben oder Nachweise fehlen"),
    "judgement": pgettext_lazy("client", "wird von der Ausländerbehörde bewertet"),
    "not_applicable": pgettext_lazy("client", "trifft auf Sie nicht zu"),
}

_IDENTITY_104C = pgettext_lazy(
    "client", "Ihre Identität ist geklärt, oder Sie haben alles Zumutbare getan, um sie zu klären."
)
_IDENTITY = pgettext_lazy("client", "Ihre Identität und Ihre Staatsangehörigkeit sind geklärt.")
_PASSPORT = pgettext_lazy("client", "Sie haben einen gültigen Pass oder Passersatz.")
_EXPULSION = pgettext_lazy("client", "Es gibt kein Ausweisungsinteresse gegen Sie (zum Beispiel wegen Straftaten).")
_ATYPICAL = pgettext_lazy("client", "Es gibt keinen besonderen Ausnahmefall, der gegen die Erteilung spricht.")

#: Each condition of the engine (pathway.condition) in plain language. A condition the engine adds later and
#: this table lacks is printed with the engine's own wording (German and English).
CONDITIONS = {
    "aufenthg_25a.zugang": pgettext_lazy(
        "client", "Sie haben eine Aufenthaltserlaubnis nach § 104c oder seit mindestens zwölf Monaten eine Duldung."
    ),
    "aufenthg_25a.voraufenthalt": pgettext_lazy(
        "client",
        "Sie leben seit mindestens drei Jahren ohne Unterbrechung erlaubt, geduldet oder gestattet in Deutschland.",
    ),
    "aufenthg_25a.schule": pgettext_lazy(
        "client",
        "Sie gehen seit drei Jahren erfolgreich in Deutschland zur Schule, oder Sie haben hier einen anerkannten "
        "Schul- oder Berufsabschluss.",
    ),
    "aufenthg_25a.alter_antrag": pgettext_lazy("client", "Sie stellen den Antrag vor Ihrem 27. Geburtstag."),
    "aufenthg_25a.jugendlich": pgettext_lazy("client", "Sie sind bei der Entscheidung mindestens 14 Jahre alt."),
    "aufenthg_25a.integrationsprognose": pgettext_lazy(
        "client",
        "Nach Ihrer Ausbildung und Ihren Lebensumständen ist zu erwarten, dass Sie sich in das Leben in "
        "Deutschland einfügen.",
    ),
    "aufenthg_25a.fdgo": pgettext_lazy(
        "client",
        "Es gibt keine Hinweise, dass Sie die freiheitliche demokratische Grundordnung Deutschlands ablehnen.",
    ),
    "aufenthg_25a.versagung_taeuschung": pgettext_lazy(
        "client",
        "Ihre Abschiebung ist nicht deshalb ausgesetzt, weil Sie falsche Angaben gemacht oder über Ihre "
        "Identität oder Staatsangehörigkeit getäuscht haben.",
    ),
    "aufenthg_25a.lebensunterhalt": pgettext_lazy(
        "client", "Sie sichern Ihren Lebensunterhalt selbst, oder Sie sind in Schule, Ausbildung oder Studium."
    ),
    "aufenthg_25a.identitaet_104c": _IDENTITY_104C,
    "aufenthg_25a.identitaet": _IDENTITY,
    "aufenthg_25a.pass": _PASSPORT,
    "aufenthg_25a.ausweisungsinteresse": _EXPULSION,
    "aufenthg_25a.kein_atypischer_fall": _ATYPICAL,
    "aufenthg_25b.zugang": pgettext_lazy(
        "client", "Sie haben eine Duldung oder eine Aufenthaltserlaubnis nach § 104c."
    ),
    "aufenthg_25b.voraufenthalt": pgettext_lazy(
        "client",
        "Sie leben seit mindestens sechs Jahren ohne Unterbrechung geduldet, gestattet oder mit "
        "Aufenthaltserlaubnis in Deutschland (vier Jahre, wenn ein minderjähriges lediges Kind bei Ihnen lebt).",
    ),
    "aufenthg_25b.fdgo": pgettext_lazy(
        "client", "Sie bekennen sich zur freiheitlichen demokratischen Grundordnung Deutschlands."
    ),
    "aufenthg_25b.grundkenntnisse": pgettext_lazy(
        "client",
        "Sie haben Grundkenntnisse der Rechts- und Gesellschaftsordnung und der Lebensverhältnisse in "
        "Deutschland (zum Beispiel durch den Test „Leben in Deutschland“).",
    ),
    "aufenthg_25b.lebensunterhalt": pgettext_lazy(
        "client",
        "Sie sichern Ihren Lebensunterhalt überwiegend durch eigene Arbeit, oder es ist zu erwarten, dass Sie "
        "das bald tun.",
    ),
    "aufenthg_25b.deutsch_a2_muendlich": pgettext_lazy(
        "client", "Sie sprechen Deutsch mindestens auf dem Niveau A2."
    ),
    "aufenthg_25b.schulbesuch_kinder": pgettext_lazy(
        "client", "Ihre Kinder im schulpflichtigen Alter gehen tatsächlich zur Schule, mit Nachweis."
    ),
    "aufenthg_25b.versagung_mitwirkung": pgettext_lazy(
        "client",
        "Sie verhindern oder verzögern das Ende Ihres Aufenthalts nicht durch falsche Angaben, Täuschung oder "
        "fehlende Mitwirkung.",
    ),
    "aufenthg_25b.versagung_ausweisungsinteresse": pgettext_lazy(
        "client", "Es gibt kein schwerwiegendes Ausweisungsinteresse gegen Sie (zum Beispiel wegen schwerer Straftaten)."
    ),
    "aufenthg_25b.ausweisungsinteresse": pgettext_lazy("client", "Es gibt kein sonstiges Ausweisungsinteresse gegen Sie."),
    "aufenthg_25b.identitaet_104c": _IDENTITY_104C,
    "aufenthg_25b.identitaet": _IDENTITY,
    "aufenthg_25b.pass": _PASSPORT,
    "aufenthg_25b.kein_atypischer_fall": _ATYPICAL,
}


def today() -> date:
    return timezone.localdate()


def current_permit(person: Person, as_of: date) -> ResidencePeriod | None:
    """The § 104c residence permit valid on ``as_of`` (the one ending last, if the file records several)."""
    periods = person.residence_periods.filter(status="aufenthaltserlaubnis", valid_from__lte=as_of)
    valid = [p for p in periods if (p.valid_until is None or p.valid_until >= as_of) and _is_104c(p.legal_basis)]
    valid.sort(key=lambda p: (p.valid_until or date.max, p.pk))
    return valid[-1] if valid else None


def _is_104c(legal_basis: str) -> bool:
    """§ 104c AufenthG, with or without Absatz (Abs. 2: family members hold the same permit)."""
    basis = normalise_legal_basis(legal_basis) or ""
    return basis == "aufenthg_104c" or basis.startswith("aufenthg_104c_")


def surely_27_or_older(person: Person, as_of: date) -> bool:
    """True only if even the latest possible birth date makes the person 27 on ``as_of`` (§ 104c Abs. 4)."""
    if person.birth_date is None:
        return False
    born = person.birth_date.latest()
    try:
        birthday = born.replace(year=born.year + MAX_AGE_25A)
    except ValueError:  # 29 February
        birthday = date(born.year + MAX_AGE_25A, 3, 1)
    return birthday <= as_of


def _conditions(pathway: dict[str, Any], language: str) -> list[dict[str, Any]]:
    rows = []
    for condition in pathway["conditions"]:
        key = f"{pathway['id']}.{condition['id']}"
        text = CONDITIONS.get(key)
        if text is not None:
            label = bilingual({"t": text}, language)["t"]
        else:
            label = {"local": condition["text"]["de"], "de": condition["text"]["de"]}
        rows.append({"id": key, "text": label, "engine_text": text is None, "status": bilingual({"s": STATUS[condition["result"]]}, language)["s"],
                     "result": condition["result"]})
    return rows


def sheet_pdf(actor: Any, person: Person, permit: ResidencePeriod, as_of: date, language: str) -> tuple[bytes, PrintMeta]:
    """Assess § 25a and § 25b (policy and EXPORT audit of the situation through ``export_situation``) and
    render the sheet. The caller checks ASSESSMENT_VIEW and audits the PDF itself."""
    situation = export_situation(actor, person, as_of, purpose=PURPOSE)
    wanted = [pid for pid in PATHWAY_IDS if not (pid == "aufenthg_25a" and surely_27_or_older(person, as_of))]
    assessment = assess(situation, as_of, pathways=[PATHWAYS[pid] for pid in wanted])
    labels = bilingual(TEXTS, language)
    pathways = []
    for pathway in assessment["pathways"]:
        pathways.append({
            "id": pathway["id"],
            "heading": labels["pathway_25a" if pathway["id"] == "aufenthg_25a" else "pathway_25b"],
            "age_note": labels["pathway_25a_age"] if pathway["id"] == "aufenthg_25a" else None,
            "in_force": pathway["outcome"] != "not_in_force",
            "conditions": _conditions(pathway, language),
            "duties": [{"de": gap["text"]["de"], "en": gap["text"]["en"]} for gap in pathway["missing"]],
        })
    number = f"104C-{person.pk}-{as_of:%Y%m%d}"
    content = {
        "kind": "hinweise_104c", "number": number, "language": language, "issued_on": as_of,
        "person": {"name": person.display_name, "file_number": person.file_number},
        "permit": {"valid_from": permit.valid_from, "valid_until": permit.valid_until},
        "engine_version": assessment["engine_version"],
        "pathways": [
            {"id": p["id"], "conditions": [[c["id"], c["result"]] for c in p["conditions"]], "duties": p["duties"]}
            for p in pathways
        ],
    }
    meta = PrintMeta(number=number, title=labels["title"]["local"], issued_on=as_of, content=content)
    with translation.override(language):
        dates = {"issued_on": format_date(as_of), "valid_until": format_date(permit.valid_until)}
    context = {
        "meta": meta, "labels": labels, "bilingual": language != "de", "pathways": pathways,
        "person_name": isolated(person.display_name), "file_number": ltr(person.file_number), "dates": dates,
        "status_de": in_language(STATUS, "de"), "show_english": language != "de",
    }
    return render_pdf(TEMPLATE, context, language=language), meta
