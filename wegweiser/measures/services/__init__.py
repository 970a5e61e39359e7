"""Services of the measures app (see the package docstring of ``wegweiser.measures`` for the API)."""
