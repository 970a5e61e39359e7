"""Staff URLs of the appointments app (namespace ``appointments``), one route module per area."""

from . import routes_invitations, routes_lottery, routes_office

app_name = "appointments"
urlpatterns = routes_office.urlpatterns + routes_lottery.urlpatterns + routes_invitations.urlpatterns
