from django.urls import path

from . import views

app_name = "caseload"
urlpatterns = [
    path("fallbegleitung/", views.DashboardView.as_view(), name="dashboard"),
]
