"""Language certificates, civic tests and the integration course."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import Fact, yes_no_unknown


class CefrLevel(models.TextChoices):
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


class CertificateScope(models.TextChoices):
    ORAL = "oral", _("nur mündlich")
    COMPLETE = "complete", _("vollständig (alle Teile)")


class LanguageCertificate(Fact):
    level = models.CharField(_("Niveau (GER)"), max_length=2, choices=CefrLevel.choices)
    scope = models.CharField(_("Umfang"), max_length=10, choices=CertificateScope.choices)
    exam = models.CharField(_("Prüfung"), max_length=100, blank=True, help_text=_("z. B. DTZ, telc, Goethe"))
    issued_on = models.DateField(_("Datum des Zeugnisses"))

    class Meta(Fact.Meta):
        verbose_name = _("Sprachzertifikat")
        verbose_name_plural = _("Sprachzertifikate")


class CivicTestKind(models.TextChoices):
    LEBEN_IN_DEUTSCHLAND = "lid", _("Test „Leben in Deutschland“")
    EINBUERGERUNGSTEST = "einbuergerungstest", _("Einbürgerungstest")


class CivicTest(Fact):
    kind = models.CharField(_("Test"), max_length=20, choices=CivicTestKind.choices)
    passed = yes_no_unknown(_("bestanden"))
    points = models.PositiveSmallIntegerField(_("Punkte"), null=True, blank=True)
    taken_on = models.DateField(_("abgelegt am"))

    class Meta(Fact.Meta):
        verbose_name = _("Orientierungs-/Einbürgerungstest")
        verbose_name_plural = _("Orientierungs-/Einbürgerungstests")


class CourseStatus(models.TextChoices):
    OBLIGED = "obliged", _("verpflichtet, noch nicht begonnen")
    ENROLLED = "enrolled", _("nimmt teil")
    COMPLETED = "completed", _("erfolgreich abgeschlossen")
    ATTENDED = "attended", _("ordnungsgemäß teilgenommen, ohne Abschluss")
    EXEMPT = "exempt", _("befreit")
    NOT_OBLIGED = "not_obliged", _("nicht verpflichtet")


class IntegrationCourse(Fact):
    obliged = yes_no_unknown(_("zur Teilnahme verpflichtet"))
    status = models.CharField(_("Stand"), max_length=20, choices=CourseStatus.choices)
    status_date = models.DateField(_("Stand vom"), null=True, blank=True)

    class Meta(Fact.Meta):
        verbose_name = _("Integrationskurs")
        verbose_name_plural = _("Integrationskurs")
