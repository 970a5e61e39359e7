"""Screening runs and their results (one row per person and pathway)."""

from .run import STALE_ERROR, RunStatus, ScreeningResult, ScreeningRun, stale_cutoff

__all__ = ["STALE_ERROR", "RunStatus", "ScreeningResult", "ScreeningRun", "stale_cutoff"]
