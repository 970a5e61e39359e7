from django.urls import path

from . import views

app_name = "printing"
urlpatterns = [
    path("ziele/<int:pk>/pdf/", views.GoalPdfView.as_view(), name="goal_pdf"),
    path("personen/<int:person_pk>/104c-hinweise/pdf/", views.Sheet104cView.as_view(), name="sheet_104c"),
]
