"""Reading the PDFs in tests: text (robust to Arabic presentation forms and visual order), fonts, pixels."""

from __future__ import annotations

import io
import unicodedata

import pypdf
import pypdfium2


def reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in reader(pdf).pages)


def letters(value: str) -> str:
    """Only the letters, in base form (NFKC turns Arabic presentation forms back into letters)."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", value) if unicodedata.category(ch).startswith("L"))


def contains_words(pdf_text: str, expected: str) -> bool:
    """Every word of ``expected`` occurs in the text, read forwards or (right-to-left scripts) backwards."""
    haystack = letters(pdf_text)
    words = [letters(w) for w in expected.split()]
    return all(w in haystack or w[::-1] in haystack for w in words if w)


def font_names(pdf: bytes) -> set[str]:
    names: set[str] = set()
    for page in reader(pdf).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for font in fonts.values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def embedded(pdf: bytes) -> bool:
    """Every font on every page carries its font program (FontFile2/FontFile3)."""
    for page in reader(pdf).pages:
        for font in page["/Resources"].get_object().get("/Font", {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target["/FontDescriptor"].get_object()
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                return False
    return True


def first_line_ink(pdf: bytes, page: int = 0, scale: float = 1.0) -> tuple[int, int, int]:
    """(leftmost, rightmost dark pixel column, page width) of the first text line from the top of a page."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[page].render(scale=scale).to_pil().convert("L")
    finally:
        document.close()
    width, height = image.size
    pixels = image.load()
    for y in range(height):
        dark = [x for x in range(width) if pixels[x, y] < 128]
        if dark:
            band = [x for yy in range(y, min(y + 12, height)) for x in range(width) if pixels[x, yy] < 128]
            return min(band), max(band), width
    raise AssertionError("the page is blank")
