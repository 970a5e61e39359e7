"""Views of the case file: search in ``search.py`` (own module), the person in ``person.py``, residence
history in ``residence.py``, family, household and notes in ``family.py``."""
