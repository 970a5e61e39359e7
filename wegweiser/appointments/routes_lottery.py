"""URL patterns of the lottery's staff pages (namespace ``appointments``): see views/lottery.py."""

from django.urls import path

from .views import lottery

urlpatterns = [
    path("terminvergabe/verlosungen/", lottery.RoundListView.as_view(), name="lottery_list"),
    path("terminvergabe/verlosungen/neu/", lottery.RoundCreateView.as_view(), name="lottery_create"),
    path("terminvergabe/verlosungen/<int:pk>/", lottery.RoundDetailView.as_view(), name="lottery_detail"),
    path("terminvergabe/verlosungen/<int:pk>/verlosen/", lottery.RoundDrawView.as_view(), name="lottery_draw"),
]
