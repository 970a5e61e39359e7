"""Wegweiser: software for immigration offices working as welcome and integration authorities."""

from .celery import app as celery_app

__all__ = ["celery_app"]
