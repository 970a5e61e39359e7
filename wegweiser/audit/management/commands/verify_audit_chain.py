"""``manage.py verify_audit_chain``: exit 0 when the chain is intact, 1 naming the first broken link."""

from django.core.management.base import BaseCommand, CommandError

from wegweiser.audit.services import verify_chain


class Command(BaseCommand):
    help = "Prüft die Hash-Kette des Protokolls und nennt die erste Bruchstelle."

    def handle(self, *args, **options):
        result = verify_chain()
        if not result.ok:
            raise CommandError(result.message(), returncode=1)
        self.stdout.write(result.message())
