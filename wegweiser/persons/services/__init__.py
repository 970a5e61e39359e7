"""Side effects on case files (create, change, delete with validation and audit) live here, not in models.

Every service checks the policy for the acting user, validates across rows, writes inside one transaction
and appends to the audit trail, so that views and the API cannot take a path that skips any of it. Failed
validation raises Django's ``ValidationError`` with German messages keyed by field where there is one.
"""
