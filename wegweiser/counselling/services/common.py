"""Helpers shared by the counselling services."""

#: Purpose written to the audit trail for counselling work.
PURPOSE = "Beratung"
