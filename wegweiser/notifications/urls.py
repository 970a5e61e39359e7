from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("benachrichtigungen/", views.NotificationListView.as_view(), name="list"),
    path("benachrichtigungen/gelesen/", views.MarkReadView.as_view(), name="read"),
]
