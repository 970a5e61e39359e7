"""Send a notification to one staff user, and mark notifications read.

A notification holds only what the sender wrote. The e-mail copy leaves the protected system, so when the
notification concerns a person it says only that something is waiting in Wegweiser; the text itself is read
after logging in.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.mail import send_mail
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from ..models import Notification

logger = logging.getLogger(__name__)


def _check_url(url: str) -> None:
    """Only links inside Wegweiser: a notification must never send its reader to another site."""
    if url and not (url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None)):
        raise ValueError(f"Notification links must be local paths, got {url!r}")


def _email_body(notification: Notification) -> str:
    if notification.person_id is not None:
        return _(
            "In Wegweiser liegt eine neue Benachrichtigung zu einer Akte für Sie vor. "
            "Bitte melden Sie sich an, um sie zu lesen."
        )
    return _("%(message)s\n\nSie finden diese Benachrichtigung auch in Wegweiser unter „Benachrichtigungen“.") % {
        "message": notification.message
    }


def _send_email(notification: Notification) -> None:
    address = getattr(notification.recipient, "email", "")
    if not address:
        return
    try:
        send_mail(_("Wegweiser: neue Benachrichtigung"), _email_body(notification), None, [address])
    except Exception:  # the notification itself is stored; a mail server problem must not undo it
        logger.exception("Could not e-mail notification %s", notification.pk)


def notify(recipient: Any, *, message: str, url: str = "", person: Any = None, send_email: bool = False) -> Notification:
    """Store a notification for ``recipient`` (and e-mail it when wanted and an address is known)."""
    if not message.strip():
        raise ValueError("A notification needs a message.")
    _check_url(url)
    notification = Notification.objects.create(recipient=recipient, message=message, url=url, person=person)
    if send_email:
        _send_email(notification)
    return notification


def own_notifications(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def unread_count(user: Any) -> int:
    return own_notifications(user).filter(read_at__isnull=True).count()


def mark_read(user: Any, notification: Notification) -> None:
    """Mark one of the user's own notifications read (the caller fetched it through ``own_notifications``)."""
    if notification.recipient_id != user.pk:
        raise ValueError("Only the recipient marks a notification read.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def mark_all_read(user: Any) -> int:
    return own_notifications(user).filter(read_at__isnull=True).update(read_at=timezone.now())
