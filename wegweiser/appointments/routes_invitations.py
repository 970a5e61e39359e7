"""URL patterns of the proactive service (views.invitations). Inviting writes a letter file, so it runs
outside the request-wide transaction; the service keeps row and file together."""

from django.db import transaction
from django.urls import path

from .views import invitations

urlpatterns: list = [
    path("termine/einladungen/", invitations.InvitationListView.as_view(), name="invitations"),
    path("termine/einladungen/<int:period_pk>/einladen/",
         transaction.non_atomic_requests(invitations.InviteView.as_view()), name="invitation_invite"),
    path("termine/einladungen/titel/<int:period_pk>/antrag/", invitations.ApplicationCreateView.as_view(),
         name="application_create"),
    path("termine/einladungen/antraege/<int:pk>/fiktionsbescheinigung/", invitations.FiktionIssueView.as_view(),
         name="fiktion_issue"),
]
