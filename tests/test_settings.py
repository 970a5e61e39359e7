"""Production settings: secure by default, configured from the environment, check --deploy clean."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wegweiser.conf.mail import mailer_from_url

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "wegweiser.conf.production",
    "SECRET_KEY": "k" * 20 + "an-example-key-that-is-long-enough-for-the-check-0123456789",
    "ALLOWED_HOSTS": "wegweiser.kreis.example",
    "EMAIL_URL": "smtp+tls://wegweiser:geheim@mail.kreis.example:587",
    "DATABASE_URL": "sqlite:///:memory:",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECRET_KEY", "ALLOWED_HOSTS"))}
    return subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning", "manage.py", *args],
        cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("missing", "message"),
    [("SECRET_KEY", "SECRET_KEY must be set"), ("ALLOWED_HOSTS", "ALLOWED_HOSTS must be set")],
)
def test_production_refuses_to_start_without_secrets(missing, message):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = _manage("check", env=env)
    assert result.returncode != 0 and message in result.stderr


def test_short_secret_key_is_refused():
    result = _manage("check", env={**PRODUCTION_ENV, "SECRET_KEY": "too-short"})
    assert result.returncode != 0 and "at least 50 characters" in result.stderr


def test_console_mail_in_production_is_flagged_by_check_deploy():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "EMAIL_URL"}
    result = _manage("check", "--deploy", env=env)
    assert result.returncode != 0 and "mail.E001" in result.stdout + result.stderr


def test_production_defaults_are_secure():
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS >= 31536000, s.PASSWORD_HASHERS[0].endswith('Argon2PasswordHasher'),"
        " s.SESSION_COOKIE_HTTPONLY, s.CELERY_TASK_ALWAYS_EAGER)"
    )
    result = _manage("shell", "--no-imports", "-c", code, env={**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/0"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True", "True", "True", "True", "True", "False"]


@pytest.mark.parametrize(
    ("url", "backend", "options"),
    [
        ("smtp+tls://u%40kreis:p@mail.example:587?timeout=10", "smtp.EmailBackend",
         {"host": "mail.example", "port": 587, "use_tls": True, "username": "u@kreis", "password": "p", "timeout": 10.0}),
        ("smtps://mail.example", "smtp.EmailBackend", {"host": "mail.example", "use_ssl": True}),
        ("consolemail://", "console.EmailBackend", {}),
        ("filemail:///var/mail/wegweiser", "filebased.EmailBackend", {"file_path": "/var/mail/wegweiser"}),
    ],
)
def test_mail_url_becomes_a_mailer(url, backend, options):
    mailer = mailer_from_url(url)
    assert mailer["BACKEND"] == "django.core.mail.backends." + backend
    assert mailer["OPTIONS"] == options


@pytest.mark.parametrize("url", ["smtp://", "gopher://x", "smtp://h?colour=blue", "filemail://relative", "smtp://h:notaport"])
def test_bad_mail_urls_are_refused_with_a_message(url):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        mailer_from_url(url)
