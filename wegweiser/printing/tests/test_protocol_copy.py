"""The person's copy of a counselling protocol: every client language, right to left, checksum, reprint, draft."""

from __future__ import annotations

import pytest
from django.utils import translation
from freezegun import freeze_time

from wegweiser.printing.render import content_hash
from wegweiser.printing.services.protocol_copy import DraftProtocol, copy_meta, protocol_copy_pdf

from .pdf_helpers import contains_words, embedded, first_line_ink, font_names, reader, text
from .protocols import HANDED_OVER, NEXT_STEPS, TOPICS, add_addendum, make_protocol

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

LANGUAGES = ("de", "en", "ar", "fa", "uk", "tr", "ru", "fr")
RTL = ("ar", "fa")


@pytest.fixture
def frozen():
    with freeze_time("2026-03-05 10:00"):
        yield


@pytest.fixture
def protocol(person):
    return make_protocol(person)


def translated(msgid: str, language: str) -> str:
    with translation.override(language):
        return translation.pgettext("client", msgid)


def printed(content: str, phrase: str, language: str) -> bool:
    """The phrase as printed: exactly for left-to-right scripts, word by word for Arabic script."""
    return contains_words(content, phrase) if language in RTL else phrase in " ".join(content.split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_copy_is_printed_in_the_persons_language_and_in_german(protocol, language):
    pdf, meta = protocol_copy_pdf(protocol, language)
    content = text(pdf)
    for msgid in ("Beratungsprotokoll", "Besprochene Themen", "Nächste Schritte",
                  "Freitext, wie geschrieben, nicht übersetzt", "Ausgehändigte Informationen und Unterlagen"):
        local = translated(msgid, language)
        if language != "de":
            assert local != msgid, f"no {language} translation of {msgid!r}"
        assert printed(content, local, language), (language, local)
        assert printed(content, msgid, "de"), msgid  # the German text is always there
    # the concept's texts: German, plus English on a copy in another language, and the copy says why
    for _key, german, english in TOPICS:
        assert german in content
        assert (english in content) == (language != "de")
    assert ("Counselling on individual staying perspectives" in content) == (language != "de")
    if language not in ("de", "en"):
        assert printed(content, translated("Die Themen stehen hier auf Deutsch und auf Englisch, weil es für sie "
                                           "noch keine geprüfte Übersetzung in Ihre Sprache gibt. Fragen Sie bitte "
                                           "bei der Ausländerbehörde nach, wenn etwas unklar ist.", language), language)
    # free text as written, never translated
    assert NEXT_STEPS in " ".join(content.split())
    assert HANDED_OVER in " ".join(content.split())
    assert reader(pdf).metadata.title == translated("Beratungsprotokoll", language)
    assert str(reader(pdf).trailer["/Root"]["/Lang"]) == language
    assert meta.number == "BP-2026-00017"


def test_number_page_x_of_y_and_checksum_are_printed(protocol):
    pdf, meta = protocol_copy_pdf(protocol, "de")
    content = text(pdf)
    pages = len(reader(pdf).pages)
    for n in range(1, pages + 1):
        assert f"Seite {n} von {pages}" in content
    assert content.count("BP-2026-00017") >= 2  # in the header table and in the footer
    assert meta.sha256 in content.replace("\n", "")
    assert meta.sha256 == content_hash(meta.content)
    assert "Datum des Gesprächs" in content and "02.03.2026" in content
    assert "45 Minuten" in content
    assert "Arabisch, vor Ort" in content  # interpreter language and mode
    assert "15.06.2026" in content  # follow-up


@pytest.mark.parametrize("language", ("uk", "ru"))
def test_cyrillic_is_set_in_the_embedded_noto_font(protocol, language):
    pdf, _ = protocol_copy_pdf(protocol, language)
    names = font_names(pdf)
    assert names and all("Noto" in name for name in names), names
    assert embedded(pdf)
    content = text(pdf)
    assert any("\u0400" <= ch <= "\u04ff" for ch in content)  # Cyrillic letters came out as text


def test_the_copy_is_tagged_for_accessibility(protocol):
    pdf, _ = protocol_copy_pdf(protocol, "ar")
    root = reader(pdf).trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root


def test_an_arabic_page_is_laid_out_right_to_left(protocol):
    pdf, _ = protocol_copy_pdf(protocol, "ar")
    assert any("Naskh-Arabic" in name for name in font_names(pdf))
    left, right, width = first_line_ink(pdf)  # raises if the page is blank
    assert right > width * 0.85, "the first line should end at the right margin"
    assert left > width * 0.5, "the left half of the first line should be empty"
    german, _ = protocol_copy_pdf(protocol, "de")
    left, right, width = first_line_ink(german)
    assert left < width * 0.15 and right < width * 0.5


@pytest.mark.parametrize("language", ("de", "fa"))
def test_reprinting_gives_the_identical_document_also_on_a_later_day(protocol, language):
    first, meta = protocol_copy_pdf(protocol, language)
    with freeze_time("2026-09-30 16:00"):
        again, meta_again = protocol_copy_pdf(protocol, language)
    assert first == again
    assert meta.sha256 == meta_again.sha256
    assert reader(first).metadata["/CreationDate"] == "D:20260302"  # the day it was finalised


def test_an_addendum_is_printed_and_changes_the_checksum(protocol):
    _pdf, before = protocol_copy_pdf(protocol, "tr")
    with freeze_time("2026-03-10 09:00"):
        add_addendum(protocol, "Zertifikat A2 liegt inzwischen vor.")
    pdf, after = protocol_copy_pdf(protocol, "tr")
    content = text(pdf)
    assert "Zertifikat A2 liegt inzwischen vor." in content
    assert translated("Nachträge", "tr") in content and "Nachträge" in content
    assert after.sha256 != before.sha256
    assert after.number == before.number
    assert reader(pdf).metadata["/CreationDate"] == "D:20260310"
    assert protocol_copy_pdf(protocol, "tr")[0] == pdf


def test_each_language_has_its_own_checksum(protocol):
    assert copy_meta(protocol, "de").sha256 != copy_meta(protocol, "ar").sha256


def test_a_protocol_without_interpreter_and_free_text_says_so(person):
    protocol = make_protocol(person, interpreter_mode="none", interpreter_language="", participants="",
                             handed_over="", next_steps="", follow_up_on=None, urgency_explained=False,
                             duration_minutes=None)
    content = text(protocol_copy_pdf(protocol, "de")[0])
    assert "ohne Dolmetschung" in content
    assert "kein Termin vereinbart" in content
    assert "nichts eingetragen" in content
    assert "Darüber wurde in diesem Gespräch nicht gesprochen." in content


def test_a_draft_has_no_copy(person):
    draft = make_protocol(person, final=False)
    with pytest.raises(DraftProtocol):
        protocol_copy_pdf(draft, "de")
    with pytest.raises(DraftProtocol):
        copy_meta(draft, "ar")


@pytest.mark.parametrize("language", ["uk", "ar"])
def test_disclosed_achievements_are_printed_as_recorded_and_stay_after_the_fact_is_deleted(person, language):
    from datetime import date

    from wegweiser.counselling.services.achievements import summary_of
    from wegweiser.facts.models import LanguageCertificate

    certificate = LanguageCertificate(person=person, level="B1", scope="complete", exam="DTZ",
                                      issued_on=date(2026, 2, 2))
    protocol = make_protocol(person, achievement_facts=[
        {"kind": "language-certificates", "id": 99, "summary": summary_of(certificate)},
        {"kind": "employment", "id": 98},  # recorded before summaries existed: not printed, checksum unchanged
    ])
    pdf, meta = protocol_copy_pdf(protocol, language)
    content = text(pdf)
    assert "B1 · DTZ · 02.02.2026" in content
    assert printed(content, translated("Sprachzertifikat", language), language) and "Sprachzertifikat" in content
    assert [a["kind"] for a in meta.content["achievements"]] == ["language-certificates"]
    assert protocol_copy_pdf(protocol, language)[1].sha256 == meta.sha256


def test_a_copy_without_achievements_keeps_its_earlier_checksum(protocol):
    assert "achievements" not in copy_meta(protocol, "de").content
