from django.urls import path

from .views import person, search

app_name = "persons"
urlpatterns = [
    path("suche/", search.SearchView.as_view(), name="search"),
    path("neu/", person.PersonCreateView.as_view(), name="create"),
]
