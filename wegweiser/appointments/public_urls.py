"""Public URLs (namespace ``booking``): reachable without an account, see accounts.middleware."""

from . import routes_lottery_public, routes_public

app_name = "booking"
urlpatterns = routes_public.urlpatterns + routes_lottery_public.urlpatterns
