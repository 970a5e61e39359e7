from django.views.generic import TemplateView


class SearchView(TemplateView):
    """Placeholder until the search module lands (replaced in the same change)."""

    template_name = "core/home.html"
