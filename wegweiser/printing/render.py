"""Rendering a Django template to a PDF for the person concerned (WeasyPrint).

Every PDF extends ``printing/base_print.html``: A4, "page x of y" and the document number in the footer, and a
SHA-256 checksum of the document's *content data*. The checksum cannot be one of the PDF file itself (a file
cannot contain its own hash), so it is taken over the canonical JSON form of the data the document prints
(``content_hash``): whoever holds that data (the audit entry keeps number and checksum) can check a printed
page against it. Output is tagged PDF/UA-1 (WeasyPrint's ``pdf_variant``), with title and language in the
metadata and the Noto fonts embedded. The same input gives byte-identical files: the creation date comes
from the document's date, the file identifier from its checksum.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import pgettext
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from . import fonts

PDF_VARIANT = "pdf/ua-1"
# Unicode bidi isolates: a left-to-right value (file number, date, checksum) inside right-to-left text keeps
# its own order and does not pull the neighbouring words around.
LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"


def content_hash(content: Any) -> str:
    """SHA-256 (hex) of the canonical JSON form: keys sorted, no spaces, UTF-8, dates as ISO 8601."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_iso)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _iso(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


@dataclass(frozen=True)
class PrintMeta:
    """What the frame of every client PDF shows: number, title, date, and the data the checksum covers."""

    number: str
    title: str
    issued_on: date
    content: dict[str, Any] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return content_hash(self.content)


def is_rtl(language: str) -> bool:
    return language in settings.RTL_LANGUAGES


def client_language(code: str | None, default: str = "de") -> str:
    """``code`` if it is one of the client languages, else ``default`` (never an arbitrary string)."""
    known = {c for c, _name in settings.CLIENT_LANGUAGES}
    return code if code in known else default


def ltr(value: Any) -> str:
    """A value that always reads left to right (numbers, dates, file numbers), isolated from its context."""
    return f"{LRI}{value}{PDI}"


def isolated(value: Any) -> str:
    """A value in whatever script (a name), isolated so it keeps its own direction."""
    return f"{FSI}{value}{PDI}"


def format_date(value: date | None) -> str:
    """A date in the active language's short form, isolated left to right; empty if None.

    Some locale formats (Arabic) carry right-to-left marks between the parts; inside a left-to-right isolate
    they would reverse day and year, so they are dropped.
    """
    if not value:
        return ""
    text = formats.date_format(value, "SHORT_DATE_FORMAT")
    return ltr(text.replace("\u200f", "").replace("\u200e", ""))


def _css_string(text: str) -> str:
    """A CSS string literal (for the ``content`` of page margin boxes)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
    return f'"{escaped}"'


def page_counter_css() -> str:
    """``"Seite " counter(page) " von " counter(pages)`` in the active language (the order may differ)."""
    label = pgettext("client", "Seite %(page)s von %(pages)s")
    marker = {"page": "\x00page\x00", "pages": "\x00pages\x00"}
    parts = (label % marker).split("\x00")
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(f"counter({part})")
        elif part:
            out.append(_css_string(part))
    return " ".join(out)


def footer_css(meta: PrintMeta) -> str:
    """The ``content`` value of the footer box with document number and checksum."""
    number = pgettext("client", "Dokument-Nr.")
    checksum = pgettext("client", "Prüfsumme (SHA-256)")
    return _css_string(f"{number} {ltr(meta.number)}\n{checksum}: {ltr(meta.sha256)}")


class _FontsOnlyFetcher(URLFetcher):
    """Loads the installed font files and nothing else: no network, no other local file."""

    def __init__(self, allowed: set[str]) -> None:
        super().__init__(allowed_protocols=("file",))
        self._allowed = allowed

    def fetch(self, url: str, headers: dict | None = None) -> Any:
        if url not in self._allowed:
            raise ValueError(f"resource not allowed in a client PDF: {url}")
        return super().fetch(url, headers)


def render_pdf(template_name: str, context: dict[str, Any], *, language: str) -> bytes:
    """Render ``template_name`` (extending ``printing/base_print.html``) in ``language`` to PDF bytes.

    ``context["meta"]`` must be a ``PrintMeta``. Raises ``fonts.FontsMissing`` if the Noto fonts are missing.
    """
    meta: PrintMeta = context["meta"]
    font_css = fonts.font_face_css()
    allowed = {fonts.font_file(f.family, f.style).resolve().as_uri() for f in fonts.FACES}
    with translation.override(language):
        html = render_to_string(template_name, {
            **context,
            "language": language,
            "direction": "rtl" if is_rtl(language) else "ltr",
            "font_css": font_css,
            "page_counter_css": page_counter_css(),
            "footer_css": footer_css(meta),
            "created": meta.issued_on.isoformat(),
            "sha256": meta.sha256,
            "office_name": isolated(settings.OFFICE_NAME),
        })
    document = HTML(string=html, url_fetcher=_FontsOnlyFetcher(allowed)).render()
    return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=meta.sha256[:32].encode("ascii"))
