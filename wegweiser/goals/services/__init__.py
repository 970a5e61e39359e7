"""Services for Zielvereinbarungen: agreements (create, edit, signed copy), the status state machine, reading
the rules engine's gaps, auto-achieve and reminders."""
