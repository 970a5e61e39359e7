"""Fact URLs, included at ``personen/``: /personen/<person_pk>/fakten/<kind>/…"""

from django.urls import path

from . import check_views, views

app_name = "facts"
urlpatterns = [
    # before the kinds, so that "keine-eintraege" is not read as a kind
    path("<int:person_pk>/fakten/keine-eintraege/", check_views.ListCheckView.as_view(), name="checks"),
    path("<int:person_pk>/fakten/keine-eintraege/<int:pk>/loeschen/", check_views.ListCheckDeleteView.as_view(),
         name="check_delete"),
    path("<int:person_pk>/fakten/<slug:kind>/", views.FactListView.as_view(), name="list"),
    path("<int:person_pk>/fakten/<slug:kind>/neu/", views.FactCreateView.as_view(), name="create"),
    path("<int:person_pk>/fakten/<slug:kind>/<int:pk>/bearbeiten/", views.FactEditView.as_view(), name="edit"),
    path("<int:person_pk>/fakten/<slug:kind>/<int:pk>/loeschen/", views.FactDeleteView.as_view(), name="delete"),
]
