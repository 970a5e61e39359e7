"""The staying-perspectives panel: a section of the person page, also served alone for htmx refreshes."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wegweiser.accounts import policy
from wegweiser.accounts.policy import Action
from wegweiser.persons.sections import Section
from wegweiser.persons.services.common import today
from wegweiser.persons.services.situation import require_export
from wegweiser.rules import InvalidSituation

from . import presentation, services
from .models import AssessmentSnapshot

SECTION_KEY = "bleibeperspektiven"
#: Stored assessments listed in the panel (newest first).
SNAPSHOT_LIMIT = 20


def panel_context(user: Any, person: Any, as_of: date | None = None) -> dict[str, Any]:
    """Assess the file (audited export) and gather what the panel shows. The caller checks ASSESSMENT_VIEW
    (``assess_person`` checks it again) and audits its own page view."""
    as_of = as_of or today()
    context: dict[str, Any] = {
        "person": person,
        "as_of": as_of,
        "is_today": as_of == today(),
        "error": "",
        "assessment": None,
        "panel_url": reverse("perspectives:panel", kwargs={"person_pk": person.pk}),
        "what_if_url": reverse("perspectives:what_if", kwargs={"person_pk": person.pk}),
        "snapshot_url": reverse("perspectives:snapshot_create", kwargs={"person_pk": person.pk}),
        "may_snapshot": policy.may(user, Action.ASSESSMENT_SNAPSHOT, person),
        "snapshots": list(AssessmentSnapshot.objects.filter(person=person).select_related("created_by")
                          [:SNAPSHOT_LIMIT]),
    }
    try:
        result = services.assess_person(user, person, as_of)
    except InvalidSituation as exc:
        context["error"] = _("Die Angaben der Akte lassen sich nicht prüfen (%(field)s: %(message)s). Bitte die "
                             "Angaben korrigieren.") % {"field": exc.pointer or "/", "message": exc.message}
    else:
        context["assessment"] = presentation.assessment(result, presentation.goal_base_url(user, person))
    context["holder_104c"] = _holds_104c(person, as_of)
    return context


def _holds_104c(person: Any, as_of: date) -> bool:
    """§ 104c Abs. 4: the office informs a holder about § 25a / § 25b; the panel then offers the sheet."""
    from wegweiser.printing.services.sheet_104c import current_permit

    return current_permit(person, as_of) is not None


def perspectives_section(person: Any, user: Any) -> Section | None:
    """The panel on the person page, for users who may see assessments (and the data they rest on).

    The page shows the section at once and fetches the assessment itself with a second request (htmx, on load;
    without JavaScript a link opens it): running the rules engine over the whole file should not hold up
    the case file, which is the page most opened. That request checks the policy and audits the export."""
    if not policy.may(user, Action.ASSESSMENT_VIEW, person):
        return None
    try:
        require_export(user, person, today())
    except PermissionDenied:  # e.g. a relative's file the user may not read: no panel rather than a broken one
        return None
    context = {
        "person": person,
        "panel_url": reverse("perspectives:panel", kwargs={"person_pk": person.pk}),
        "what_if_url": reverse("perspectives:what_if", kwargs={"person_pk": person.pk}),
        "holder_104c": _holds_104c(person, today()),
    }
    return Section(key=SECTION_KEY, title=gettext_lazy("Bleibeperspektiven"),
                   template="perspectives/_section.html", context=context, order=10)
