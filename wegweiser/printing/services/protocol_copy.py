"""The person's copy of a final counselling protocol: German and the person's language.

Fixed texts are translated (message context "client"). The concept's names and topic texts exist in German and
English only; they are printed in German, plus English on a copy in another language, and the copy says so
rather than offering an unchecked translation. What the office wrote (participants, what was handed over, next
steps, addenda) is printed as written and marked as not translated.

Re-printing gives the identical file: the copy's date is that of its last change (finalising or the newest
addendum), never today, and the checksum covers only the protocol's content. A draft has no copy: it may still
change, and a paper that differs from the file would be worse than none.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone, translation
from django.utils.translation import get_language_info, pgettext_lazy

from ..render import PrintMeta, format_date, is_rtl, isolated, ltr, render_pdf
from .common import COMMON, bilingual, in_language

TEMPLATE = "printing/protocol_copy.html"
KIND = "beratungsprotokoll"
FINAL = "final"

TEXTS = {
    **COMMON,
    "title": pgettext_lazy("client", "Beratungsprotokoll"),
    "subtitle": pgettext_lazy("client", "Ihre Ausfertigung"),
    "intro": pgettext_lazy(
        "client",
        "Sie haben mit der Ausländerbehörde ein Beratungsgespräch geführt. Hier steht, worüber gesprochen wurde, "
        "was Sie bekommen haben und wie es weitergeht. Dieses Blatt ist Ihre Ausfertigung.",
    ),
    "official_language": pgettext_lazy(
        "client", "Die Amtssprache ist Deutsch. Der deutsche Text steht jeweils unter der Übersetzung."
    ),
    "counselling_type": pgettext_lazy("client", "Art der Beratung"),
    "held_on": pgettext_lazy("client", "Datum des Gesprächs"),
    "duration": pgettext_lazy("client", "Dauer"),
    "participants": pgettext_lazy("client", "Teilnehmende"),
    "interpreter": pgettext_lazy("client", "Dolmetschung"),
    "no_interpreter": pgettext_lazy("client", "ohne Dolmetschung"),
    "topics": pgettext_lazy("client", "Besprochene Themen"),
    "topics_language": pgettext_lazy(
        "client",
        "Die Themen stehen hier auf Deutsch und auf Englisch, weil es für sie noch keine geprüfte Übersetzung in "
        "Ihre Sprache gibt. Fragen Sie bitte bei der Ausländerbehörde nach, wenn etwas unklar ist.",
    ),
    "no_topics": pgettext_lazy("client", "Keine Themen erfasst."),
    "supporters": pgettext_lazy("client", "Genannte Unterstützende"),
    "achievements": pgettext_lazy("client", "Ihre Angaben zu Integrationsleistungen"),
    "achievements_note": pgettext_lazy(
        "client", "Diese Angaben haben Sie im Gespräch gemacht. Sie sind als Ihre Angabe gespeichert. Bitte reichen "
        "Sie die Nachweise nach."),
    "achievement_language": pgettext_lazy("client", "Sprachzertifikat"),
    "achievement_employment": pgettext_lazy("client", "Beschäftigung"),
    "achievement_school": pgettext_lazy("client", "Schulbesuch"),
    "achievement_training": pgettext_lazy("client", "Berufsausbildung"),
    "handed_over": pgettext_lazy("client", "Ausgehändigte Informationen und Unterlagen"),
    "urgency": pgettext_lazy("client", "Mitwirkungspflichten"),
    "urgency_explained": pgettext_lazy(
        "client", "Ihnen wurde erklärt, warum Ihre Mitwirkung dringend ist und was Sie dafür tun müssen."
    ),
    "urgency_not_explained": pgettext_lazy("client", "Darüber wurde in diesem Gespräch nicht gesprochen."),
    "next_steps": pgettext_lazy("client", "Nächste Schritte"),
    "follow_up": pgettext_lazy("client", "Nächster Termin"),
    "no_follow_up": pgettext_lazy("client", "kein Termin vereinbart"),
    "addenda": pgettext_lazy("client", "Nachträge"),
    "addendum_of": pgettext_lazy("client", "Nachtrag vom"),
    "nothing_recorded": pgettext_lazy("client", "nichts eingetragen"),
    "free_text": pgettext_lazy("client", "Freitext, wie geschrieben, nicht übersetzt"),
    "finalised_on": pgettext_lazy("client", "Abgeschlossen am"),
    "document_number": pgettext_lazy("client", "Dokument-Nr."),
    "not_a_decision": pgettext_lazy(
        "client",
        "Dieses Protokoll ist keine Entscheidung über Ihren Aufenthalt. Es hält fest, was im Gespräch besprochen "
        "wurde. Wenn etwas fehlt oder falsch ist, sagen Sie es bitte der Ausländerbehörde; sie trägt es als "
        "Nachtrag ein.",
    ),
}

INTERPRETER_MODES = {
    "in_person": pgettext_lazy("client", "vor Ort"),
    "phone": pgettext_lazy("client", "am Telefon"),
    "video": pgettext_lazy("client", "per Video"),
}

MINUTES = pgettext_lazy("client", "%(minutes)s Minuten")


class DraftProtocol(ValueError):
    """Only a final protocol has a copy for the person."""


def copy_date(protocol: Any) -> Any:
    """The date of the protocol's last change: finalising, or the newest addendum (local dates)."""
    moments = [protocol.finalised_at, *(a.created_at for a in protocol.addenda.all())]
    latest = max(m for m in moments if m is not None)
    return timezone.localdate(latest)


def language_name(code: str) -> str:
    """The name of an interpreter's language in the active language (the code if Django does not know it)."""
    if not code:
        return ""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def _check_final(protocol: Any) -> None:
    if protocol.status != FINAL or not protocol.document_number or protocol.finalised_at is None:
        raise DraftProtocol(protocol.pk)


def _topics(protocol: Any) -> list[dict[str, str]]:
    topics = protocol.topics_covered.select_related("type").order_by("type__order", "order", "pk")
    return [{"key": t.key, "de": t.text_de, "en": t.text_en} for t in topics]


def _supporters(protocol: Any) -> list[dict[str, str]]:
    contacts = protocol.supporters.select_related("organisation").order_by("name", "pk")
    return [{"name": c.name, "organisation": c.organisation.name if c.organisation else ""} for c in contacts]


def _achievement_label_keys() -> dict[str, str]:
    """Fact kind slug → key of its fixed text, for the kinds a protocol records (``counselling.achievements``)."""
    from wegweiser.counselling.services.achievements import KINDS
    from wegweiser.facts.registry import kind_of

    return {kind_of(model).slug: f"achievement_{key}" for key, model in KINDS.items()}


def _achievements(protocol: Any) -> list[dict[str, str]]:
    """What the person disclosed, as recorded in the protocol at the time (see ``achievements.summary_of``)."""
    keys = _achievement_label_keys()
    return [{"kind": ref["kind"], "details": ref["summary"]} for ref in protocol.achievement_facts or []
            if "summary" in ref and ref.get("kind") in keys]


def _addenda(protocol: Any) -> list[dict[str, Any]]:
    return [{"on": timezone.localdate(a.created_at), "text": a.text}
            for a in protocol.addenda.order_by("created_at", "pk")]


def copy_content(protocol: Any, language: str) -> dict[str, Any]:
    """The data the copy prints and its checksum covers (canonical JSON, see ``render.content_hash``)."""
    _check_final(protocol)
    person = protocol.person
    kind = protocol.counselling_type
    return {
        "kind": KIND, "number": protocol.document_number, "language": language,
        "issued_on": copy_date(protocol),
        "person": {"name": person.display_name, "file_number": person.file_number},
        "protocol": {
            "concept_version": protocol.concept.version,
            "counselling_type": {"key": kind.key, "de": kind.name_de, "en": kind.name_en},
            "held_on": protocol.held_on, "duration_minutes": protocol.duration_minutes,
            "participants": protocol.participants,
            "supporters": _supporters(protocol), "supporters_text": protocol.supporters_text,
            "interpreter_language": protocol.interpreter_language, "interpreter_mode": protocol.interpreter_mode,
            "topics": _topics(protocol), "handed_over": protocol.handed_over,
            "urgency_explained": bool(protocol.urgency_explained), "next_steps": protocol.next_steps,
            "follow_up_on": protocol.follow_up_on, "finalised_on": timezone.localdate(protocol.finalised_at),
        },
        "addenda": _addenda(protocol),
        # Only when there are any, so that copies printed before this part existed keep their checksum.
        **({"achievements": achievements} if (achievements := _achievements(protocol)) else {}),
    }


def copy_meta(protocol: Any, language: str) -> PrintMeta:
    """Number, title, date and checksum of the copy in ``language``, without rendering it (for the handover)."""
    content = copy_content(protocol, language)
    title = in_language({"title": TEXTS["title"]}, language)["title"]
    return PrintMeta(number=protocol.document_number, title=title, issued_on=content["issued_on"], content=content)


def _interpreter(protocol: Any, language: str) -> dict[str, str]:
    """The interpreter line in ``language``: "Arabisch, vor Ort", or "without interpreter"."""
    mode = protocol.interpreter_mode
    with translation.override(language):
        if not mode or mode == "none":
            return {"text": str(TEXTS["no_interpreter"]), "none": "1"}
        parts = [language_name(protocol.interpreter_language), str(INTERPRETER_MODES.get(mode, mode))]
        separator = "\u060c " if is_rtl(language) else ", "  # the Arabic comma in Arabic script
        return {"text": separator.join(isolated(p) for p in parts if p)}


def _dates(content: dict[str, Any], language: str) -> dict[str, Any]:
    p = content["protocol"]
    with translation.override(language):
        return {
            "issued_on": format_date(content["issued_on"]), "held_on": format_date(p["held_on"]),
            "follow_up_on": format_date(p["follow_up_on"]), "finalised_on": format_date(p["finalised_on"]),
            "duration": str(MINUTES) % {"minutes": ltr(p["duration_minutes"])} if p["duration_minutes"] else "",
            "addenda": [format_date(a["on"]) for a in content["addenda"]],
        }


def protocol_copy_pdf(protocol: Any, language: str) -> tuple[bytes, PrintMeta]:
    """The copy of ``protocol`` in German and ``language`` (German only for "de"). No policy, no audit: the
    view's. Raises ``DraftProtocol`` for a protocol that is not final."""
    meta = copy_meta(protocol, language)
    content = meta.content
    labels = bilingual(TEXTS, language)
    local_dates, german_dates = _dates(content, language), _dates(content, "de")
    addenda = [{"text": a["text"], "on": local_dates["addenda"][i], "on_de": german_dates["addenda"][i]}
               for i, a in enumerate(content["addenda"])]
    context = {
        "meta": meta, "labels": labels, "bilingual": language != "de", "show_english": language != "de",
        "person_name": isolated(content["person"]["name"]), "file_number": ltr(content["person"]["file_number"]),
        "document_number": ltr(meta.number), "protocol": content["protocol"],
        "counselling_type": content["protocol"]["counselling_type"], "topics": content["protocol"]["topics"],
        "interpreter": _interpreter(protocol, language), "interpreter_de": _interpreter(protocol, "de"),
        "dates": local_dates, "dates_de": german_dates, "addenda": addenda,
        "achievements": [{"label": labels[_achievement_label_keys()[a["kind"]]], "details": a["details"]}
                         for a in content.get("achievements", [])],
    }
    return render_pdf(TEMPLATE, context, language=language), meta
