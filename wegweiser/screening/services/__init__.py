"""Screening the caseload: the bulk reader (``caseload_frame``) and the runs (``runs``)."""
