"""URL patterns of the public booking pages (namespace ``booking``, under /termine/): see views/public.py.

Every page but the entry carries its language in the path, so a link in an e-mail opens in the language of the
booking whatever the browser says."""

from __future__ import annotations

from datetime import date

from django.urls import path, register_converter

from .views import public


class IsoDateConverter:
    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> date:
        try:
            return date.fromisoformat(value)
        except ValueError as exc:  # 2027-02-30: no such page
            raise ValueError(value) from exc

    def to_url(self, value: date | str) -> str:
        return value.isoformat() if isinstance(value, date) else value


register_converter(IsoDateConverter, "booking_day")

urlpatterns = [
    path("", public.entry, name="entry"),
    path("<str:lang>/", public.services, name="services"),
    path("<str:lang>/abgesagt/", public.cancelled, name="cancelled"),
    path("<str:lang>/buchung/<str:token>/", public.manage, name="manage"),
    path("<str:lang>/buchung/<str:token>/gebucht/", public.done, name="done"),
    path("<str:lang>/buchung/<str:token>/termin.ics", public.ics_download, name="ics"),
    path("<str:lang>/buchung/<str:token>/absagen/", public.cancel, name="cancel"),
    path("<str:lang>/buchung/<str:token>/bestaetigen/", public.confirm, name="confirm"),
    path("<str:lang>/buchung/<str:token>/verschieben/", public.rebook, name="rebook"),
    path("<str:lang>/buchung/<str:token>/verschieben/<booking_day:day>/", public.rebook_day, name="rebook_day"),
    path("<str:lang>/<slug:code>/", public.service, name="service"),
    path("<str:lang>/<slug:code>/<booking_day:day>/", public.day, name="day"),
]
