"""Every page needs a logged-in user who has passed the second factor, except the few public ones.

The check runs in ``process_view`` so that it applies to every URL pattern, including those added later:
forgetting a decorator cannot expose a page. Views still ask the policy module for the role check.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import resolve
from django.urls.exceptions import Resolver404

#: URL names reachable without any login. Log-out is public so that a click on "Abmelden" after the
#: session has expired ends on the "abgemeldet" page instead of a log-in form that would lead back to it.
PUBLIC_URL_NAMES = frozenset({"accounts:login", "accounts:logout", "accounts:logged_out", "set_language",
                              # The waiting room's call-up display: queue numbers and counter names only.
                              "appointments:display", "appointments:display_feed"})
#: Namespaces whose pages are public by design: booking an appointment needs no account (issue 7). Their views
#: read no case file; what they show is the booking the signed link or the form belongs to.
PUBLIC_NAMESPACES = frozenset({"booking"})
#: URL names reachable after the password step, before the second factor.
HALF_LOGGED_IN_URL_NAMES = frozenset({"accounts:otp"})


class StaffLoginRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        if request.path.startswith(settings.STATIC_URL) or request.path.startswith("/api/"):
            return None  # static files; the API answers 401/403 itself (DRF permission classes)
        try:
            url_name = resolve(request.path_info).view_name
        except Resolver404:
            return None
        if url_name in PUBLIC_URL_NAMES or url_name.split(":", 1)[0] in PUBLIC_NAMESPACES:
            return None
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user.is_verified() and url_name not in HALF_LOGGED_IN_URL_NAMES:
            return redirect("accounts:otp")
        return None
