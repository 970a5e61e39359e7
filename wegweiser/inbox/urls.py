"""Partner pages (under partner/, next to "Meine Personen") and the staff inbox (eingang/).

Submitting evidence runs outside the request-wide transaction so that the service can keep document row,
stored file and submission consistent (as the documents app does for uploads)."""

from django.db import transaction
from django.urls import path

from . import partner, views

app_name = "inbox"
urlpatterns = [
    path("partner/personen/<int:pk>/nachweis/",
         transaction.non_atomic_requests(partner.EvidenceSubmitView.as_view()), name="submit_evidence"),
    path("partner/personen/<int:pk>/nachricht/", partner.MessageSendView.as_view(), name="send_message"),
    path("partner/einsendungen/", partner.MySubmissionsView.as_view(), name="my_submissions"),
    path("eingang/", views.InboxListView.as_view(), name="list"),
    path("eingang/<int:pk>/", views.SubmissionDetailView.as_view(), name="detail"),
    path("eingang/<int:pk>/bestaetigen/", views.VerifyView.as_view(), name="verify"),
    path("eingang/<int:pk>/zurueckweisen/", views.RejectView.as_view(), name="reject"),
    path("eingang/<int:pk>/antworten/", views.AnswerView.as_view(), name="answer"),
]
