"""Building blocks several pathways share: statuses, ages, language, convictions, judgements.

Item expressions (``I``) describe one entry of a list; ``Agg`` folds them. Everything is three-valued:
an unknown fact makes a result unknown unless the answer is decided anyway.
"""

from __future__ import annotations

from ..conditions import From, Holds, Since, Switch, Test, Until
from ..dates import MIN_DATE
from ..expr import Agg, AsOf, Expr, F, I, If, Judged, Lit, Not, Or, Param
from ..timeline import Stretch

CEFR_ORDER = ("A1", "A2", "B1", "B2", "C1", "C2")
ERLAUBT = ("aufenthaltserlaubnis", "niederlassungserlaubnis", "daueraufenthalt_eu", "visum", "fiktionsbescheinigung")

BIRTH_MIN = F("person.birth_date_min")
BIRTH_MAX = F("person.birth_date_max")
TODAY = AsOf()
PRIVILEGES_104C = Param("aufenthg_104c.holder_privileges")


def levels_from(level: str) -> tuple[str, ...]:
    return CEFR_ORDER[CEFR_ORDER.index(level):]


def covers_today(start: str, end: str) -> Expr:
    """Item predicate: the item's period (end null: ongoing) includes the assessment date."""
    return (I(start) <= TODAY) & Or(Not(I(end).known()), I(end) >= TODAY)


# --- residence ---------------------------------------------------------------------------------------------

def status_is(*statuses: str) -> Expr:
    return I("status").isin(statuses)


DULDUNG = status_is("duldung")
DULDUNG_60B = DULDUNG & I("duldung_kind").eq("60b")
#: A Duldung that counts as Vorduldungszeit: § 60b periods never count (§ 60b Abs. 5 S. 1).
DULDUNG_COUNTS = DULDUNG & I("duldung_kind").ne("60b")
GESTATTET = status_is("aufenthaltsgestattung")


def holds_today(pred: Expr) -> Expr:
    """The person holds a status matching ``pred`` on the assessment date."""
    return Agg("residence", "any", pred & covers_today("valid_from", "valid_until"))


GEDULDET_TODAY = holds_today(DULDUNG)
IN_60B_TODAY = holds_today(DULDUNG_60B)
#: Any Absatz of § 104c (Abs. 1 the person, Abs. 2 spouse and children) is a § 104c permit.
HOLDER_104C = holds_today(status_is("aufenthaltserlaubnis") & I("legal_basis").in_sections(("aufenthg_104c",)))
#: Holder of a § 104c permit while the holder rules apply (until 30.06.2027).
HOLDER_104C_PRIVILEGED = HOLDER_104C & PRIVILEGES_104C


def stay(pred: Expr) -> Stretch:
    """The current uninterrupted stay in a status matching ``pred``, stays abroad interrupting it."""
    return Stretch("residence", pred, "valid_from", "valid_until", blocks="stays_abroad")


def since(stretch: Stretch, n: int | str, unit: int, pathway: str, condition: str) -> Since:
    """Time in status with the harmless-interruption judgement of this condition (or pathway)."""
    return Since(stretch, n, unit, Judged("harmless_interruption", (f"{pathway}.{condition}", pathway)))


def since_with_104c_rule(
    counts: Expr, n: int | str, unit: int, pathway: str, condition: str
) -> Test:
    """Time in status where a § 104c holder also counts § 60b periods (§ 25a Abs. 5, § 25b Abs. 7)."""
    without_60b = stay(counts & Or(Not(DULDUNG), DULDUNG_COUNTS))
    with_60b = stay(counts)
    return Switch(
        HOLDER_104C_PRIVILEGED,
        since(with_60b, n, unit, pathway, condition),
        since(without_60b, n, unit, pathway, condition),
    )


# --- ages ------------------------------------------------------------------------------------------------------

def age_from(years: int | str) -> From:
    """Met from the day the person has surely reached ``years`` (unknown while a partial birth date leaves
    it open)."""
    return From(BIRTH_MAX.add_years(years), BIRTH_MIN.add_years(years))


def before_birthday_on(day: Expr, years: int | str) -> Expr:
    """Three-valued: ``day`` lies before the ``years``-th birthday."""
    return If(day < BIRTH_MIN.add_years(years), True, If(day >= BIRTH_MAX.add_years(years), False, Lit(None)))


def until_birthday(years: int | str) -> Until:
    """Met up to the day before the ``years``-th birthday."""
    return Until(BIRTH_MIN.add_years(years).add_days(-1), BIRTH_MAX.add_years(years).add_days(-1))


# --- children --------------------------------------------------------------------------------------------------

CHILD_IN_HOME_UNMARRIED = I("lives_together") & I("unmarried")
MAJORITY = "bgb.majority_age"


def child_school_age_today() -> Expr:
    """Item predicate for children: of school age on the assessment date (three-valued for partial dates)."""
    lo, hi = "schule.schoolage_from", "schule.schoolage_until"
    surely = (I("birth_date_max").add_years(lo) <= TODAY) & (TODAY < I("birth_date_min").add_years(hi))
    surely_not = (I("birth_date_min").add_years(lo) > TODAY) | (TODAY >= I("birth_date_max").add_years(hi))
    return If(surely, True, If(surely_not, False, Lit(None)))


def minor_child_until() -> Until:
    """Met while a minor unmarried child lives in the household: until the day before the youngest such
    child's 18th birthday."""
    end = Agg("household.children", "max", CHILD_IN_HOME_UNMARRIED,
              I("birth_date_min").add_years(MAJORITY).add_days(-1), empty=MIN_DATE)
    end_hi = Agg("household.children", "max", CHILD_IN_HOME_UNMARRIED,
                 I("birth_date_max").add_years(MAJORITY).add_days(-1), empty=MIN_DATE)
    return Until(end, end_hi)


def has_minor_child_today() -> Expr:
    return Agg("household.children", "any",
               CHILD_IN_HOME_UNMARRIED & (TODAY < I("birth_date_min").add_years(MAJORITY)))


# --- language and knowledge ------------------------------------------------------------------------------------

def german_oral(level: str | Expr, certificates: str = "language_certificates") -> Expr:
    """A certificate of at least ``level`` (any scope: oral-only or complete)."""
    return Agg(certificates, "any", (I("issued_on") <= TODAY) & _level_at_least(level))


def german_written(level: str, certificates: str = "language_certificates") -> Expr:
    """A complete certificate (all parts, so also writing) of at least ``level``."""
    return Agg(certificates, "any", (I("issued_on") <= TODAY) & _level_at_least(level) & I("scope").eq("complete"))


def _level_at_least(level: str | Expr) -> Expr:
    if isinstance(level, str):
        return I("level").isin(levels_from(level))
    # a parameter: only the value in force matters; each level is spelled out
    return Or(*(level.eq(lv) & I("level").isin(levels_from(lv)) for lv in CEFR_ORDER))


def exempt(scope: str, grounds: tuple[str, ...] = ("illness_or_disability", "age")) -> Expr:
    """A recorded exemption for ``scope`` (or all) on one of ``grounds``."""
    return Agg("health_exemptions", "any", I("scope").isin((scope, "all")) & I("ground").isin(grounds))


def civic_knowledge() -> Expr:
    """Grundkenntnisse der Rechts- und Gesellschaftsordnung: a passed test or a completed integration course."""
    test = Agg("civic_tests", "any", I("passed") & (I("taken_on") <= TODAY))
    return Or(test, F("integration_course.status").eq("completed"))


# --- livelihood, education ---------------------------------------------------------------------------------------

def livelihood_today(*levels: str) -> Expr:
    return Agg("livelihood", "any", covers_today("period_from", "period_until") & I("secured").isin(levels))


def livelihood_by_employment_today() -> Expr:
    """§ 25b Abs. 1 S. 2 Nr. 3: mainly (or fully) secured through employment on the date."""
    return Agg("livelihood", "any", covers_today("period_from", "period_until")
               & I("secured").isin(("fully", "partly")) & I("by_employment"))


def in_education_today() -> Expr:
    """At school, in vocational training or at university on the assessment date."""
    school = Agg("school_attendance", "any", covers_today("attended_from", "attended_until"))
    training = Agg("vocational_training", "any",
                   (I("starts_on") <= TODAY) & Or(Not(I("ends_on").known()), I("ends_on") >= TODAY)
                   & Or(Not(I("terminated_on").known()), I("terminated_on") > TODAY))
    studies = Agg("university_studies", "any", covers_today("from", "until"))
    return Or(school, training, studies)


def employed_today(min_hours: str | int) -> Expr:
    """Employment subject to social insurance with at least ``min_hours`` a week on the date."""
    hours = Param(min_hours) if isinstance(min_hours, str) else min_hours
    return Agg("employment", "any", covers_today("starts_on", "ends_on") & I("social_insurance")
               & (I("hours_per_week") >= hours))


# --- identity and passport --------------------------------------------------------------------------------------

IDENTITY_CLARIFIED = F("identity.status").eq("clarified")
PASSPORT_VALID_TODAY = Agg(
    "passports", "any",
    Or(Not(I("valid_from").known()), I("valid_from") <= TODAY) & (I("valid_until") >= TODAY),
)
IDENTITY_STEPS_TAKEN = Agg("identity_steps", "any", I("taken_on") <= TODAY)


# --- conduct ----------------------------------------------------------------------------------------------------

def _active(decided: str, erased: str) -> Expr:
    return (I(decided) <= TODAY) & Or(Not(I(erased).known()), I(erased) > TODAY)


def _prison(months_key: str = "prison_months") -> Expr:
    """Months of prison or juvenile sentence; 0 when only a fine is recorded."""
    from ..expr import Coalesce

    return Coalesce(I(months_key), If(I("daily_rates").known(), 0, Lit(None)))


#: A conviction that founds an interest in expulsion under § 54 Abs. 1 Nr. 1 or Abs. 2 Nr. 1, 2 AufenthG.
SERIOUS_CONVICTION = (
    _active("decided_on", "erased_on") & I("intentional")
    & Or(
        _prison() >= Param("aufenthg_54.prison_months_1_1"),
        I("juvenile_law").eq(False) & (_prison() >= Param("aufenthg_54.prison_months_2_1")),
        I("juvenile_law") & (_prison() >= Param("aufenthg_54.juvenile_months_2_2")) & I("suspended").eq(False),
    )
)


def expulsion_interest_recorded(serious_only: bool) -> Expr:
    active = Or(Not(I("since").known()), I("since") <= TODAY) & Or(Not(I("until").known()), I("until") > TODAY)
    if serious_only:
        active = active & Or(I("absatz").eq(1), I("absatz").eq(2) & I("nummer").isin(("1", "2")))
    return Agg("expulsion_interests", "any", active)


def serious_expulsion_interest() -> Expr:
    """§ 54 Abs. 1 or Abs. 2 Nr. 1, 2 AufenthG: recorded, or following from a recorded conviction."""
    return Or(Agg("convictions", "any", SERIOUS_CONVICTION), expulsion_interest_recorded(serious_only=True))


def intentional_conviction(ignore_foreigner_only: bool = True, convictions: str = "convictions") -> Expr:
    """A current conviction for an intentional offence (foreigner-only offences disregarded if asked)."""
    pred = _active("decided_on", "erased_on") & I("intentional")
    if ignore_foreigner_only:
        pred = pred & Not(I("immigration_only_offence"))
    return Agg(convictions, "any", pred)


EXTREMISM_INDICATION = Agg("extremism_indications", "any", (I("noted_on") <= TODAY) & I("confirmed").ne(False))
OBSTRUCTS_BY_DECEPTION = F("removal_obstruction.false_statements_or_deception")
OBSTRUCTS_BY_NON_COOPERATION = F("removal_obstruction.non_cooperation")


def judged(kind: str, pathway: str, condition: str | None = None) -> Judged:
    subjects = (pathway,) if condition is None else (f"{pathway}.{condition}", pathway)
    return Judged(kind, subjects)


def holds(expr: Expr) -> Holds:
    return Holds(expr)


# --- stays abroad that last longer than the law tolerates (§ 9 Abs. 4 Nr. 2 AufenthG, § 12b StAG) ---------------

def stay_ignoring_absences(pred: Expr) -> Stretch:
    """The current uninterrupted stay in a status matching ``pred``; stays abroad do not interrupt it (for
    rules where short absences are credited and long ones are checked separately with ``long_absence``)."""
    return Stretch("residence", pred, "valid_from", "valid_until", blocks=None)


def long_absence(months: str, lookback_years: str) -> Expr:
    """A stay abroad longer than ``months`` (parameter) that ended, or goes on, within the last
    ``lookback_years`` (parameter) years. A stay still going on counts up to the assessment date."""
    from ..expr import AddMonths, Coalesce

    back = Coalesce(I("returned_on"), TODAY)
    return Agg("stays_abroad", "any",
               (back > I("left_on").add_months(months)) & (back > AddMonths(TODAY, lookback_years, -12)))


# --- entries, periods before the application, fines (§ 60d, § 19d, § 25 Abs. 5) ----------------------------------

from ..expr import Coalesce as _Coalesce  # noqa: E402 - kept with the helpers that use it

#: The latest recorded entry into Germany (the one the current stay began with); unknown if none is recorded.
LATEST_ENTRY = Agg("entries", "max", True, I("date"))
#: The day of the application: the recorded one, else an application on the assessment date.
APPLICATION_DAY = _Coalesce(F("application_date"), TODAY)


def list_stretch(name: str, pred: Expr, start: str, end: str) -> Stretch:
    """The current uninterrupted stretch of items of list ``name`` (employment, livelihood) matching ``pred``;
    stays abroad do not interrupt it."""
    return Stretch(name, pred, start, end, blocks=None)


def held_before_application(stretch: Stretch, months: str, pathway: str, condition: str) -> Test:
    """Held for ``months`` (parameter) before the application and still held: with a recorded application date,
    the stretch must have begun ``months`` before it; without one, the application is assumed on the assessment
    date and the time runs as in ``since`` (so an earliest date can be shown)."""
    from ..timeline import Part

    start = Part(stretch, "start")
    return Switch(
        F("application_date").known(),
        Holds(start.add_months(months) <= F("application_date")),
        since(stretch, months, 1, pathway, condition),
    )


def _conviction_base() -> Expr:
    return _active("decided_on", "erased_on") & I("intentional")


def fines_beyond(general: str, foreigner_only: str, convictions: str = "convictions") -> Expr:
    """A current conviction for an intentional offence that is not disregarded: any prison or juvenile sentence,
    or fines of more than ``general`` daily rates in total – unless every fine is for an offence only foreigners
    can commit and they total at most ``foreigner_only`` (§ 19d Abs. 1 Nr. 7 AufenthG; cautious reading: the two
    limits are not added up)."""
    base = _conviction_base()
    rates = _Coalesce(I("daily_rates"), If(I("prison_months").known(), 0, Lit(None)))
    prison = Agg(convictions, "any", base & (_prison() > 0))
    total = Agg(convictions, "sum", base, rates)
    general_total = Agg(convictions, "sum", base & Not(I("immigration_only_offence")), rates)
    within = Or(total <= Param(general), (general_total <= 0) & (total <= Param(foreigner_only)))
    return Or(prison, Not(within))


def conviction_beyond_bzrg_32(foreigner_only: str, convictions: str = "convictions") -> Expr:
    """A current conviction for an intentional offence other than a fine of at most ``foreigner_only`` daily
    rates for an offence only foreigners can commit (§ 60d Abs. 1 Nr. 7 AufenthG with § 32 Abs. 2 Nr. 5 a BZRG)."""
    disregarded = I("immigration_only_offence") & (_prison() <= 0) & (I("daily_rates") <= Param(foreigner_only))
    return Agg(convictions, "any", _conviction_base() & Not(disregarded))
