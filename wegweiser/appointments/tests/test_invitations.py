"""The proactive service: who is due, inviting (offer, letter, e-mail), who has not reacted, the application and
the Fiktionsbescheinigung step (§ 81 Abs. 4 and 5 AufenthG), the daily jobs."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from freezegun import freeze_time
from icalendar import Calendar

from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditEntry
from wegweiser.core.testing import make_user
from wegweiser.persons.models import Person, ResidencePeriod, ResidenceStatus
from wegweiser.persons.services import residence

from ..models import (
    Appointment,
    BookingSettings,
    ExtensionApplication,
    FiktionStatus,
    Invitation,
    InvitationStatus,
    SlotBooking,
    Status,
)
from ..services import booking, invitations
from ..services.invitations import InvitationRefused
from ..tasks_invitations import expire_offers, invite_expiring_permits
from .factories import MONDAY, at, office

pytestmark = pytest.mark.django_db
NOW = at(MONDAY, 7)


@pytest.fixture(autouse=True)
def _frozen():
    with freeze_time(NOW):
        yield


@pytest.fixture
def lead():
    return make_user(Role.TEAMLEITUNG, username="tl")


def person(number: str = "AZ-1", *, team=None, language: str = "ar", email: str = "amal@example.org") -> Person:
    return Person.objects.create(file_number=number, family_name="Beispiel", given_names="Amal", team=team,
                                 letter_language=language, email=email)


def title(p: Person, until: date, status: str = ResidenceStatus.AUFENTHALTSERLAUBNIS, *,
          start: date = date(2025, 1, 1), basis: str = "§ 25 Abs. 2 AufenthG") -> ResidencePeriod:
    return ResidencePeriod.objects.create(person=p, status=status, valid_from=start, valid_until=until,
                                          legal_basis=basis)


def test_due_are_current_expiring_titles_without_a_later_period_or_an_invitation():
    BookingSettings.objects.update_or_create(pk=1, defaults={"invitation_weeks": 4})
    due = title(person("AZ-1"), MONDAY + timedelta(weeks=4))
    national_visa = title(person("AZ-2"), MONDAY + timedelta(days=3), ResidenceStatus.VISUM,
                          basis="§ 6 Abs. 3 AufenthG")
    title(person("AZ-3"), MONDAY + timedelta(weeks=4, days=1))  # beyond the office's lead
    title(person("AZ-4"), MONDAY - timedelta(days=1))  # already expired
    title(person("AZ-5"), MONDAY + timedelta(days=10), ResidenceStatus.NIEDERLASSUNGSERLAUBNIS)  # card, not title
    title(person("AZ-6"), MONDAY + timedelta(days=10), ResidenceStatus.VISUM, basis="§ 6 Abs. 1 AufenthG")
    renewed = person("AZ-7")
    title(renewed, MONDAY + timedelta(days=10))
    title(renewed, MONDAY + timedelta(days=11), start=MONDAY + timedelta(days=11))
    invited = title(person("AZ-8"), MONDAY + timedelta(days=10))
    Invitation.objects.create(person=invited.person, residence_period=invited, expires_on=invited.valid_until)
    assert list(invitations.due_permits(MONDAY)) == [national_visa, due]


def test_invite_offers_the_first_free_slot_writes_the_letter_and_emails_after_commit(
        lead, django_capture_on_commit_callbacks):
    office(reminder_hours=24)
    period = title(person(), MONDAY + timedelta(days=20))
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitations.invite(lead, period)
    appointment = invitation.appointment
    assert appointment.status == Status.OFFERED and appointment.person == period.person
    assert appointment.starts_at == at(MONDAY, 8) and appointment.language == "ar"
    assert appointment.offer_expires_at == at(MONDAY, 8)  # 24 h before lies in the past: held until the start
    assert invitation.letter.kind == "letter" and invitation.letter.content_type == "application/pdf"
    assert invitation.letter.storage_path.read_bytes().startswith(b"%PDF")
    invitation.refresh_from_db()
    assert invitation.emailed and len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amal@example.org"] and "http://" in message.body
    assert appointment.reference in message.body and period.person.file_number not in message.body
    event = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
    assert message.attachments[0][0] == "termin.ics" and str(event["status"]) == "TENTATIVE"
    assert event.decoded("dtstart") == appointment.starts_at
    entries = AuditEntry.objects.filter(person_id=period.person_id)
    assert {"appointments.invitation", "appointments.appointment", "documents.document"} <= {
        e.object_type for e in entries}
    assert "Amal" not in str([e.details for e in entries]) and "example.org" not in str([e.details for e in entries])


def test_a_failing_mail_server_keeps_the_invitation_and_leaves_the_email_for_a_retry(
        lead, monkeypatch, django_capture_on_commit_callbacks):
    office(reminder_hours=24)

    def broken(self, *args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitations.invite(lead, title(person(), MONDAY + timedelta(days=20)))
    invitation.refresh_from_db()
    assert invitation.letter is not None and not invitation.emailed
    with pytest.raises(OSError):  # the task's autoretry sees it
        invitations.send_invitation_email(invitation.pk)
    monkeypatch.undo()
    assert invitations.send_invitation_email(invitation.pk) is True
    invitation.refresh_from_db()
    assert invitation.emailed and len(mail.outbox) == 1
    assert invitations.send_invitation_email(invitation.pk) is False  # once only


def test_the_offer_leaves_the_letter_time_to_arrive_unless_the_title_ends_sooner(lead):
    office(invitation_notice_days=7, reminder_hours=24)
    later = invitations.invite(lead, title(person("AZ-1"), MONDAY + timedelta(days=20)))
    assert later.appointment.starts_at == at(MONDAY + timedelta(days=7), 8)  # the Monday a week later
    assert later.appointment.offer_expires_at == at(MONDAY + timedelta(days=6), 8)
    soon = invitations.invite(lead, title(person("AZ-2"), MONDAY + timedelta(days=3)))
    assert soon.appointment.starts_at == at(MONDAY, 8)  # nothing after the notice period: the first free time


def test_a_later_slot_is_held_until_the_reminder_time():
    office(reminder_hours=24)
    booking.book(service=invitations.renewal_service(), starts_at=at(MONDAY, 8), name="X", email="", public=False)
    for hour in range(8, 12):
        for minute in (0, 15, 30, 45):
            if (hour, minute) != (8, 0):
                booking.book(service=invitations.renewal_service(), starts_at=at(MONDAY, hour, minute), name="X",
                             email="", public=False)
    invitation = invitations.invite(None, title(person(email=""), MONDAY + timedelta(days=20)))
    tuesday = MONDAY + timedelta(days=1)
    assert invitation.appointment.starts_at == at(tuesday, 8)
    assert invitation.appointment.offer_expires_at == at(MONDAY, 8)
    assert not invitation.emailed and mail.outbox == []


def test_no_invitation_without_a_free_slot_before_the_expiry(lead):
    office(today=MONDAY + timedelta(days=7))  # slots only from next week on
    period = title(person(), MONDAY + timedelta(days=5))
    with pytest.raises(InvitationRefused) as refused:
        invitations.invite(lead, period)
    assert refused.value.code == "no_offer"
    assert not Invitation.objects.exists() and not Appointment.objects.exists()


def test_each_title_is_invited_once(lead):
    office()
    period = title(person(), MONDAY + timedelta(days=20))
    invitations.invite(lead, period)
    with pytest.raises(InvitationRefused) as refused:
        invitations.invite(lead, period)
    assert refused.value.code == "already"


def test_a_case_worker_invites_only_in_the_own_team():
    from wegweiser.accounts.models import Team

    office()
    worker = make_user(Role.SACHBEARBEITUNG, username="sb")
    other = Team.objects.create(name="Team 2")
    with pytest.raises(PermissionDenied):
        invitations.invite(worker, title(person(team=other), MONDAY + timedelta(days=20)))
    assert invitations.invite(worker, title(person("AZ-9", team=worker.team), MONDAY + timedelta(days=20)))


def test_the_letter_is_reproducible():
    office()
    invitation = invitations.invite(None, title(person(language="fa"), MONDAY + timedelta(days=20)))
    first, meta = invitations.letter_pdf(invitation, invitation.appointment, issued_on=MONDAY)
    second, _ = invitations.letter_pdf(invitation, invitation.appointment, issued_on=MONDAY)
    assert first == second and meta.number == f"EL-{invitation.pk}" and meta.content["language"] == "fa"


def test_not_reacted_lists_unconfirmed_offers_and_highlights_the_last_weeks(lead):
    office()
    soon = invitations.invite(lead, title(person("AZ-1"), MONDAY + timedelta(days=20)))
    later = invitations.invite(lead, title(person("AZ-2"), MONDAY + timedelta(days=40)))
    confirmed = invitations.invite(lead, title(person("AZ-3"), MONDAY + timedelta(days=40)))
    booking.confirm_offer(confirmed.appointment)
    confirmed.refresh_from_db()
    assert confirmed.status == InvitationStatus.BOOKED and confirmed.reacted_at is not None
    rows = invitations.not_reacted(MONDAY)
    assert [r.invitation for r in rows] == [soon, later]
    assert [r.urgent for r in rows] == [True, False]


def test_a_rebooked_offer_counts_with_its_new_appointment(lead):
    office()
    invitation = invitations.invite(lead, title(person(), MONDAY + timedelta(days=20)))
    new = booking.rebook(invitation.appointment, starts_at=at(MONDAY, 10), public=False)
    assert invitations.current_appointment(invitation) == new
    assert invitations.not_reacted(MONDAY) == []
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.BOOKED


def test_a_timely_application_opens_the_fiktion_step_a_late_one_does_not(lead):
    timely_period = title(person("AZ-1"), MONDAY)
    application = invitations.record_application(lead, timely_period, MONDAY)
    assert application.timely and application.fiktion_status == FiktionStatus.OPEN
    late_period = title(person("AZ-2"), MONDAY - timedelta(days=1))
    late = invitations.record_application(lead, late_period, MONDAY)
    assert not late.timely and late.fiktion_status == ""
    assert list(invitations.open_fiktion_steps()) == [application]


def test_an_application_is_refused_for_a_future_date_or_twice(lead):
    period = title(person(), MONDAY + timedelta(days=20))
    with pytest.raises(InvitationRefused) as refused:
        invitations.record_application(lead, period, MONDAY + timedelta(days=1))
    assert "applied_on" in refused.value.message_dict
    invitations.record_application(lead, period, MONDAY)
    with pytest.raises(InvitationRefused):
        invitations.record_application(lead, period, MONDAY)


def test_the_application_answers_the_invitation(lead):
    office()
    period = title(person(), MONDAY + timedelta(days=20))
    invitation = invitations.invite(lead, period)
    invitations.record_application(lead, period, MONDAY)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.APPLIED and invitation.reacted_at
    assert invitations.not_reacted(MONDAY) == []


def test_issuing_the_fiktion_records_the_period_from_the_day_after_the_title(lead):
    period = title(person(), MONDAY + timedelta(days=20))
    application = invitations.record_application(lead, period, MONDAY)
    issued = invitations.issue_fiktion(lead, application, MONDAY, " FB-123 ")
    assert issued.fiktion_status == FiktionStatus.ISSUED and issued.fiktion_issued_on == MONDAY
    fiktion = ResidencePeriod.objects.get(status=ResidenceStatus.FIKTIONSBESCHEINIGUNG)
    assert fiktion.valid_from == MONDAY + timedelta(days=21) and fiktion.valid_until is None
    assert fiktion.legal_basis == "§ 81 Abs. 4 AufenthG" and fiktion.document_number == "FB-123"
    with pytest.raises(InvitationRefused):
        invitations.issue_fiktion(lead, issued, MONDAY, "FB-124")


def test_issuing_checks_the_dates(lead):
    period = title(person(), MONDAY + timedelta(days=20))
    application = invitations.record_application(lead, period, MONDAY - timedelta(days=2))
    with pytest.raises(InvitationRefused) as refused:
        invitations.issue_fiktion(lead, application, MONDAY - timedelta(days=3), "")
    assert {"issued_on", "document_number"} <= set(refused.value.message_dict)
    with pytest.raises(InvitationRefused) as refused:
        invitations.issue_fiktion(lead, application, MONDAY, "FB-1", valid_until=MONDAY)
    assert "valid_until" in refused.value.message_dict
    assert not ResidencePeriod.objects.filter(status=ResidenceStatus.FIKTIONSBESCHEINIGUNG).exists()


def test_a_new_title_makes_the_open_fiktion_step_unnecessary(lead, django_capture_on_commit_callbacks):
    period = title(person(), MONDAY + timedelta(days=20))
    application = invitations.record_application(lead, period, MONDAY)
    with django_capture_on_commit_callbacks(execute=True):
        residence.add_period(lead, period.person, {
            "status": ResidenceStatus.AUFENTHALTSERLAUBNIS, "valid_from": MONDAY + timedelta(days=21),
            "valid_until": MONDAY + timedelta(days=21 + 730), "legal_basis": "§ 25 Abs. 2 AufenthG"})
    application.refresh_from_db()
    assert application.fiktion_status == FiktionStatus.NOT_NEEDED


def test_the_daily_job_invites_everyone_due_once():
    office()
    title(person("AZ-1"), MONDAY + timedelta(days=20))
    title(person("AZ-2"), MONDAY + timedelta(days=30))
    assert invite_expiring_permits() == {"invited": 2, "refused": 0}
    assert invite_expiring_permits() == {"invited": 0, "refused": 0}
    assert Invitation.objects.filter(created_by=None).count() == 2


def test_without_a_renewal_service_the_daily_job_invites_nobody():
    office()
    from ..models import Service

    Service.objects.update(code="anderes")
    title(person(), MONDAY + timedelta(days=20))
    assert invite_expiring_permits() == {"invited": 0, "refused": 0}
    assert len(invitations.due_permits(MONDAY)) == 1


def test_unconfirmed_offers_lapse_and_free_their_slots():
    office(reminder_hours=1)
    invitation = invitations.invite(None, title(person(), MONDAY + timedelta(days=20)), now=at(MONDAY, 6))
    appointment = invitation.appointment
    assert appointment.offer_expires_at == at(MONDAY, 7)
    with freeze_time(at(MONDAY, 7, 1)):
        assert expire_offers() == {"expired": 1}
    appointment.refresh_from_db()
    assert appointment.status == Status.EXPIRED and not SlotBooking.objects.filter(appointment=appointment).exists()
    assert [r.appointment for r in invitations.not_reacted(MONDAY)] == [appointment]
    assert ExtensionApplication.objects.count() == 0
