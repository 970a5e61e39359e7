"""Language certificates, civic tests and the integration course."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import SMALLINT_MAX, Errors, Fact, in_range, not_in_future, yes_no_unknown


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

    def check_values(self, errors: Errors) -> None:
        super().check_values(errors)
        not_in_future(self, errors, "issued_on")


class CivicTestKind(models.TextChoices):
    LEBEN_IN_DEUTSCHLAND = "lid", _("Test „Leben in Deutschland“")
    EINBUERGERUNGSTEST = "einbuergerungstest", _("Einbürgerungstest")


#: Both tests have 33 questions; the pass mark differs (15 for "Leben in Deutschland", 17 for naturalisation).
CIVIC_TEST_MAX_POINTS = {CivicTestKind.LEBEN_IN_DEUTSCHLAND: 33, CivicTestKind.EINBUERGERUNGSTEST: 33}
CIVIC_TEST_PASS_MARK = {CivicTestKind.LEBEN_IN_DEUTSCHLAND: 15, CivicTestKind.EINBUERGERUNGSTEST: 17}


class CivicTest(Fact):
    kind = models.CharField(_("Test"), max_length=20, choices=CivicTestKind.choices)
    passed = yes_no_unknown(_("bestanden"))
    # Range checked per test in check_values; the explicit storage bound keeps the API schema database-independent.
    points = models.PositiveSmallIntegerField(_("Punkte"), null=True, blank=True, validators=[MaxValueValidator(SMALLINT_MAX)])
    taken_on = models.DateField(_("abgelegt am"))

    class Meta(Fact.Meta):
        verbose_name = _("Orientierungs-/Einbürgerungstest")
        verbose_name_plural = _("Orientierungs-/Einbürgerungstests")

    def check_values(self, errors: Errors) -> None:
        super().check_values(errors)
        not_in_future(self, errors, "taken_on")
        if self.kind not in CIVIC_TEST_MAX_POINTS or self.points is None:
            return
        maximum, mark = CIVIC_TEST_MAX_POINTS[self.kind], CIVIC_TEST_PASS_MARK[self.kind]
        in_range(
            self, errors, "points", 0, maximum,
            _("Bei diesem Test sind 0 bis %(max)s Punkte möglich.") % {"max": maximum},
        )
        if "points" in errors:
            return
        if self.passed is True and self.points < mark:
            errors.setdefault("passed", []).append(
                str(_("Mit %(points)s Punkten ist der Test nicht bestanden (nötig sind %(mark)s).") % {
                    "points": self.points, "mark": mark,
                })
            )
        elif self.passed is False and self.points >= mark:
            errors.setdefault("passed", []).append(
                str(_("Mit %(points)s Punkten ist der Test bestanden (nötig sind %(mark)s).") % {
                    "points": self.points, "mark": mark,
                })
            )


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
    was_possible = yes_no_unknown(
        _("Kursbesuch war möglich"), help_text=_("Ein Integrationskurs war für die Person erreichbar (§ 25b AufenthG).")
    )

    class Meta(Fact.Meta):
        verbose_name = _("Integrationskurs")
        verbose_name_plural = _("Integrationskurs")

    def check_values(self, errors: Errors) -> None:
        super().check_values(errors)
        not_in_future(self, errors, "status_date")
        if self.obliged is False and self.status == CourseStatus.OBLIGED:
            errors.setdefault("status", []).append(
                str(_("Der Stand „verpflichtet“ passt nicht zu „zur Teilnahme verpflichtet: nein“."))
            )
