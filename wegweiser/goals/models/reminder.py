"""Which reminders were sent, so that the daily task tells each event once only."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderEvent(models.TextChoices):
    REVIEW_DUE = "review_due", _("Überprüfung fällig")
    OVERDUE = "overdue", _("Zieldatum überschritten")


class ReminderSent(models.Model):
    goal = models.ForeignKey("goals.Zielvereinbarung", on_delete=models.CASCADE, related_name="reminders")
    event = models.CharField(max_length=16, choices=ReminderEvent.choices)
    # The date the reminder was about: a new review date or due date is a new event.
    for_date = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Gesendete Erinnerung")
        verbose_name_plural = _("Gesendete Erinnerungen")
        constraints = [
            models.UniqueConstraint(fields=["goal", "event", "for_date"], name="goal_reminder_once_per_event"),
        ]
