from django.views.generic import TemplateView


class PersonCreateView(TemplateView):
    """Placeholder until the person views land (replaced in the same change)."""

    template_name = "core/home.html"
