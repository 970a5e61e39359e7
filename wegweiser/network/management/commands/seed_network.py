"""manage.py seed_network: the fictional network directory of the demo Kreis Beispielstadt."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wegweiser.network.demo_directory import ForeignDirectory, seed_directory


class Command(BaseCommand):
    help = "Legt das fiktive Netzwerk-Verzeichnis des Demo-Kreises Beispielstadt an (oder frischt es auf)."

    def handle(self, *args, **options) -> None:
        try:
            counts = seed_directory()
        except ForeignDirectory as exc:
            raise CommandError(_(
                "Das Netzwerk-Verzeichnis enthält %(count)d Einträge, die nicht aus den Demodaten stammen. "
                "Demodaten werden nie mit echten Einträgen gemischt."
            ) % {"count": exc.args[0]}) from None
        self.stdout.write(self.style.SUCCESS(
            _("Netzwerk: %(organisations)d Organisationen, %(contacts)d Kontaktpersonen (fiktiv).") % counts
        ))
