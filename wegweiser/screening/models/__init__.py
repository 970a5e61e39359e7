"""Screening runs and their results (one row per person and pathway)."""

from .run import RunStatus, ScreeningResult, ScreeningRun

__all__ = ["RunStatus", "ScreeningResult", "ScreeningRun"]
