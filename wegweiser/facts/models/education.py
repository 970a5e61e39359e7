"""School, qualifications and vocational training."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import Errors, Fact, not_before, not_in_future, yes_no_unknown


class SchoolAttendance(Fact):
    """Attendance at a school in Germany (for children too: recorded on the child's file)."""

    school = models.CharField(_("Schule"), max_length=200, blank=True)
    school_type = models.CharField(_("Schulform"), max_length=100, blank=True)
    attended_from = models.DateField(_("von"))
    attended_until = models.DateField(_("bis"), null=True, blank=True)
    regular = yes_no_unknown(_("regelmäßiger Schulbesuch"))

    class Meta(Fact.Meta):
        verbose_name = _("Schulbesuch")
        verbose_name_plural = _("Schulbesuche")

    def check_values(self, errors: Errors) -> None:
        super().check_values(errors)
        not_before(self, errors, "attended_until", "attended_from")


class QualificationKind(models.TextChoices):
    HAUPTSCHULE = "hauptschule", _("Hauptschulabschluss")
    MITTLERE_REIFE = "mittlere_reife", _("mittlerer Schulabschluss")
    ABITUR = "abitur", _("Hochschulreife")
    VOCATIONAL = "vocational", _("Berufsabschluss")
    ACADEMIC = "academic", _("Hochschulabschluss")
    FOREIGN = "foreign", _("ausländischer Abschluss")


class Qualification(Fact):
    kind = models.CharField(_("Abschluss"), max_length=20, choices=QualificationKind.choices)
    title = models.CharField(_("Bezeichnung"), max_length=200, blank=True)
    obtained_on = models.DateField(_("erworben am"), null=True, blank=True)
    obtained_in_germany = yes_no_unknown(_("in Deutschland erworben"))
    recognised = yes_no_unknown(_("anerkannt / vergleichbar"))

    class Meta(Fact.Meta):
        verbose_name = _("Abschluss")
        verbose_name_plural = _("Abschlüsse")

    def check_values(self, errors: Errors) -> None:
        super().check_values(errors)
        not_in_future(self, errors, "obtained_on")


class TrainingKind(models.TextChoices):
    QUALIFIED = "qualified", _("qualifizierte Berufsausbildung (staatlich anerkannt, mind. 2 Jahre)")
    ASSISTANT = "assistant", _("Assistenz-/Helferausbildung")
    PREPARATORY = "preparatory", _("berufsvorbereitende Maßnahme")


class VocationalTraining(Fact):
    kind = models.CharField(_("Art"), max_length=20, choices=TrainingKind.choices)
    occupation = models.CharField(_("Beruf"), max_length=200)
    provider = models.CharField(_("Ausbildungsbetrieb / Schule"), max_length=200, blank=True)
    contract_signed_on = models.DateField(_("Vertrag geschlossen am"), null=True, blank=True)
    starts_on = models.DateField(_("Beginn"), null=True, blank=True)
    ends_on = models.DateField(_("voraussichtliches Ende"), null=True, blank=True)
    registered = yes_no_unknown(
        _("eingetragen"), help_text=_("im Verzeichnis der Berufsausbildungsverhältnisse (Kammer)")
    )
    terminated_on = models.DateField(_("abgebrochen am"), null=True, blank=True)

    class Meta(Fact.Meta):
        verbose_name = _("Berufsausbildung")
        verbose_name_plural = _("Berufsausbildungen")

    def check_values(self, errors: Errors) -> None:
        super().check_values(errors)
        not_in_future(self, errors, "contract_signed_on", "terminated_on")
        not_before(self, errors, "ends_on", "starts_on")
        not_before(self, errors, "terminated_on", "starts_on")
