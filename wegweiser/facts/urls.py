"""Fact URLs, included at ``personen/``: /personen/<person_pk>/fakten/<kind>/…"""

from django.urls import path

from . import views

app_name = "facts"
urlpatterns = [
    path("<int:person_pk>/fakten/<slug:kind>/", views.FactListView.as_view(), name="list"),
    path("<int:person_pk>/fakten/<slug:kind>/neu/", views.FactCreateView.as_view(), name="create"),
    path("<int:person_pk>/fakten/<slug:kind>/<int:pk>/bearbeiten/", views.FactEditView.as_view(), name="edit"),
    path("<int:person_pk>/fakten/<slug:kind>/<int:pk>/loeschen/", views.FactDeleteView.as_view(), name="delete"),
]
