"""Counselling protocols (created under their person, then addressed by their own id) and the concept."""

from django.urls import path

from . import views

app_name = "counselling"
urlpatterns = [
    path("personen/<int:person_pk>/beratung/neu/", views.ProtocolCreateView.as_view(), name="protocol_create"),
    path("beratung/<int:pk>/", views.ProtocolDetailView.as_view(), name="protocol_detail"),
    path("beratung/<int:pk>/bearbeiten/", views.ProtocolEditView.as_view(), name="protocol_edit"),
    path("beratung/<int:pk>/abschliessen/", views.ProtocolFinaliseView.as_view(), name="protocol_finalise"),
    path("beratung/<int:pk>/nachtrag/", views.AddendumCreateView.as_view(), name="addendum_create"),
    path("beratungskonzept/", views.ConceptListView.as_view(), name="concept_list"),
    path("beratungskonzept/neue-fassung/", views.ConceptNewDraftView.as_view(), name="concept_new_draft"),
    path("beratungskonzept/<int:pk>/", views.ConceptDetailView.as_view(), name="concept_detail"),
    path("beratungskonzept/<int:pk>/bearbeiten/", views.ConceptEditView.as_view(), name="concept_edit"),
    path("beratungskonzept/<int:pk>/veroeffentlichen/", views.ConceptPublishView.as_view(), name="concept_publish"),
    path("beratungskonzept/art/<int:pk>/themen/", views.ConceptTypeEditView.as_view(), name="concept_type_edit"),
]
