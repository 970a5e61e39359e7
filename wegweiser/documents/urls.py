"""Document URLs, included at ``personen/``. Upload and delete run outside the request-wide transaction so
that the service can keep database row and stored file consistent."""

from django.db import transaction
from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path(
        "<int:person_pk>/dokumente/hochladen/",
        transaction.non_atomic_requests(views.DocumentUploadView.as_view()),
        name="upload",
    ),
    path("dokumente/<int:pk>/herunterladen/", views.DocumentDownloadView.as_view(), name="download"),
    path(
        "dokumente/<int:pk>/loeschen/",
        transaction.non_atomic_requests(views.DocumentDeleteView.as_view()),
        name="delete",
    ),
]
