"""Print the current second-factor code of an account, so a demo user can log in without a phone.

It reads the TOTP secret, which makes the second factor worthless for that account; therefore it refuses
to run unless DEBUG is on (development and demo installations only).
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from wegweiser.accounts.models import User
from wegweiser.accounts.services import current_code


class Command(BaseCommand):
    help = "Zeigt den aktuellen Code des zweiten Faktors eines Kontos (nur mit DEBUG=True, für Demos)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="Benutzername des Kontos")

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                _(
                    "totp_code läuft nur mit DEBUG=True (Entwicklung und Demo). "
                    "In Produktion würde es den zweiten Faktor aushebeln."
                )
            )
        username = options["username"]
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("Kein Konto mit dem Benutzernamen „%(username)s“.") % {"username": username})
        # The confirmed device; during the first log-in the one being enrolled (the QR code on screen).
        device = (
            TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()
            or TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
        )
        if device is None:
            raise CommandError(
                _(
                    "Das Konto „%(username)s“ hat noch keinen zweiten Faktor. Melden Sie sich zuerst mit dem "
                    "Passwort an; danach zeigt dieser Befehl den Code zur Einrichtung."
                )
                % {"username": username}
            )
        self.stdout.write(current_code(device))
