"""The fonts every client PDF embeds, found through fontconfig.

Noto Sans covers Latin and Cyrillic, Noto Naskh Arabic covers Arabic and Persian (Debian package
``fonts-noto-core``). The files are named in ``@font-face`` rules, so a PDF never depends on whatever fallback
font a server happens to have: without them a PDF in Arabic would silently show empty boxes.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


class FontsMissing(ImproperlyConfigured):
    """A font the PDFs need is not installed."""


@dataclass(frozen=True)
class Face:
    css_family: str  # the name our stylesheets use
    family: str  # the fontconfig family name
    style: str  # the fontconfig style
    weight: int
    italic: bool = False


#: Our own family names, so that an installed font of the same name can never stand in unnoticed.
SANS = "Wegweiser Noto Sans"
ARABIC = "Wegweiser Noto Naskh Arabic"

FACES = (
    Face(SANS, "Noto Sans", "Regular", 400),
    Face(SANS, "Noto Sans", "Bold", 700),
    Face(SANS, "Noto Sans", "Italic", 400, italic=True),
    Face(ARABIC, "Noto Naskh Arabic", "Regular", 400),
    Face(ARABIC, "Noto Naskh Arabic", "Bold", 700),
)

INSTALL_HINT = "install the Debian package fonts-noto-core (scripts/setup.sh does)"


def _fc_list(family: str, style: str) -> list[Path]:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        raise FontsMissing(f"fontconfig (fc-list) is not installed; the PDFs need it to find their fonts: {INSTALL_HINT}")
    result = subprocess.run(  # noqa: S603 (fixed program and arguments from FACES, no user input)
        [fc_list, "--format", "%{file}\n", f"{family}:style={style}"], capture_output=True, text=True, timeout=30,
        check=False,
    )
    return sorted(Path(line) for line in result.stdout.splitlines() if line.strip())


@cache
def font_file(family: str, style: str) -> Path:
    """The installed file of one face (TrueType preferred); FontsMissing names what to install."""
    files = [f for f in _fc_list(family, style) if f.is_file()]
    files.sort(key=lambda f: (f.suffix.lower() != ".ttf", str(f)))
    if not files:
        raise FontsMissing(f"font {family} {style} not found by fontconfig: {INSTALL_HINT}")
    return files[0]


def font_face_css() -> str:
    """``@font-face`` rules for every face, pointing at the installed files (file: URLs)."""
    rules = []
    for face in FACES:
        url = font_file(face.family, face.style).resolve().as_uri()
        rules.append(
            f'@font-face {{ font-family: "{face.css_family}"; src: url("{url}"); '
            f"font-weight: {face.weight}; font-style: {'italic' if face.italic else 'normal'}; }}"
        )
    return "\n".join(rules)
