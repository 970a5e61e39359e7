"""JSON 404 for unknown URLs below /api/v1/ (e.g. an unknown fact kind), instead of Django's HTML page."""

from __future__ import annotations

from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from ..exceptions import exception_handler


class NotFoundView(APIView):
    """Answers every method with 404 — after the log-in check, so anonymous callers learn nothing."""

    schema = None  # not part of the documented interface
    renderer_classes = [JSONRenderer]

    def get_exception_handler(self):
        return exception_handler

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        raise exceptions.NotFound()


not_found = NotFoundView.as_view()
