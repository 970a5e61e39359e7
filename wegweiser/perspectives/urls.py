"""Staying perspectives of a person. Stored assessments are addressed through their person, so the id of
another person's assessment is simply not found."""

from django.urls import path

from . import views

app_name = "perspectives"
urlpatterns = [
    path("personen/<int:person_pk>/bleibeperspektiven/", views.PanelView.as_view(), name="panel"),
    path("personen/<int:person_pk>/bleibeperspektiven/was-waere-wenn/", views.WhatIfView.as_view(), name="what_if"),
    path("personen/<int:person_pk>/bleibeperspektiven/speichern/", views.SnapshotCreateView.as_view(),
         name="snapshot_create"),
    path("personen/<int:person_pk>/bleibeperspektiven/pruefungen/<int:pk>/", views.SnapshotDetailView.as_view(),
         name="snapshot_detail"),
    path("personen/<int:person_pk>/bleibeperspektiven/pruefungen/<int:pk>/pdf/", views.SnapshotPdfView.as_view(),
         name="snapshot_pdf"),
]
