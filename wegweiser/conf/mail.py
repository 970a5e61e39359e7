"""Mail configuration from one URL, in the form Django 6.1 expects (``MAILERS``).

Django 6.1 deprecates the ``EMAIL_*`` settings in favour of ``MAILERS``; defining both is an error. Offices
configure mail with a single ``EMAIL_URL`` (the scheme names follow django-environ, so existing
deployment notes keep working), and this module turns it into a ``MAILERS["default"]`` entry.

Supported URLs:

- ``smtp://user:password@host:25`` – plain SMTP (only inside a trusted network)
- ``smtp+tls://user:password@host:587`` (also ``submission://``) – SMTP with STARTTLS
- ``smtps://user:password@host:465`` (also ``smtp+ssl://``) – SMTP over TLS
- ``consolemail://`` – print mails to the console (quick start)
- ``filemail:///absolute/path`` – write mails as files into a directory
- ``memorymail://`` – keep mails in memory (tests)
- ``dummymail://`` – discard mails

Query parameters: ``timeout`` (seconds), ``ssl_certfile``, ``ssl_keyfile``. User name and password may be
percent-encoded (``%40`` for ``@``).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_BACKENDS = "django.core.mail.backends."
_SMTP_SCHEMES = {
    "smtp": {},
    "smtp+tls": {"use_tls": True},
    "submission": {"use_tls": True},
    "smtps": {"use_ssl": True},
    "smtp+ssl": {"use_ssl": True},
}
_SIMPLE_SCHEMES = {
    "consolemail": _BACKENDS + "console.EmailBackend",
    "memorymail": _BACKENDS + "locmem.EmailBackend",
    "dummymail": _BACKENDS + "dummy.EmailBackend",
}


def mailer_from_url(url: str) -> dict[str, Any]:
    """One ``MAILERS`` entry (``{"BACKEND": ..., "OPTIONS": {...}}``) for a mail URL."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}

    if scheme in _SIMPLE_SCHEMES:
        return {"BACKEND": _SIMPLE_SCHEMES[scheme], "OPTIONS": {}}

    if scheme == "filemail":
        path = unquote(parts.path)
        if not path.startswith("/"):
            raise ImproperlyConfigured("EMAIL_URL filemail:// needs an absolute directory, e.g. filemail:///var/mail.")
        return {"BACKEND": _BACKENDS + "filebased.EmailBackend", "OPTIONS": {"file_path": path}}

    if scheme in _SMTP_SCHEMES:
        if not parts.hostname:
            raise ImproperlyConfigured(f"EMAIL_URL {scheme}:// needs a host name.")
        options: dict[str, Any] = {"host": parts.hostname, **_SMTP_SCHEMES[scheme]}
        try:
            port = parts.port
        except ValueError as exc:
            raise ImproperlyConfigured("EMAIL_URL has an invalid port.") from exc
        if port is not None:
            options["port"] = port
        if parts.username:
            options["username"] = unquote(parts.username)
        if parts.password:
            options["password"] = unquote(parts.password)
        if "timeout" in query:
            try:
                options["timeout"] = float(query.pop("timeout"))
            except ValueError as exc:
                raise ImproperlyConfigured("EMAIL_URL timeout must be a number of seconds.") from exc
        for key in ("ssl_certfile", "ssl_keyfile"):
            if key in query:
                options[key] = query.pop(key)
        if query:
            raise ImproperlyConfigured(f"EMAIL_URL has unknown parameters: {', '.join(sorted(query))}.")
        return {"BACKEND": _BACKENDS + "smtp.EmailBackend", "OPTIONS": options}

    raise ImproperlyConfigured(
        f"EMAIL_URL scheme {scheme!r} is not supported; use smtp, smtp+tls, smtps, consolemail, filemail, "
        "memorymail or dummymail."
    )
