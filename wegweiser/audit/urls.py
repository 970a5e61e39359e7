from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("", views.AuditSearchView.as_view(), name="search"),
    path("export.csv", views.AuditExportView.as_view(), name="export"),
    path("pruefen/", views.AuditVerifyView.as_view(), name="verify"),
    path("<int:pk>/", views.AuditDetailView.as_view(), name="detail"),
]
