"""Measures ending a stay: plans (created under their person, then addressed by their own id), the execution
log, departures (recorded under their person), the office's safeguard settings and the report."""

from django.urls import path

from . import views

app_name = "measures"
urlpatterns = [
    path("massnahmen/", views.PlanListView.as_view(), name="plan_list"),
    path("massnahmen/bericht/", views.ReportView.as_view(), name="report"),
    path("massnahmen/schutzregeln/", views.OfficeSettingsView.as_view(), name="office_settings"),
    path("personen/<int:person_pk>/massnahmen/neu/", views.PlanCreateView.as_view(), name="plan_create"),
    path("personen/<int:person_pk>/ausreisen/neu/", views.DepartureCreateView.as_view(), name="departure_create"),
    path("ausreisen/<int:pk>/zuruecknehmen/", views.DepartureWithdrawView.as_view(), name="departure_withdraw"),
    path("massnahmen/<int:pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("massnahmen/<int:pk>/bearbeiten/", views.PlanEditView.as_view(), name="plan_edit"),
    path("massnahmen/<int:pk>/pruefen/", views.PlanCheckView.as_view(), name="plan_check"),
    path("massnahmen/<int:pk>/warnung/", views.AcknowledgeView.as_view(), name="plan_acknowledge"),
    path("massnahmen/<int:pk>/freigeben/", views.ApproveView.as_view(), name="plan_approve"),
    path("massnahmen/<int:pk>/ablauf/", views.ExecutionView.as_view(), name="plan_execution"),
    path("massnahmen/<int:pk>/bescheinigungen/neu/", views.CertificateCreateView.as_view(), name="certificate_create"),
    path("massnahmen/<int:pk>/bescheinigungen/<int:cert_pk>/beiseitelegen/", views.CertificateSetAsideView.as_view(),
         name="certificate_set_aside"),
]
