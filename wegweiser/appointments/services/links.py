"""Signed links to manage an appointment without an account (cancel, rebook, confirm an offer).

The token signs the appointment id with its current ``link_nonce``: cancelling or rebooking sets a new nonce,
so a forwarded old e-mail cannot touch the new appointment. The token carries no timestamp (a plain
``Signer``): the same appointment always gets the same link, in the confirmation and in every reminder.
"""

from __future__ import annotations

from django.core import signing

from ..models import Appointment

_SALT = "wegweiser.appointments.manage"


def make_token(appointment: Appointment) -> str:
    return signing.Signer(salt=_SALT).sign_object({"a": appointment.pk, "n": appointment.link_nonce}, compress=True)


def resolve(token: str) -> Appointment | None:
    """The appointment the token was made for, or None (forged, or an old link after a change)."""
    try:
        data = signing.Signer(salt=_SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    appointment = Appointment.objects.select_related("service", "counter").filter(pk=data.get("a")).first()
    if appointment is None or not data.get("n") or appointment.link_nonce != data["n"]:
        return None
    return appointment
