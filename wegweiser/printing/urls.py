from django.urls import path

from . import views

app_name = "printing"
urlpatterns = [
    path("ziele/<int:pk>/pdf/", views.GoalPdfView.as_view(), name="goal_pdf"),
    path("personen/<int:person_pk>/104c-hinweise/pdf/", views.Sheet104cView.as_view(), name="sheet_104c"),
    path("beratung/<int:pk>/kopie/pdf/", views.ProtocolCopyView.as_view(), name="protocol_copy"),
    path("beratung/<int:pk>/kopie/uebergabe/", views.ProtocolHandoverView.as_view(), name="protocol_handover"),
]
