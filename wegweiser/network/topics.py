"""The fixed list of topics an organisation of the network offers help with.

Keys are stored (``Organisation.topics`` is a JSON list of them). Staff read the labels in their language
(German/English); the "Angebote für Sie" sheet prints the client labels (message context "client"), which are
translated into every client language. One place, so that filter, forms and sheet agree.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Topic(models.TextChoices):
    SPRACHE = "sprache", _("Sprache und Sprachkurse")
    ARBEIT = "arbeit", _("Arbeit")
    AUSBILDUNG = "ausbildung", _("Ausbildung und Studium")
    SCHULE = "schule", _("Schule")
    AUFENTHALT_BERATUNG = "aufenthalt_beratung", _("Beratung zum Aufenthalt")
    RECHTSBERATUNG = "rechtsberatung", _("Rechtsberatung")
    GESUNDHEIT = "gesundheit", _("Gesundheit")
    WOHNEN = "wohnen", _("Wohnen")
    FAMILIE = "familie", _("Familie")
    RUECKKEHR = "rueckkehr", _("Rückkehr und Weiterwanderung")
    EHRENAMT = "ehrenamt", _("Ehrenamtliche Begleitung")


TOPIC_KEYS: frozenset[str] = frozenset(Topic.values)

#: The same topics as the person reads them on the "Angebote für Sie" sheet.
CLIENT_LABELS = {
    Topic.SPRACHE: pgettext_lazy("client", "Deutsch lernen"),
    Topic.ARBEIT: pgettext_lazy("client", "Arbeit finden"),
    Topic.AUSBILDUNG: pgettext_lazy("client", "Ausbildung und Studium"),
    Topic.SCHULE: pgettext_lazy("client", "Schule"),
    Topic.AUFENTHALT_BERATUNG: pgettext_lazy("client", "Beratung zu Ihrem Aufenthalt"),
    Topic.RECHTSBERATUNG: pgettext_lazy("client", "Rechtsberatung"),
    Topic.GESUNDHEIT: pgettext_lazy("client", "Gesundheit"),
    Topic.WOHNEN: pgettext_lazy("client", "Wohnen"),
    Topic.FAMILIE: pgettext_lazy("client", "Familie"),
    Topic.RUECKKEHR: pgettext_lazy("client", "Rückkehr und Weiterwanderung"),
    Topic.EHRENAMT: pgettext_lazy("client", "Begleitung durch Ehrenamtliche"),
}


def topic_label(key: str) -> str:
    """The staff label of a topic key; an unknown key (from older data) is shown as stored."""
    return str(Topic(key).label) if key in TOPIC_KEYS else key
