"""The fact kinds, in the order the case file shows them; views and forms are generated from this list."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from . import models as m


@dataclass(frozen=True)
class FactKind:
    slug: str
    model: type[models.Model]

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    @property
    def category(self) -> str:
        return self.model.category


FACT_KINDS: tuple[FactKind, ...] = (
    FactKind("identity", m.IdentityClarification),
    FactKind("identity-steps", m.IdentityStep),
    FactKind("passports", m.Passport),
    FactKind("language-certificates", m.LanguageCertificate),
    FactKind("civic-tests", m.CivicTest),
    FactKind("integration-course", m.IntegrationCourse),
    FactKind("school", m.SchoolAttendance),
    FactKind("qualifications", m.Qualification),
    FactKind("vocational-training", m.VocationalTraining),
    FactKind("employment", m.Employment),
    FactKind("livelihood", m.Livelihood),
    FactKind("housing", m.Housing),
    FactKind("pension", m.PensionContributions),
    FactKind("convictions", m.Conviction),
    FactKind("expulsion-interests", m.ExpulsionInterest),
    FactKind("extremism", m.ExtremismIndication),
    FactKind("expulsion-orders", m.ExpulsionOrder),
    FactKind("removal-obstruction", m.RemovalObstruction),
    FactKind("commitments", m.Commitment),
    FactKind("health-exemptions", m.HealthExemption),
    FactKind("judgements", m.Judgement),
)
BY_SLUG = {kind.slug: kind for kind in FACT_KINDS}
BY_MODEL = {kind.model: kind for kind in FACT_KINDS}


def kind_of(model: type[models.Model]) -> FactKind:
    """The registry entry of a fact model (KeyError for a model that is not a fact kind)."""
    return BY_MODEL[model]
