"""Case-file URLs under /personen/. Parts of a file are addressed through their person, so an ID of another
person's entry is simply not found."""

from django.urls import path

from .views import family, person, residence, search

app_name = "persons"
urlpatterns = [
    path("suche/", search.SearchView.as_view(), name="search"),
    path("neu/", person.PersonCreateView.as_view(), name="create"),
    path("<int:pk>/", person.PersonDetailView.as_view(), name="detail"),
    path("<int:pk>/bearbeiten/", person.PersonEditView.as_view(), name="edit"),
    path("<int:pk>/loeschen/", person.PersonDeleteView.as_view(), name="delete"),
    # Residence history
    path("<int:person_pk>/aufenthalt/neu/", residence.ResidenceAddView.as_view(), name="residence_add"),
    path("<int:person_pk>/aufenthalt/<int:pk>/bearbeiten/", residence.ResidenceEditView.as_view(),
         name="residence_edit"),
    path("<int:person_pk>/aufenthalt/<int:pk>/loeschen/", residence.ResidenceDeleteView.as_view(),
         name="residence_delete"),
    path("<int:person_pk>/einreisen/neu/", residence.EntryAddView.as_view(), name="entry_add"),
    path("<int:person_pk>/einreisen/<int:pk>/loeschen/", residence.EntryDeleteView.as_view(), name="entry_delete"),
    path("<int:person_pk>/auslandsaufenthalte/neu/", residence.StayAddView.as_view(), name="stay_add"),
    path("<int:person_pk>/auslandsaufenthalte/<int:pk>/loeschen/", residence.StayDeleteView.as_view(),
         name="stay_delete"),
    # Family, household, notes
    path("<int:person_pk>/familie/", family.FamilyPageView.as_view(), name="family"),
    path("<int:person_pk>/familie/neu/", family.RelationAddView.as_view(), name="relation_add"),
    path("<int:person_pk>/familie/<int:pk>/entfernen/", family.RelationDeleteView.as_view(), name="relation_delete"),
    path("<int:person_pk>/haushalt/", family.HouseholdView.as_view(), name="household"),
    path("<int:person_pk>/notizen/neu/", family.NoteAddView.as_view(), name="note_add"),
]
