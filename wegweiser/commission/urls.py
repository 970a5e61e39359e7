"""Cases before the Beratungskommission: prepared under their person, then addressed by their own id."""

from django.urls import path

from . import listing, views

app_name = "commission"
urlpatterns = [
    path("personen/<int:person_pk>/beratungskommission/neu/", views.CaseCreateView.as_view(), name="create"),
    path("beratungskommission/", listing.CaseListView.as_view(), name="list"),
    path("beratungskommission/<int:pk>/", views.CaseDetailView.as_view(), name="detail"),
    path("beratungskommission/<int:pk>/bearbeiten/", views.CaseEditView.as_view(), name="edit"),
    path("beratungskommission/<int:pk>/vorlegen/", views.SubmitView.as_view(), name="submit"),
    path("beratungskommission/<int:pk>/empfehlung/", views.RecommendView.as_view(), name="recommend"),
    path("beratungskommission/<int:pk>/entscheidung/", views.DecideView.as_view(), name="decide"),
    path("beratungskommission/<int:pk>/zurueckziehen/", views.WithdrawView.as_view(), name="withdraw"),
    path("beratungskommission/<int:pk>/vorlage.pdf", views.CasePdfView.as_view(), name="pdf"),
]
