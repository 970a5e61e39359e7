"""Permission-matrix rows for every URL of the screening app (see wegweiser/core/permission_matrix.py).

Worklists and their exports: Sachbearbeitung, Integrationslotse/-lotsin, Teamleitung (WORKLIST_VIEW and
EXPORT). Starting or resuming a run and assigning a Lotse/Lotsin: Integrationslotse/-lotsin and Teamleitung.
"""

from __future__ import annotations

from datetime import date, timedelta

from wegweiser.accounts.roles import Role
from wegweiser.core.permission_matrix import Row

SB, IL, TL = Role.SACHBEARBEITUNG, Role.INTEGRATIONSLOTSE, Role.TEAMLEITUNG
CASE = (SB, IL, TL)
STEER = (IL, TL)


def _list(key: str):
    def setup(world) -> dict:
        return {"key": key}
    return setup


def _with_results(world) -> dict:
    """A current run in which world.person is eligible for § 25b and has a Duldung: the lists have rows."""
    from wegweiser.persons.models import ResidencePeriod
    from wegweiser.screening.models import RunStatus, ScreeningResult, ScreeningRun

    today = date.today()
    ResidencePeriod.objects.create(person=world.person, status="duldung", duldung_kind="60a",
                                   valid_from=today - timedelta(days=400), valid_until=today + timedelta(days=30))
    run = ScreeningRun.objects.create(as_of=today, status=RunStatus.COMPLETED, is_current=True, total=1, processed=1)
    ScreeningResult.objects.create(run=run, person=world.person, pathway="aufenthg_25b", outcome="eligible",
                                   earliest_date=today)
    ScreeningResult.objects.create(run=run, person=world.person, pathway="aufenthg_60d", outcome="undetermined")
    return {"key": "jetzt"}


def _failed_run(world) -> dict:
    from wegweiser.screening.models import RunStatus, ScreeningRun

    run = ScreeningRun.objects.create(as_of=date.today(), status=RunStatus.FAILED, total=10, processed=4,
                                      error="OperationalError: database is locked")
    return {"pk": run.pk}


def _running(world) -> dict:
    from wegweiser.screening.models import RunStatus, ScreeningRun

    ScreeningRun.objects.create(as_of=date.today(), status=RunStatus.RUNNING, total=10, processed=4)
    return {}


def _person(world) -> dict:
    return {"person_pk": world.person.pk}


def _assign(world) -> dict:
    return {"lotse": str(world.user(IL).pk), "next": "/arbeitslisten/jetzt/"}


def _bulk(world) -> dict:
    return {**_assign(world), "personen": [str(world.person.pk)]}


ROWS: list[Row] = [
    Row("screening:worklists", allowed=CASE),
    Row("screening:worklist", allowed=CASE, setup=_list("jetzt")),
    Row("screening:worklist", allowed=CASE, setup=_with_results),
    Row("screening:worklist", allowed=CASE, setup=_with_results, query="sort=-name&age=ab-27"),
    Row("screening:worklist", allowed=CASE, setup=_list("ablaufend")),
    Row("screening:worklist_export_csv", allowed=CASE, setup=_with_results),
    Row("screening:worklist_export_xlsx", allowed=CASE, setup=_with_results),
    Row("screening:assign_bulk", allowed=STEER, method="post", data=_bulk),
    Row("screening:runs", allowed=CASE),
    Row("screening:runs", allowed=CASE, setup=lambda world: (_failed_run(world), _running(world))[1]),
    Row("screening:run_start", allowed=STEER, method="post"),
    Row("screening:run_resume", allowed=STEER, method="post", setup=_failed_run),
    Row("screening:assign", allowed=STEER, setup=_person),
    Row("screening:assign", allowed=STEER, method="post", setup=_person, data=_assign),
]
