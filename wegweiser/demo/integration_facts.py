"""Integration facts of one demo person, consistent with their residence history.

What the office knows depends on the story: a person tolerated for years with an unclear identity has
identity steps on file, a trainee under § 60c a training contract, a labour migrant an employment with
hours. Much stays unknown on purpose -- many files lack facts, and many yes/no answers stay empty -- as in
real files. Every fact carries a source and the date of that source, never later than the reference date.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from wegweiser.facts.models import (
    CivicTest,
    Conviction,
    Employment,
    ExpulsionInterest,
    FactSource,
    HealthExemption,
    Housing,
    IdentityClarification,
    IdentityStep,
    IntegrationCourse,
    Judgement,
    LanguageCertificate,
    Livelihood,
    Passport,
    PensionContributions,
    Qualification,
    SchoolAttendance,
    VocationalTraining,
)
from wegweiser.facts.models.education import QualificationKind, TrainingKind
from wegweiser.facts.models.health import ExemptionScope
from wegweiser.facts.models.identity import IdentityStatus, IdentityStepKind, PassportKind
from wegweiser.facts.models.judgement import JudgementKind, JudgementValue
from wegweiser.facts.models.language import CertificateScope, CivicTestKind, CourseStatus
from wegweiser.facts.models.livelihood import BenefitKind, EmploymentKind, LivelihoodSecured

from . import names as n
from . import office_checks, stories
from .stories import YEAR, add_years, days, weighted

if TYPE_CHECKING:
    from .generator import DemoGenerator, MemberPlan

_SOURCES = (
    (FactSource.DOCUMENT_SHOWN, 45), (FactSource.VERIFIED, 25), (FactSource.DECLARED, 15),
    (FactSource.PARTNER_REPORTED, 10), (FactSource.COUNSELLING, 5),
)
_CLARIFIED_SHARE = {
    "SY": 0.75, "IQ": 0.55, "AF": 0.45, "IR": 0.7, "ER": 0.3, "SO": 0.2, "NG": 0.35, "GN": 0.3, "XX": 0.6,
    "XU": 0.05, "TR": 0.85, "RU": 0.8, "GE": 0.9, "XK": 0.85, "RS": 0.85, "AL": 0.85, "VN": 0.7, "UA": 0.95,
}
_MEANS = {
    "AF": ("Tazkira und Nationalpass", "Nationalpass", "Tazkira (Original geprüft)"),
    "SY": ("syrischer Nationalpass", "Personalausweis und Auszug aus dem Personenstandsregister", "Nationalpass"),
    "ER": ("Passersatzpapier", "Geburtsurkunde und Taufschein", "Nationalpass"),
}
_STEP_OUTCOMES = {
    IdentityStepKind.PASSPORT_APPLICATION: ("Pass beantragt, Ausstellung steht aus", "Antrag abgelehnt: Nachweise fehlen",
                                            "Pass ausgestellt"),
    IdentityStepKind.EMBASSY_APPOINTMENT: ("Termin wahrgenommen, Bescheinigung vorgelegt",
                                           "Botschaft stellt derzeit keine Pässe aus", "Termin nicht wahrgenommen"),
    IdentityStepKind.CIVIL_DOCUMENTS: ("Geburtsurkunde über Angehörige angefordert", "Urkunde liegt im Original vor"),
    IdentityStepKind.LAWYER_IN_COUNTRY: ("Vertrauensanwalt beauftragt, Ergebnis offen",
                                         "Vertrauensanwalt: Registereintrag bestätigt"),
    IdentityStepKind.OTHER: ("Schreiben an die Heimatbehörde versandt", "eidesstattliche Versicherung abgegeben"),
}
_CERTIFICATE_LEVELS = {
    "new": (("A1", 30), ("A2", 40), ("B1", 25), ("B2", 5)),
    "some": (("A1", 10), ("A2", 30), ("B1", 45), ("B2", 12), ("C1", 3)),
    "long": (("A1", 5), ("A2", 25), ("B1", 45), ("B2", 20), ("C1", 5)),
    "skilled": (("B1", 40), ("B2", 40), ("C1", 20)),
}
_SELF_EMPLOYED = ("eigener Imbiss", "Änderungsschneiderei (eigenes Gewerbe)", "Kurierdienst (eigenes Gewerbe)",
                  "Friseursalon (eigenes Gewerbe)", "Lebensmittelladen (eigenes Gewerbe)")
_HOUSING = (("eigene Mietwohnung", 70), ("Wohngemeinschaft", 8), ("Wohnung über das Sozialamt", 5),
            ("Obdachlosenunterkunft der Gemeinde", 2), ("Wohneigentum", 4), ("Untermiete bei Angehörigen", 6))
_REFUGEE_PATHWAYS = frozenset({"protection", "rejected", "admission"})


def facts_for(gen: DemoGenerator, member: MemberPlan, age: int) -> list[Any]:
    """All facts of one person (unsaved; the writer sets the person)."""
    builder = _Builder(gen, member, age)
    builder.identity()
    if age >= 16:
        builder.language()
        builder.education_and_work()
        builder.livelihood()
        builder.conduct()
        builder.health_and_judgements()
    builder.school()
    office_checks.add_knowledge(member, builder.facts, age, gen.today, builder.status)
    return builder.facts


class _Builder:
    def __init__(self, gen: DemoGenerator, member: MemberPlan, age: int) -> None:
        self.gen, self.member, self.age = gen, member, age
        self.rng, self.today = gen.rng, gen.today
        self.story = member.story
        self.flags = member.story.flags
        self.pathway = self.flags.get("pathway", "")
        self.here_since = member.entry or member.birth
        self.years = (self.today - self.here_since).days / YEAR
        current = self.story.current()
        self.status = current.status if current is not None else None
        self.facts: list[Any] = []
        self.level = ""  # best language level recorded
        self.employed_since: date | None = None
        self.hours: Decimal | None = None

    # --- helpers -------------------------------------------------------------------------------------------

    def add(self, model: type, main_date: date, **fields: Any) -> Any:
        source_date = min(self.today, main_date + days(self.rng.randint(0, 45)))
        fact = model(source=weighted(self.rng, _SOURCES), source_date=source_date, **fields)
        self.facts.append(fact)
        return fact

    def maybe(self, yes: float, unknown: float = 0.0) -> bool | None:
        """True with probability ``yes``, None with ``unknown``, else False."""
        draw = self.rng.random()
        if draw < yes:
            return True
        if draw < yes + unknown:
            return None
        return False

    def since_arrival(self, after_days: int = 0, before_today: int = 0) -> date:
        start = self.here_since + days(after_days)
        return self.gen.between(min(start, self.today), self.today - days(before_today))

    # --- identity ------------------------------------------------------------------------------------------

    def identity(self) -> None:
        rng, member = self.rng, self.member
        origin = member.origin.key
        refugee = self.pathway in _REFUGEE_PATHWAYS or member.origin.nationality in ("XX", "XU")
        if member.entry is None:
            if rng.random() < 0.6:
                day = min(self.today, member.birth + days(rng.randint(5, 60)))
                self.add(IdentityClarification, day, status=IdentityStatus.CLARIFIED, clarified_on=day,
                         means="Geburtsurkunde des Standesamts Beispielstadt")
            return
        if not refugee:
            if rng.random() < 0.55:
                self.add(IdentityClarification, self.here_since, status=IdentityStatus.CLARIFIED,
                         clarified_on=self.here_since, means="Nationalpass (Visumverfahren)"
                         if self.pathway in ("labour", "study", "reunion") else "Nationalpass")
            self.passport(clarified=True)
            return
        if rng.random() < 0.12:
            return  # nothing recorded yet
        share = 0.1 if self.flags.get("identity_unclear") else _CLARIFIED_SHARE.get(origin, 0.5)
        if self.age < 16:
            share = max(share, 0.5)
        draw = rng.random()
        if draw < share:
            day = self.since_arrival(30)
            means = rng.choice(_MEANS.get(origin, ("Nationalpass", "Personalausweis und Geburtsurkunde",
                                                   "Passersatzpapier der Botschaft")))
            self.add(IdentityClarification, day, status=IdentityStatus.CLARIFIED, clarified_on=day, means=means)
            self.passport(clarified=True)
            return
        status = IdentityStatus.IN_PROGRESS if draw < share + (1 - share) / 2 else IdentityStatus.NOT_CLARIFIED
        self.add(IdentityClarification, self.since_arrival(60), status=status)
        if self.age >= 16:
            for _step in range(rng.randint(1, 4)):
                kind = weighted(rng, ((IdentityStepKind.EMBASSY_APPOINTMENT, 35), (IdentityStepKind.PASSPORT_APPLICATION, 30),
                                      (IdentityStepKind.CIVIL_DOCUMENTS, 15), (IdentityStepKind.LAWYER_IN_COUNTRY, 8),
                                      (IdentityStepKind.OTHER, 12)))
                day = self.since_arrival(180)
                self.add(IdentityStep, day, kind=kind, taken_on=day,
                         outcome=rng.choice(_STEP_OUTCOMES[kind]) if rng.random() < 0.85 else "")
        self.passport(clarified=False)

    def passport(self, clarified: bool) -> None:
        rng, member = self.rng, self.member
        nationality = member.nationalities[0] if member.nationalities else member.origin.nationality
        protection = self.flags.get("protection")
        if self.age < 16 and rng.random() < 0.6:
            return
        if protection in ("flight", "asylum") and self.status is not None and rng.random() < 0.7:
            issued = self.gen.between(self.flags.get("title_since", self.here_since), self.today)
            self.add(Passport, issued, kind=PassportKind.TRAVEL_DOCUMENT, issuing_country="DE",
                     number=self._number("DE"), valid_from=issued, valid_until=add_years(issued, 3) - days(1),
                     note="Reiseausweis für Flüchtlinge" if nationality != "XX" else "Reiseausweis für Staatenlose")
            return
        if nationality in ("XX", "XU"):
            if clarified and rng.random() < 0.5:
                issued = self.since_arrival(90)
                self.add(Passport, issued, kind=PassportKind.SUBSTITUTE, issuing_country="DE", number=self._number("DE"),
                         valid_from=issued, valid_until=add_years(issued, 2) - days(1),
                         note="Reiseausweis für Ausländer (§ 5 AufenthV)")
            return
        if not clarified or rng.random() < 0.2:
            return
        issued = self.gen.between(self.here_since - days(3 * YEAR), self.today - days(1))
        years = 10 if self.age >= 24 and rng.random() < 0.5 else rng.choice((5, 6))
        self.add(Passport, min(self.today, max(issued, self.here_since)), kind=PassportKind.NATIONAL,
                 issuing_country=nationality, number=self._number(nationality), valid_from=issued,
                 valid_until=add_years(issued, years) - days(1))

    def _number(self, country: str) -> str:
        rng = self.rng
        letters = "CFGHJKLMNPRTVWXYZ"
        if country == "DE":
            return "".join(rng.choice(letters) for _ in range(2)) + f"{rng.randint(0, 9_999_999):07d}"
        return rng.choice("ABCDEFGHKLMNPRSTUVXYZ") + f"{rng.randint(0, 99_999_999):08d}"

    # --- language and civic knowledge ----------------------------------------------------------------------

    def language(self) -> None:
        rng = self.rng
        if self.years < 0.5:
            return
        skilled = self.pathway in ("labour", "study")
        if skilled:
            chance = 0.85
        elif self.pathway == "long_term":
            chance = 0.55
        else:
            chance = min(0.85, 0.15 + 0.12 * self.years)
        if self.age >= 65:
            chance *= 0.4
        course_done = False
        if rng.random() < chance:
            band = "skilled" if skilled else "new" if self.years < 2 else "some" if self.years < 5 else "long"
            level = weighted(rng, _CERTIFICATE_LEVELS[band])
            self.level = level
            if level in ("A2", "B1") and rng.random() < 0.4 and level != "A1":
                earlier = "A1" if level == "A2" else "A2"
                day = self.since_arrival(120, 200)
                self.add(LanguageCertificate, day, level=earlier, scope=CertificateScope.COMPLETE,
                         exam=rng.choice(n.LANGUAGE_EXAMS[earlier]), issued_on=day)
            oral = (level in ("A1", "A2") and rng.random() < 0.25) or (level == "B1" and rng.random() < 0.3)
            day = self.since_arrival(180)
            self.add(LanguageCertificate, day, level=level,
                     scope=CertificateScope.ORAL if oral else CertificateScope.COMPLETE,
                     exam=rng.choice(n.LANGUAGE_EXAMS[level]), issued_on=day)
            course_done = level in ("B1", "B2", "C1") or (level == "A2" and rng.random() < 0.5)
            if level in ("B1", "B2", "C1") and rng.random() < 0.55:
                self.civic_test(day)
        if self.pathway in ("protection", "ukraine", "reunion", "admission") or (
            self.pathway == "rejected" and rng.random() < 0.2
        ) or (self.pathway in ("labour", "long_term") and rng.random() < 0.1):
            self.integration_course(course_done)
        if self.pathway == "long_term" and self.level in ("B1", "B2", "C1") and rng.random() < 0.15:
            day = self.since_arrival(3 * YEAR)
            points = rng.randint(17, 33)
            self.add(CivicTest, day, kind=CivicTestKind.EINBUERGERUNGSTEST, passed=True, points=points, taken_on=day)

    def civic_test(self, around: date) -> None:
        rng = self.rng
        day = min(self.today, self.gen.between(around - days(60), around + days(90)))
        day = max(day, self.here_since)
        draw = rng.random()
        if draw < 0.05:
            self.add(CivicTest, day, kind=CivicTestKind.LEBEN_IN_DEUTSCHLAND, passed=None, points=None, taken_on=day,
                     note="Teilnahme gemeldet, Ergebnis liegt nicht vor")
        elif draw < 0.88:
            self.add(CivicTest, day, kind=CivicTestKind.LEBEN_IN_DEUTSCHLAND, passed=True,
                     points=rng.randint(15, 33), taken_on=day)
        else:
            self.add(CivicTest, day, kind=CivicTestKind.LEBEN_IN_DEUTSCHLAND, passed=False,
                     points=rng.randint(5, 14), taken_on=day)

    def integration_course(self, completed: bool) -> None:
        rng = self.rng
        if rng.random() < 0.3:
            return
        obliged = weighted(rng, ((True, 60), (False, 15), (None, 25)))
        if completed and rng.random() < 0.8:
            status = CourseStatus.COMPLETED
        elif obliged is False:
            status = weighted(rng, ((CourseStatus.NOT_OBLIGED, 50), (CourseStatus.ENROLLED, 30),
                                    (CourseStatus.ATTENDED, 20)))
        else:
            status = weighted(rng, ((CourseStatus.ENROLLED, 30), (CourseStatus.ATTENDED, 20),
                                    (CourseStatus.OBLIGED, 25), (CourseStatus.EXEMPT, 5), (CourseStatus.COMPLETED, 20)))
        day = self.since_arrival(90)
        self.add(IntegrationCourse, day, obliged=obliged, status=status, status_date=day if rng.random() < 0.9 else None)

    # --- school, training, work ----------------------------------------------------------------------------

    def school(self) -> None:
        """Schools in Germany for children, and for young people who came as minors."""
        rng, member = self.rng, self.member
        six = add_years(member.birth, 6)
        start = max(date(six.year, 8, 1), self.here_since + days(rng.randint(20, 120)))
        if start > self.today or start >= add_years(member.birth, 19):
            return
        if self.age > 19 and rng.random() < 0.5:
            return
        regular = weighted(rng, ((True, 80), (None, 15), (False, 5)))
        ten, sixteen = add_years(member.birth, 10), add_years(member.birth, 16)
        stages: list[tuple[str, date, date | None]] = []
        if start < ten:
            stages.append(("Grundschule", start, None))
            start = max(start, date(ten.year, 8, 1))
        if start < sixteen and self.age >= 10:
            kind = weighted(rng, (("Gesamtschule", 45), ("Realschule", 20), ("Gymnasium", 20), ("Förderschule", 5)))
            stages.append((kind, start, None))
            start = max(start, date(sixteen.year, 8, 1))
        if self.age >= 16:
            stages.append(("Berufskolleg", start, None))
        for index, (kind, begin, _end) in enumerate(stages):
            if begin > self.today:
                break
            later = stages[index + 1][1] if index + 1 < len(stages) else None
            until = later - days(1) if later and later <= self.today else None
            if until is None and self.age >= 19:
                until = min(self.today, add_years(member.birth, 19))
            if until is not None and until < begin:
                continue
            school = rng.choice(n.SCHOOLS[kind])
            school_type = kind if kind != "Berufskolleg" else "Berufskolleg (Internationale Förderklasse)"
            self.add(SchoolAttendance, begin, school=school, school_type=school_type, attended_from=begin,
                     attended_until=until, regular=regular)
        if self.age >= 17 and rng.random() < 0.45:
            day = min(self.today, add_years(member.birth, rng.randint(16, 18)))
            if day > self.here_since:
                kind = weighted(rng, ((QualificationKind.HAUPTSCHULE, 60), (QualificationKind.MITTLERE_REIFE, 35),
                                      (QualificationKind.ABITUR, 5)))
                self.add(Qualification, day, kind=kind, obtained_on=day, obtained_in_germany=True, recognised=True)

    def education_and_work(self) -> None:
        rng = self.rng
        if self.age >= 22 and self.member.entry is not None and rng.random() < 0.35:
            obtained = add_years(self.member.birth, rng.randint(18, 26))
            if obtained < self.here_since:
                self.add(Qualification, obtained, kind=QualificationKind.FOREIGN, title=rng.choice(n.FOREIGN_QUALIFICATIONS),
                         obtained_on=obtained if rng.random() < 0.7 else None, obtained_in_germany=False,
                         recognised=weighted(rng, ((None, 60), (True, 15), (False, 25))))
        self.training()
        if "graduated" in self.flags and self.flags["graduated"] <= self.today:
            day = self.flags["graduated"] - days(rng.randint(1, 60))
            self.add(Qualification, day, kind=QualificationKind.ACADEMIC, title="Master of Science (Hochschule Beispielstadt)",
                     obtained_on=day, obtained_in_germany=True, recognised=True)
        self.employment()
        self.pension()

    def training(self) -> None:
        rng = self.rng
        start = self.flags.get("training")
        if start is None and 18 <= self.age <= 35 and self.pathway in ("protection", "ukraine", "reunion") and rng.random() < 0.06:
            start = self.since_arrival(YEAR)
        if start is None or start > self.today:
            return
        occupation, provider = rng.choice(n.OCCUPATIONS)
        kind = TrainingKind.QUALIFIED
        if "training" not in self.flags and rng.random() < 0.15:
            kind, occupation = TrainingKind.ASSISTANT, rng.choice(n.HELPER_TRAININGS)
        length = YEAR * 3 if kind == TrainingKind.QUALIFIED else YEAR
        ends = start + days(length - 1)
        terminated = None
        if "training" not in self.flags and rng.random() < 0.1 and start + days(60) < self.today:
            terminated = self.gen.between(start + days(60), min(ends, self.today))
        signed = min(self.today, start - days(rng.randint(30, 150)))
        self.add(VocationalTraining, signed, kind=kind, occupation=occupation, provider=provider,
                 contract_signed_on=signed, starts_on=start, ends_on=ends,
                 registered=self.maybe(0.85, 0.15) if kind == TrainingKind.QUALIFIED else None,
                 terminated_on=terminated)
        if ends < self.today and terminated is None and kind == TrainingKind.QUALIFIED and rng.random() < 0.8:
            self.add(Qualification, ends, kind=QualificationKind.VOCATIONAL, title=occupation, obtained_on=ends,
                     obtained_in_germany=True, recognised=True)

    def employment(self) -> None:
        rng = self.rng
        if self.age >= 67 or self.years < 0.25:
            return
        flagged = self.flags.get("employment")
        if flagged is not None and flagged <= self.today:
            chance = 1.0
        elif self.pathway == "labour":
            chance = 0.9
        elif self.pathway == "study":
            chance = 0.3
        elif self.pathway == "long_term":
            chance = 0.7 if self.age < 65 else 0.05
        elif self.status == stories.GESTATTUNG:
            chance = 0.1
        elif self.status == stories.DULDUNG:
            chance = 0.25
        elif self.pathway == "ukraine":
            chance = 0.35
        else:
            chance = min(0.65, 0.1 + 0.08 * self.years)
        if self.member.role == "spouse":
            chance *= 0.6
        if self.member.role == "child" and self.age < 18:
            chance = 0.0
        if rng.random() >= chance:
            return
        earliest = max(self.here_since + days(90), add_years(self.member.birth, 18))
        if flagged is not None:
            earliest = max(earliest, flagged)
        if earliest > self.today - days(14):
            return
        start = self.gen.between(earliest, self.today - days(14))
        if self.pathway == "study" and flagged is None:
            kind = EmploymentKind.EMPLOYED
            hours = Decimal("20.0")
        else:
            kind = weighted(rng, ((EmploymentKind.EMPLOYED, 85), (EmploymentKind.MINIJOB, 10),
                                  (EmploymentKind.SELF_EMPLOYED, 5 if self.pathway == "long_term" else 1)))
            if flagged is not None:
                kind = EmploymentKind.EMPLOYED
            if kind == EmploymentKind.EMPLOYED:
                full = flagged is not None or rng.random() < 0.6
                hours = Decimal(rng.choice(("38.5", "39.0", "40.0"))) if full else Decimal(rng.choice(("20.0", "25.0", "30.0")))
            elif kind == EmploymentKind.MINIJOB:
                hours = Decimal(rng.randint(6, 12))
            else:
                hours = None
        if rng.random() < 0.25 and earliest + days(YEAR) < start:
            old_start = self.gen.between(earliest, start - days(YEAR))
            old_end = self.gen.between(old_start + days(60), start - days(1))
            self.add(Employment, old_end, kind=EmploymentKind.EMPLOYED, employer=rng.choice(n.EMPLOYERS),
                     starts_on=old_start, ends_on=old_end, hours_per_week=Decimal("30.0"), social_insurance=True)
        employer = rng.choice(_SELF_EMPLOYED) if kind == EmploymentKind.SELF_EMPLOYED else rng.choice(n.EMPLOYERS)
        social = {EmploymentKind.EMPLOYED: self.maybe(0.9, 0.1), EmploymentKind.MINIJOB: False}.get(kind)
        self.add(Employment, start, kind=kind, employer=employer, starts_on=start, ends_on=None,
                 hours_per_week=hours if rng.random() < 0.9 or flagged else None, social_insurance=social)
        self.employed_since = start
        # For the livelihood below: a mini-job does not pay a living, self-employment is taken as full-time.
        self.hours = Decimal("0") if kind == EmploymentKind.MINIJOB else (hours or Decimal("40"))

    def pension(self) -> None:
        rng = self.rng
        if self.employed_since is None or rng.random() >= 0.35:
            return
        worked = (self.today - self.employed_since).days / 30.4
        if self.pathway == "long_term":
            worked = max(worked, (self.today - max(self.here_since, add_years(self.member.birth, 18))).days / 30.4 * 0.7)
        months = max(0, min(720, int(worked * rng.uniform(0.6, 1.0))))
        day = self.gen.between(self.today - days(200), self.today)
        self.add(PensionContributions, day, months=months, as_of=day)

    # --- livelihood, housing -------------------------------------------------------------------------------

    def livelihood(self) -> None:
        rng = self.rng
        if self.age < 18 or rng.random() >= 0.65:
            return
        start = self.gen.between(max(self.here_since, self.today - days(YEAR)), self.today)
        tolerated = self.status in (stories.GESTATTUNG, stories.DULDUNG, stories.NO_STATUS)
        if self.hours is not None and self.hours >= Decimal("35"):
            secured, benefits = LivelihoodSecured.FULLY, weighted(rng, ((BenefitKind.NONE, 70), (BenefitKind.HOUSING_CHILD, 30)))
            income = rng.randint(1900, 3600)
        elif self.hours is not None and self.hours > 0:
            secured = LivelihoodSecured.PARTLY
            benefits = BenefitKind.ASYLBLG if tolerated else weighted(rng, ((BenefitKind.SGB_II, 60), (BenefitKind.NONE, 40)))
            income = rng.randint(700, 1600)
        elif self.pathway == "study":
            secured, benefits, income = LivelihoodSecured.FULLY, BenefitKind.NONE, rng.randint(900, 1200)
        elif self.pathway == "long_term" and self.age >= 65:
            secured, benefits = weighted(rng, (((LivelihoodSecured.FULLY, BenefitKind.NONE), 70),
                                               ((LivelihoodSecured.PARTLY, BenefitKind.SGB_XII), 30)))
            income = rng.randint(700, 1500)
        else:
            secured = LivelihoodSecured.NOT
            benefits = BenefitKind.ASYLBLG if tolerated else BenefitKind.SGB_II
            income = rng.randint(0, 520) if self.hours == 0 else 0
        if self.flags.get("training") and self.flags["training"] <= self.today and rng.random() < 0.3:
            benefits = BenefitKind.BAFOEG_BAB
        self.add(Livelihood, start, period_from=start, period_until=None, secured=secured, benefits=benefits,
                 monthly_income_eur=Decimal(income) if rng.random() < 0.75 else None)
        if self.member.role == "head" and rng.random() < 0.6:
            self.housing()

    def housing(self) -> None:
        rng = self.rng
        since = self.since_arrival(30)
        if self.status == stories.GESTATTUNG:
            kind, adequate = "Gemeinschaftsunterkunft", None
        elif self.flags.get("minor") and self.age < 18:
            kind, adequate = "Jugendhilfeeinrichtung", True
        else:
            kind = weighted(rng, _HOUSING)
            adequate = weighted(rng, ((True, 70), (None, 25), (False, 5)))
        self.add(Housing, since, since=since if rng.random() < 0.85 else None, kind=kind, adequate=adequate)

    # --- conduct, health, judgements -----------------------------------------------------------------------

    def conduct(self) -> None:
        rng = self.rng
        chance = 0.05 if not self.member.female else 0.015
        if self.age < 18 or rng.random() >= chance:
            return
        for _index in range(1 if rng.random() < 0.85 else 2):
            earliest = max(self.here_since + days(180), add_years(self.member.birth, 14))
            if earliest >= self.today - days(30):
                return
            decided = self.gen.between(earliest, self.today - days(30))
            offence, immigration_only, _weight = weighted(rng, [((o, i, w), w) for o, i, w in n.OFFENCES])
            prison = rng.random() < 0.08
            age_then = (decided - self.member.birth).days // YEAR
            erased = None
            if decided < self.today - days(5 * YEAR) and rng.random() < 0.3:
                erased = self.gen.between(decided + days(5 * YEAR), self.today)
            months = rng.randint(3, 24) if prison else None
            conviction = self.add(
                Conviction, decided, decided_on=decided,
                court="Landgericht Beispielstadt" if months and months > 12 else "Amtsgericht Beispielstadt",
                offence=offence, daily_rates=None if prison else rng.choice((10, 15, 20, 30, 40, 50, 60, 90, 120)),
                prison_months=months, suspended=(self.maybe(0.8, 0.1) if prison and months and months <= 24 else None),
                juvenile_law=True if age_then < 21 and rng.random() < 0.3 else (False if rng.random() < 0.5 else None),
                immigration_only_offence=immigration_only, erased_on=erased,
            )
            if prison and months and months >= 12 and rng.random() < 0.6:
                serious = months >= 24
                self.add(ExpulsionInterest, conviction.decided_on,
                         provision="§ 54 Abs. 1 Nr. 1 AufenthG" if serious else "§ 54 Abs. 2 Nr. 1 AufenthG",
                         particularly_serious=serious, since=conviction.decided_on,
                         description=f"Verurteilung vom {conviction.decided_on:%d.%m.%Y}: {offence}")

    def health_and_judgements(self) -> None:
        rng = self.rng
        if rng.random() < (0.06 if self.age >= 60 else 0.004):
            day = self.since_arrival(90)
            scope = weighted(rng, ((ExemptionScope.LANGUAGE, 40), (ExemptionScope.CIVIC_TEST, 20),
                                   (ExemptionScope.ALL_INTEGRATION, 30), (ExemptionScope.LIVELIHOOD, 10)))
            self.add(HealthExemption, day, scope=scope, certificate_date=day,
                     description="ärztliches Attest liegt vor (Einzelheiten in der Papierakte)")
        bleiberecht = any(p.legal_basis.startswith(stories.BLEIBERECHT_BASES) for p in self.story.periods)
        chance = 0.08 if bleiberecht else 0.004
        if self.member.stays and any(s.returned_on for s in self.member.stays):
            chance = max(chance, 0.3)
        if rng.random() >= chance:
            return
        day = self.since_arrival(YEAR)
        if self.member.stays and any(s.returned_on for s in self.member.stays):
            stay = next(s for s in self.member.stays if s.returned_on)
            self.add(Judgement, max(day, stay.returned_on), kind=JudgementKind.HARMLESS_INTERRUPTION,
                     value=JudgementValue.POSITIVE, subject=f"Auslandsaufenthalt ab {stay.left_on:%d.%m.%Y}",
                     reason="Rückkehr innerhalb der gesetzten Frist; familiärer Anlass glaubhaft gemacht.")
        elif bleiberecht:
            positive = rng.random() < 0.8
            self.add(Judgement, day, kind=JudgementKind.INTEGRATION_PROGNOSIS,
                     value=JudgementValue.POSITIVE if positive else JudgementValue.NEGATIVE,
                     subject="Aufenthaltserlaubnis nach § 25b AufenthG",
                     reason=("Beschäftigung und Sprachkenntnisse belegt; Schulbesuch der Kinder regelmäßig."
                             if positive else "Lebensunterhalt auf absehbare Zeit nicht gesichert; keine Sprachnachweise."))
        else:
            self.add(Judgement, day, kind=JudgementKind.ATYPICAL_CASE, value=JudgementValue.POSITIVE,
                     subject="Regelerteilungsvoraussetzungen",
                     reason="Besondere familiäre Umstände (Pflege eines Angehörigen) begründen einen atypischen Fall.")
