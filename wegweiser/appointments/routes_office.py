"""URL patterns: see the view modules they name."""

urlpatterns: list = []
