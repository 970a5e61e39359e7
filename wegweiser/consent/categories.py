"""Plain-language names of the data categories a consent covers: German for staff, "client" for the person."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wegweiser.accounts.policy import DataCategory

#: Order and German labels of the checkboxes on the consent form and the lists of the pages.
LABELS = {
    DataCategory.IDENTITY: _("Angaben zur Person (Name, Geburtsdatum, Staatsangehörigkeit, Anschrift, Kontakt)"),
    DataCategory.RESIDENCE: _("Aufenthaltsstatus und bisheriger Aufenthalt"),
    DataCategory.INTEGRATION: _("Integration: Sprache, Schule, Ausbildung, Arbeit, Lebensunterhalt"),
    DataCategory.FAMILY: _("Familie und Haushalt"),
    DataCategory.DOCUMENTS: _("Liste der eingereichten Dokumente (ohne die Dateien)"),
    DataCategory.HEALTH: _("Gesundheit"),
    DataCategory.CRIMINAL: _("Strafrechtliche Angaben"),
    DataCategory.NOTES: _("Vermerke der Ausländerbehörde"),
}

#: The same for the printed declaration the person signs.
CLIENT_LABELS = {
    DataCategory.IDENTITY: pgettext_lazy(
        "client", "Angaben zu meiner Person (Name, Geburtsdatum, Staatsangehörigkeit, Anschrift, Kontakt)"),
    DataCategory.RESIDENCE: pgettext_lazy("client", "mein Aufenthaltsstatus und mein bisheriger Aufenthalt"),
    DataCategory.INTEGRATION: pgettext_lazy(
        "client", "meine Integration: Sprache, Schule, Ausbildung, Arbeit, Lebensunterhalt"),
    DataCategory.FAMILY: pgettext_lazy("client", "meine Familie und mein Haushalt"),
    DataCategory.DOCUMENTS: pgettext_lazy("client", "die Liste meiner eingereichten Dokumente (ohne die Dateien)"),
    DataCategory.HEALTH: pgettext_lazy("client", "meine Gesundheit"),
    DataCategory.CRIMINAL: pgettext_lazy("client", "strafrechtliche Angaben"),
    DataCategory.NOTES: pgettext_lazy("client", "Vermerke der Ausländerbehörde"),
}


def ordered(values: list[str]) -> list[DataCategory]:
    """The known categories among ``values``, in the order of the form."""
    return [category for category in LABELS if category.value in values]


def labels_of(values: list[str]) -> list[str]:
    return [str(LABELS[category]) for category in ordered(values)]
