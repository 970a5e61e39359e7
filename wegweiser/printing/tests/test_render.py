"""The PDF frame: languages, page x of y, checksum, determinism, embedded fonts, right-to-left layout."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from freezegun import freeze_time

from wegweiser.printing import fonts
from wegweiser.printing.render import content_hash, page_counter_css
from wegweiser.printing.services.goal import goal_pdf

from .pdf_helpers import contains_words, embedded, first_line_ink, font_names, reader, text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

LANGUAGES = ("de", "en", "ar", "fa", "uk", "tr")


@pytest.fixture
def frozen():
    with freeze_time("2026-03-02 10:00"):
        yield


def translated(msgid: str, language: str) -> str:
    with translation.override(language):
        return translation.pgettext("client", msgid)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_title_is_printed_in_the_persons_language_and_in_german(goal, language):
    pdf, meta = goal_pdf(goal, language)
    content = text(pdf)
    title = translated("Zielvereinbarung", language)
    if language not in ("de", "en"):
        assert title != "Zielvereinbarung", f"no {language} translation"
    assert contains_words(content, title)
    assert contains_words(content, "Zielvereinbarung")  # the German text is always there
    assert contains_words(content, goal.title)  # free text as written
    assert reader(pdf).metadata.title == title
    assert str(reader(pdf).trailer["/Root"]["/Lang"]) == language


def test_page_x_of_y_number_and_checksum_are_printed(goal):
    pdf, meta = goal_pdf(goal, "de")
    pages = len(reader(pdf).pages)
    content = text(pdf)
    for n in range(1, pages + 1):
        assert f"Seite {n} von {pages}" in content
    assert meta.number in content
    assert meta.sha256 in content.replace("\n", "")
    assert re.fullmatch(r"[0-9a-f]{64}", meta.sha256)


def test_the_checksum_is_over_the_content_data(goal):
    _pdf, meta = goal_pdf(goal, "de")
    assert meta.sha256 == content_hash(meta.content)
    goal.title = "Ein anderes Ziel"
    _pdf, changed = goal_pdf(goal, "de")
    assert changed.sha256 != meta.sha256


def test_content_hash_is_canonical():
    assert content_hash({"b": 1, "a": "ä"}) == content_hash({"a": "ä", "b": 1})
    assert content_hash({"a": 1}) != content_hash({"a": 2})


def test_the_page_counter_follows_the_translation():
    with translation.override("de"):
        assert page_counter_css() == '"Seite " counter(page) " von " counter(pages)'
    with translation.override("tr"):
        assert page_counter_css() == '"Sayfa " counter(page) " / " counter(pages)'


@pytest.mark.parametrize("language", ("de", "ar"))
def test_the_same_input_gives_the_same_bytes(goal, language):
    first, _ = goal_pdf(goal, language)
    second, _ = goal_pdf(goal, language)
    assert first == second
    assert reader(first).metadata["/CreationDate"] == "D:20260302"  # the document's date, not the clock


@pytest.mark.parametrize("language", ("de", "ar", "uk"))
def test_the_noto_fonts_are_embedded(goal, language):
    pdf, _ = goal_pdf(goal, language)
    names = font_names(pdf)
    assert names and all("Noto" in name for name in names), names
    assert embedded(pdf)
    if language == "ar":
        assert any("Naskh-Arabic" in name for name in names)


def test_the_pdf_is_tagged_for_accessibility(goal):
    pdf, _ = goal_pdf(goal, "fa")
    root = reader(pdf).trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root


def test_arabic_is_laid_out_right_to_left(goal):
    pdf, _ = goal_pdf(goal, "ar")
    left, right, width = first_line_ink(pdf)
    assert right > width * 0.85, "the first line should end at the right margin"
    assert left > width * 0.5, "the left half of the first line should be empty"
    german, _ = goal_pdf(goal, "de")
    left, right, width = first_line_ink(german)
    assert left < width * 0.15 and right < width * 0.5


def test_missing_fonts_fail_with_a_clear_error(monkeypatch):
    monkeypatch.setattr(fonts, "_fc_list", lambda family, style: [])
    fonts.font_file.cache_clear()
    try:
        with pytest.raises(fonts.FontsMissing, match="fonts-noto-core"):
            fonts.font_face_css()
    finally:
        fonts.font_file.cache_clear()
