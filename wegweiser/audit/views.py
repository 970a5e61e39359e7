from django.views.generic import TemplateView


class AuditSearchView(TemplateView):
    template_name = "core/home.html"
