"""URL configuration. Each app owns its own ``urls.py``; every pattern here must be in the permission matrix."""

from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("wegweiser.core.urls")),
    path("konto/", include("wegweiser.accounts.urls")),
    path("personen/", include("wegweiser.persons.urls")),
    path("personen/", include("wegweiser.facts.urls")),
    path("personen/", include("wegweiser.documents.urls")),
    path("protokoll/", include("wegweiser.audit.urls")),
    # Apps of positive case work own their full paths (person-scoped ones start with personen/<pk>/).
    path("", include("wegweiser.notifications.urls")),
    path("", include("wegweiser.screening.urls")),
    path("", include("wegweiser.perspectives.urls")),
    path("", include("wegweiser.goals.urls")),
    path("", include("wegweiser.printing.urls")),
    path("", include("wegweiser.caseload.urls")),
    path("", include("wegweiser.network.urls")),
    path("", include("wegweiser.consent.urls")),
    path("", include("wegweiser.counselling.urls")),
    path("", include("wegweiser.commission.urls")),
    path("", include("wegweiser.inbox.urls")),
    path("", include("wegweiser.measures.urls")),
    path("", include("wegweiser.appointments.urls")),
    path("termine/", include("wegweiser.appointments.public_urls")),
    path("api/v1/", include("wegweiser.api.urls")),
]
