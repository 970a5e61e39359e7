"""The figures of the caseload dashboard, each computed with a few aggregate queries."""
