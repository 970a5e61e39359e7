"""Helpers shared by the goals services."""

#: Purpose written to the audit trail for work on Zielvereinbarungen.
PURPOSE = "Fallbearbeitung"
#: Purpose of the automatic checks the system runs (auto-achieve, reminders).
SYSTEM_PURPOSE = "Zielvereinbarung: automatische Prüfung"
