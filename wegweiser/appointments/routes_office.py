"""URL patterns of the office side: the catalogue pages (views.catalogue), the day plan, booking for a person,
the public call-up display and the statistics (views.office)."""

from django.urls import path

from .views import catalogue, office

urlpatterns = [
    path("termine/verwaltung/leistungen/", catalogue.ServiceListView.as_view(), name="service_list"),
    path("termine/verwaltung/leistungen/neu/", catalogue.ServiceEditView.as_view(), name="service_create"),
    path("termine/verwaltung/leistungen/<int:pk>/", catalogue.ServiceEditView.as_view(), name="service_edit"),
    path("termine/verwaltung/schalter/", catalogue.CounterListView.as_view(), name="counter_list"),
    path("termine/verwaltung/schalter/neu/", catalogue.CounterEditView.as_view(), name="counter_create"),
    path("termine/verwaltung/schalter/<int:pk>/", catalogue.CounterEditView.as_view(), name="counter_edit"),
    path("termine/verwaltung/abwesenheiten/", catalogue.AbsenceListView.as_view(), name="absence_list"),
    path("termine/verwaltung/abwesenheiten/<int:pk>/loeschen/", catalogue.AbsenceDeleteView.as_view(),
         name="absence_delete"),
    path("termine/verwaltung/einstellungen/", catalogue.SettingsView.as_view(), name="settings"),
    path("termine/verwaltung/einstellungen/veroeffentlichen/", catalogue.PublishView.as_view(), name="publish"),
    path("termine/tagesplan/", office.DayPlanView.as_view(), name="day_plan"),
    path("termine/tagesplan/termine/<int:pk>/schritt/", office.StepView.as_view(), name="appointment_step"),
    path("termine/tagesplan/buchen/", office.StaffBookingView.as_view(), name="staff_booking"),
    path("termine/aufruf/", office.DisplayView.as_view(), name="display"),
    path("termine/aufruf/stand/", office.DisplayFeedView.as_view(), name="display_feed"),
    path("termine/auswertung/", office.StatisticsView.as_view(), name="statistics"),
]
