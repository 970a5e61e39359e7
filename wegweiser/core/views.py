"""The start page: what a user may do, by role."""

from django.views.generic import TemplateView

from wegweiser.accounts.policy import Action, may


class HomeView(TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["can_search"] = may(user, Action.PERSON_SEARCH)
        ctx["can_create"] = may(user, Action.PERSON_CREATE)
        ctx["can_audit"] = may(user, Action.AUDIT_VIEW)
        ctx["can_manage_users"] = may(user, Action.USERS_MANAGE)
        return ctx
