"""Views of the screening app: the worklists and their exports in ``worklists.py``, the screening runs in
``runs.py``, the Lotse assignment in ``assign.py``."""
