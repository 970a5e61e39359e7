"""Declarations and the state of removal: commitments (§ 10 StAG, § 25b AufenthG), expulsion or removal
orders and obstruction of removal — each a fact the pathway rules read and the file had no field for."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import Errors, Fact, not_before, not_in_future, yes_no_unknown


class CommitmentKind(models.TextChoices):
    FDGO = "fdgo", _("Bekenntnis zur freiheitlichen demokratischen Grundordnung")
    HISTORICAL_RESPONSIBILITY = "historical_responsibility", _(
        "Bekenntnis zur historischen Verantwortung Deutschlands (§ 10 Abs. 1 S. 1 Nr. 1a StAG)"
    )


class Commitment(Fact):
    kind = models.CharField(_("Bekenntnis"), max_length=30, choices=CommitmentKind.choices)
    declared_on = models.DateField(_("abgegeben am"))

    class Meta(Fact.Meta):
        verbose_name = _("Bekenntnis")
        verbose_name_plural = _("Bekenntnisse")

    def check_values(self, errors: Errors) -> None:
        super().check_values(errors)
        not_in_future(self, errors, "declared_on")


class ExpulsionOrderKind(models.TextChoices):
    EXPULSION = "expulsion", _("Ausweisungsverfügung (§ 53 AufenthG)")
    REMOVAL_ORDER = "removal_order", _("Abschiebungsanordnung (§ 58a AufenthG)")


class ExpulsionOrder(Fact):
    """Whether an expulsion or removal order exists, as of the date of the statement (“Stand”)."""

    category = "residence"

    exists = yes_no_unknown(_("Ausweisungsverfügung oder Abschiebungsanordnung besteht"))
    kind = models.CharField(_("Art"), max_length=20, choices=ExpulsionOrderKind.choices, blank=True)
    issued_on = models.DateField(_("verfügt am"), null=True, blank=True)

    class Meta(Fact.Meta):
        verbose_name = _("Ausweisung oder Abschiebungsanordnung")
        verbose_name_plural = _("Ausweisung oder Abschiebungsanordnung")

    def check_values(self, errors: Errors) -> None:
        super().check_values(errors)
        not_in_future(self, errors, "issued_on")
        not_before(self, errors, "source_date", "issued_on")
        if self.exists is None:
            errors.setdefault("exists", []).append(str(_("Bitte „ja“ oder „nein“ angeben.")))
        elif not self.exists and (self.kind or self.issued_on):
            errors.setdefault("exists", []).append(
                str(_("Art und Datum einer Verfügung passen nicht zu „besteht: nein“."))
            )


class RemovalObstruction(Fact):
    """Whether the person currently prevents the end of the stay, as of the date of the statement."""

    category = "residence"

    false_statements_or_deception = yes_no_unknown(
        _("durch eigene falsche Angaben oder Täuschung über Identität oder Staatsangehörigkeit")
    )
    non_cooperation = yes_no_unknown(_("durch Nichterfüllung zumutbarer Mitwirkungspflichten"))
    repeated = yes_no_unknown(_("wiederholt"))

    class Meta(Fact.Meta):
        verbose_name = _("Verhinderung der Aufenthaltsbeendigung")
        verbose_name_plural = _("Verhinderung der Aufenthaltsbeendigung")
