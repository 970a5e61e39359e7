"""Create the default Beratungskonzept if the office has none yet (the migration does this, too)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from wegweiser.counselling import defaults
from wegweiser.counselling.models import Concept, CounsellingType, Topic


class Command(BaseCommand):
    help = "Legt das Standard-Beratungskonzept an, wenn noch keines besteht."

    def handle(self, *args, **options) -> None:
        concept = defaults.load(Concept, CounsellingType, Topic, valid_from=timezone.localdate())
        if concept is None:
            self.stdout.write("Ein Beratungskonzept besteht bereits; nichts geändert.")
        else:
            self.stdout.write(f"Beratungskonzept Fassung {concept.version} angelegt.")
