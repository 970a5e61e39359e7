"""Models of the appointments app, one module per concern."""

from .booking import HOLDING, TRANSITIONS, Appointment, Requester, Slot, SlotBooking, Status
from .catalogue import (
    Absence,
    Allocation,
    BookingSettings,
    Counter,
    OpeningHours,
    Service,
    Weekday,
    localized,
)
from .invitations import ExtensionApplication, FiktionStatus, Invitation, InvitationStatus
from .lottery import EntryResult, LotteryEntry, LotteryRound, RoundStatus

__all__ = [
    "HOLDING", "TRANSITIONS", "Absence", "Allocation", "Appointment", "BookingSettings", "Counter", "EntryResult",
    "ExtensionApplication", "FiktionStatus", "Invitation", "InvitationStatus", "LotteryEntry", "LotteryRound",
    "OpeningHours", "Requester", "RoundStatus", "Service", "Slot", "SlotBooking", "Status", "Weekday", "localized",
]
