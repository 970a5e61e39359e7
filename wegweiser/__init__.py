"""Wegweiser: software for immigration offices working as welcome and integration authorities.

The Celery app is created lazily (``wegweiser.celery_app`` or ``import wegweiser.celery``), so that plain
Python parts such as ``wegweiser.rules`` can be imported without loading Django. Django processes load it
in ``CoreConfig.ready``; ``celery -A wegweiser`` finds it in ``wegweiser.celery``.
"""

from typing import Any

__all__ = ["celery_app"]


def __getattr__(name: str) -> Any:
    if name == "celery_app":
        from .celery import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
