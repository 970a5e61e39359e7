"""Follow-up reminders: on the follow-up date of a person's newest protocol, its author hears about it (the
person's Lotse as well, if there is one), once per date. A later protocol replaces the earlier follow-up."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.audit.models import AuditAction
from wegweiser.audit.services import record
from wegweiser.notifications.services import notify

from ..models import FollowUpReminder, Protocol

SYSTEM_PURPOSE = "Beratung: Wiedervorlage"


def due_follow_ups(today: date) -> list[Protocol]:
    """Newest protocol per person whose follow-up date has come and was not reminded yet."""
    newest = Protocol.objects.filter(person=OuterRef("person")).order_by("-held_on", "-pk").values("pk")[:1]
    due = (Protocol.objects.filter(pk=Subquery(newest), follow_up_on__lte=today)
           .select_related("person__lotse", "created_by").order_by("pk"))
    sent = set(FollowUpReminder.objects.filter(protocol__in=due).values_list("protocol_id", "for_date"))
    return [p for p in due if (p.pk, p.follow_up_on) not in sent]


def send_follow_up_reminders(today: date | None = None) -> int:
    """Notify about every due follow-up once; returns how many protocols were reminded."""
    today = today or timezone.localdate()
    count = 0
    for protocol in due_follow_ups(today):
        recipients = {u for u in (protocol.created_by, protocol.person.lotse) if u is not None and u.is_active}
        if not recipients:
            continue
        message = _("Wiedervorlage aus der Beratung von %(person)s am %(date)s: Bitte nehmen Sie Kontakt auf.") % {
            "person": protocol.person.display_name, "date": protocol.follow_up_on.strftime("%d.%m.%Y")}
        try:
            with transaction.atomic():
                FollowUpReminder.objects.create(protocol=protocol, for_date=protocol.follow_up_on)
                record(actor=None, action=AuditAction.VIEW, purpose=SYSTEM_PURPOSE, person=protocol.person,
                       obj=protocol, details={"follow_up": protocol.follow_up_on.isoformat(),
                                              "recipients": sorted(u.pk for u in recipients)})
                for user in sorted(recipients, key=lambda u: u.pk):
                    notify(user, message=message, person=protocol.person, send_email=True,
                           url=reverse("counselling:protocol_detail", kwargs={"pk": protocol.pk}))
        except IntegrityError:
            continue  # another run sent it just now
        count += 1
    return count
