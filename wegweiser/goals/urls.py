"""Zielvereinbarungen: created under their person, then addressed by their own id."""

from django.db import transaction
from django.urls import path

from . import listing, views

app_name = "goals"
urlpatterns = [
    path("personen/<int:person_pk>/ziele/neu/", views.GoalCreateView.as_view(), name="create"),
    path("ziele/", listing.GoalListView.as_view(), name="list"),
    path("ziele/<int:pk>/", views.GoalDetailView.as_view(), name="detail"),
    path("ziele/<int:pk>/bearbeiten/", views.GoalEditView.as_view(), name="edit"),
    path("ziele/<int:pk>/status/", views.GoalStatusView.as_view(), name="status"),
    path("ziele/<int:pk>/unterschrift/", transaction.non_atomic_requests(views.GoalUploadSignedView.as_view()),
         name="upload_signed"),
]
