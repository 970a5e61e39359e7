"""Wegweiser rules engine: residence and nationality pathways as code, with explanations.

Plain Python: this package never imports Django (a test checks it in a fresh interpreter), and imports
polars only for screening. Entry points: ``assess`` (one person, explained), ``screen_frame`` in
``wegweiser.rules.vector`` (many persons, vectorised), the ``wegweiser`` command line (``wegweiser.cli``).
"""

__version__ = "wegweiser-rules 0.1.0"

from .engine import assess, assess_record  # noqa: E402
from .spec import InvalidSituation  # noqa: E402

__all__ = ["InvalidSituation", "__version__", "assess", "assess_record"]
