"""Consents (staff pages) and the pages of external accounts (partners see their consenting persons)."""

from django.db import transaction
from django.urls import path

from . import external, views

app_name = "consent"
urlpatterns = [
    path("personen/<int:person_pk>/einwilligungen/neu/",
         transaction.non_atomic_requests(views.ConsentCreateView.as_view()), name="create"),
    path("einwilligungen/<int:pk>/", views.ConsentDetailView.as_view(), name="detail"),
    path("einwilligungen/<int:pk>/widerruf/", views.ConsentRevokeView.as_view(), name="revoke"),
    path("einwilligungen/<int:pk>/pdf/", views.ConsentPdfView.as_view(), name="pdf"),
    path("partner/personen/", external.MyPersonsView.as_view(), name="my_persons"),
    path("partner/personen/<int:pk>/", external.ExternalPersonView.as_view(), name="external_person"),
]
