"""Test helpers: a supporter with a consent, and submissions made through the service (as a partner would)."""

from __future__ import annotations

from typing import Any

from wegweiser.accounts.policy import DataCategory
from wegweiser.accounts.roles import Role
from wegweiser.consent.tests.samples import grant, partner
from wegweiser.documents.tests.samples import pdf_upload
from wegweiser.inbox import services
from wegweiser.inbox.models import Submission

#: What a consent for submitting both kinds grants.
SUBMIT_CATEGORIES = [DataCategory.IDENTITY, DataCategory.DOCUMENTS]


def supporter_for(person: Any, *, role: Role = Role.UNTERSTUETZENDE, categories: list[DataCategory] | None = None,
                  username: str = "") -> Any:
    """An external account with a valid consent of ``person`` (identity and documents unless said)."""
    user = partner(role, username=username)
    grant(person, to=user, categories=categories or SUBMIT_CATEGORIES)
    return user


def evidence(user: Any, person: Any, *, title: str = "Zertifikat Deutsch B1", kind: str = "certificate",
             text: str = "Prüfung bestanden") -> Submission:
    return services.submit_evidence(user, person, upload=pdf_upload("b1.pdf"), kind=kind, title=title, text=text)


def message(user: Any, person: Any, *, subject: str = "Termin", text: str = "Kann Frau H. am Montag kommen?") -> Submission:
    return services.send_message(user, person, subject=subject, text=text)
