"""URLs of the screening app: worklists (/arbeitslisten/), screening runs (/pruefungen/) and the Lotse
assignment of one person (under /personen/)."""

from django.urls import path

from .views import assign, runs, worklists

app_name = "screening"
urlpatterns = [
    path("arbeitslisten/", worklists.WorklistIndexView.as_view(), name="worklists"),
    path("arbeitslisten/lotse-zuweisen/", assign.BulkAssignView.as_view(), name="assign_bulk"),
    path("arbeitslisten/<slug:key>/", worklists.WorklistView.as_view(), name="worklist"),
    path("arbeitslisten/<slug:key>/export.csv", worklists.WorklistExportView.as_view(format="csv"),
         name="worklist_export_csv"),
    path("arbeitslisten/<slug:key>/export.xlsx", worklists.WorklistExportView.as_view(format="xlsx"),
         name="worklist_export_xlsx"),
    path("pruefungen/", runs.RunListView.as_view(), name="runs"),
    path("pruefungen/starten/", runs.RunStartView.as_view(), name="run_start"),
    path("pruefungen/<int:pk>/fortsetzen/", runs.RunResumeView.as_view(), name="run_resume"),
    path("personen/<int:person_pk>/lotse/", assign.AssignView.as_view(), name="assign"),
]
