"""Views of the case file; search lives in ``search.py``, everything else in ``person.py`` and friends."""
