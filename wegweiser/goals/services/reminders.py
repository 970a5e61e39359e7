"""Reminders about reviews coming up and due dates passed, each sent once per goal and event.

The daily task (``goals.tasks.send_goal_reminders``) calls ``send_due_reminders``. A reminder goes to the
person's Lotse, else to whoever made the agreement, in the app and by e-mail where the account has an address.
``ReminderSent`` remembers (goal, event, date): a moved review date or due date is a new event, a repeated run
is not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.notifications.services import notify

from ..models import GoalStatus, ReminderEvent, ReminderSent, Zielvereinbarung
from .auto_achieve import recipient_for
from .common import SYSTEM_PURPOSE

#: How many days ahead a review is announced.
REVIEW_LEAD_DAYS = 3
#: Goals still worked on; a review of a missed goal (to agree it anew) is still worth a reminder.
REVIEW_STATUSES = (GoalStatus.AGREED, GoalStatus.IN_PROGRESS, GoalStatus.MISSED)
OVERDUE_STATUSES = (GoalStatus.AGREED, GoalStatus.IN_PROGRESS)


@dataclass(frozen=True)
class Reminder:
    goal: Zielvereinbarung
    event: str
    for_date: date


def due_reminders(today: date, lead_days: int = REVIEW_LEAD_DAYS) -> list[Reminder]:
    """Reminders that are due on ``today`` and were not sent yet."""
    goals = Zielvereinbarung.objects.select_related("person__lotse", "created_by").filter(
        Q(status__in=REVIEW_STATUSES, next_review__lte=today + timedelta(days=lead_days))
        | Q(status__in=OVERDUE_STATUSES, due_date__lt=today)
    )
    sent = {(r.goal_id, r.event, r.for_date) for r in ReminderSent.objects.filter(goal__in=goals)}
    reminders = []
    for goal in goals.order_by("pk"):
        if goal.status in REVIEW_STATUSES and goal.next_review and goal.next_review <= today + timedelta(days=lead_days):
            reminders.append(Reminder(goal, ReminderEvent.REVIEW_DUE, goal.next_review))
        if goal.status in OVERDUE_STATUSES and goal.due_date and goal.due_date < today:
            reminders.append(Reminder(goal, ReminderEvent.OVERDUE, goal.due_date))
    return [r for r in reminders if (r.goal.pk, r.event, r.for_date) not in sent]


def _message(reminder: Reminder, today: date) -> str:
    goal = reminder.goal
    values = {"title": goal.title, "person": goal.person.display_name, "date": reminder.for_date.strftime("%d.%m.%Y")}
    if reminder.event == ReminderEvent.OVERDUE:
        return _("Das Zieldatum der Zielvereinbarung „%(title)s“ (%(person)s) ist überschritten (%(date)s). "
                 "Bitte prüfen Sie den Stand.") % values
    if reminder.for_date < today:
        return _("Die Überprüfung der Zielvereinbarung „%(title)s“ (%(person)s) war am %(date)s fällig.") % values
    if reminder.for_date == today:
        return _("Die Überprüfung der Zielvereinbarung „%(title)s“ (%(person)s) ist heute fällig.") % values
    return _("Die Überprüfung der Zielvereinbarung „%(title)s“ (%(person)s) ist am %(date)s fällig.") % values


def send_due_reminders(today: date | None = None, lead_days: int = REVIEW_LEAD_DAYS) -> int:
    """Send every due reminder once; returns how many were sent."""
    today = today or timezone.localdate()
    count = 0
    for reminder in due_reminders(today, lead_days):
        goal = reminder.goal
        recipient = recipient_for(goal)
        if recipient is None:
            continue
        try:
            with transaction.atomic():
                ReminderSent.objects.create(goal=goal, event=reminder.event, for_date=reminder.for_date)
                record(actor=None, action=AuditAction.VIEW, purpose=SYSTEM_PURPOSE, person=goal.person, obj=goal,
                       details={"reminder": str(reminder.event), "for": reminder.for_date.isoformat(),
                                "recipient": recipient.pk})
                # Last, so that the e-mail leaves only once the rest is in place.
                notify(recipient, message=_message(reminder, today), person=goal.person, send_email=True,
                       url=reverse("goals:detail", kwargs={"pk": goal.pk}))
        except IntegrityError:
            continue  # another run sent it just now
        count += 1
    return count
