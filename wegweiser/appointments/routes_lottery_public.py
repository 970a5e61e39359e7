"""URL patterns of the lottery's public pages (namespace ``booking``, under /termine/): see
views/lottery_public.py."""

from django.urls import path

from .views import lottery_public

urlpatterns = [
    path("<str:lang>/verlosung/<int:pk>/", lottery_public.EnterView.as_view(), name="lottery_enter"),
    path("<str:lang>/verlosung/<int:pk>/eingegangen/", lottery_public.EnteredView.as_view(), name="lottery_entered"),
]
