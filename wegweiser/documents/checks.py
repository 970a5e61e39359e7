"""Checking an uploaded file by its content: only real PDF, JPEG and PNG files are accepted.

The file name and the type the browser sends are ignored; both are under the uploader's control.
"""

from __future__ import annotations

import math
from pathlib import Path

import filetype
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _
from PIL import Image

#: Accepted types and the file extension a download gets.
ALLOWED_TYPES: dict[str, str] = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
_PIL_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}
_HEAD_BYTES = 8192
_PDF_TAIL_BYTES = 2048


_MIB = 1024 * 1024


def megabytes(size: int) -> str:
    """A limit as MB for messages: "10" for exactly 10 MiB, otherwise one decimal ("0,5")."""
    whole = size % _MIB == 0
    return formats.number_format(round(size / _MIB, 1), decimal_pos=0 if whole else 1, use_l10n=True)


def size_limit_message(limit: int, size: int | None = None) -> str:
    limit_mb = megabytes(limit)
    if size is None:
        return _("Die Datei ist zu groß. Erlaubt sind höchstens %(limit)s MB.") % {"limit": limit_mb}
    # Rounded up, so a file just over the limit never reads as "10,0 MB, allowed 10 MB".
    size_mb = formats.number_format(math.ceil(size * 10 / _MIB) / 10, decimal_pos=1, use_l10n=True)
    return _("Die Datei ist zu groß (%(size)s MB). Erlaubt sind höchstens %(limit)s MB.") % {
        "size": size_mb, "limit": limit_mb,
    }


def detect_content_type(path: Path) -> str:
    """The MIME type of the file at ``path`` if it is an accepted, intact document; ValidationError otherwise."""
    with path.open("rb") as fh:
        head = fh.read(_HEAD_BYTES)
    if not head:
        raise ValidationError(_("Die Datei ist leer."), code="empty")
    guessed = filetype.guess(head)
    mime = guessed.mime if guessed is not None else ""
    if mime not in ALLOWED_TYPES:
        raise ValidationError(
            _("Nur PDF-, JPEG- und PNG-Dateien können hochgeladen werden. Der Inhalt dieser Datei ist keines davon."),
            code="type",
        )
    if mime == "application/pdf":
        _check_pdf(path, head)
    else:
        _check_image(path, mime)
    return mime


def _check_pdf(path: Path, head: bytes) -> None:
    size = path.stat().st_size
    with path.open("rb") as fh:
        fh.seek(max(0, size - _PDF_TAIL_BYTES))
        tail = fh.read()
    if not head.startswith(b"%PDF-") or b"%%EOF" not in tail:
        raise ValidationError(_("Die PDF-Datei ist unvollständig oder beschädigt."), code="pdf")


def _check_image(path: Path, mime: str) -> None:
    try:
        with Image.open(path) as image:
            image_format = image.format
            image.verify()
    except Exception as exc:  # Pillow raises many kinds of errors for broken or hostile images
        raise ValidationError(_("Das Bild ist beschädigt und kann nicht angenommen werden."), code="image") from exc
    if image_format != _PIL_FORMATS[mime]:
        raise ValidationError(_("Das Bild ist beschädigt und kann nicht angenommen werden."), code="image")
