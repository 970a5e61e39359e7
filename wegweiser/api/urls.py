"""URLs of API v1 (mounted at /api/v1/).

Explicit paths instead of a DRF router: no format-suffix variants, integer IDs only, and one pair of
patterns per fact kind so the schema describes each kind's body exactly. A final catch-all answers
unknown API URLs with a JSON 404 instead of an HTML page.
"""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from .permissions import VerifiedStaff
from .views.errors import not_found
from .views.facts import FACT_VIEWSETS
from .views.persons import PersonViewSet
from .views.residence import ResidencePeriodViewSet

app_name = "api"

LIST = {"get": "list", "post": "create"}
DETAIL = {"get": "retrieve", "patch": "partial_update", "delete": "destroy"}

urlpatterns = [
    path("persons/", PersonViewSet.as_view(LIST), name="person-list"),
    path("persons/<int:pk>/", PersonViewSet.as_view(DETAIL), name="person-detail"),
    path(
        "persons/<int:person_id>/residence-periods/",
        ResidencePeriodViewSet.as_view(LIST),
        name="person-residence-period-list",
    ),
    path("residence-periods/<int:pk>/", ResidencePeriodViewSet.as_view(DETAIL), name="residence-period-detail"),
]
for slug, viewset in FACT_VIEWSETS.items():
    urlpatterns += [
        path(f"persons/<int:person_id>/facts/{slug}/", viewset.as_view(LIST), name=f"person-fact-{slug}-list"),
        path(f"facts/{slug}/<int:pk>/", viewset.as_view(DETAIL), name=f"fact-{slug}-detail"),
    ]
urlpatterns += [
    path("schema/", SpectacularAPIView.as_view(permission_classes=[VerifiedStaff]), name="schema"),
    re_path(r"^(?P<path>.*)$", not_found, name="not-found"),
]
