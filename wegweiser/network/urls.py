"""The network directory (own paths) and, under their person, referrals and the "Angebote für Sie" sheet."""

from django.urls import path

from . import views

app_name = "network"
urlpatterns = [
    path("netzwerk/", views.DirectoryView.as_view(), name="directory"),
    path("netzwerk/organisationen/neu/", views.OrganisationCreateView.as_view(), name="organisation_create"),
    path("netzwerk/organisationen/<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation_detail"),
    path("netzwerk/organisationen/<int:pk>/bearbeiten/", views.OrganisationEditView.as_view(),
         name="organisation_edit"),
    path("netzwerk/kontakte/neu/", views.ContactCreateView.as_view(), name="contact_create"),
    path("netzwerk/kontakte/<int:pk>/bearbeiten/", views.ContactEditView.as_view(), name="contact_edit"),
    path("personen/<int:person_pk>/vermittlung/neu/", views.ReferralCreateView.as_view(), name="referral_create"),
    path("personen/<int:person_pk>/angebote/pdf/", views.OffersPdfView.as_view(), name="offers_pdf"),
]
