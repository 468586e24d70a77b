"""Page and document passwords are throttled as logins are (security issue 14, finding 10).

Wagtail's views that check a page's or a collection's shared password count nothing, so a
password can be guessed without limit. These wrappers hand each wrong password to
django-axes, which already throttles the logins: the restriction stands in for the username,
so axes counts failures per address and restriction (AXES_LOCKOUT_PARAMETERS) in its database
tables, shared by every process, with the logins' limit and cool-off (AXES_FAILURE_LIMIT,
AXES_COOLOFF_TIME). Once locked, even the right password gets the 429 page until the cool-off
passes. site_config/urls.py routes Wagtail's two URLs here."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from wagtail.documents.views.serve import (
    authenticate_with_password as wagtail_document_password_view,
)
from wagtail.views import authenticate_with_password as wagtail_page_password_view

LOCKOUT_TEMPLATE = "security/password_lockout.html"

View = Callable[..., HttpResponse]


def restriction_credentials(kind: str, restriction_id: int) -> dict[str, str]:
    return {"username": f"{kind}-password:{restriction_id}"}


def lockout_response(request: HttpRequest, credentials: dict[str, str]) -> HttpResponse:
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "cool_off_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    return render(request, LOCKOUT_TEMPLATE, context, status=settings.AXES_HTTP_RESPONSE_CODE)


def throttled(view: View, kind: str, restriction_argument: str) -> View:
    """`view` behind axes' counter for the restriction named by the URL's
    `restriction_argument`. Wagtail's view redirects when the password is right and shows the
    form again when it is wrong."""

    @wraps(view)
    def throttled_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        credentials = restriction_credentials(kind, kwargs[restriction_argument])
        if AxesProxyHandler.is_locked(request, credentials):
            return lockout_response(request, credentials)
        response = view(request, *args, **kwargs)
        if request.method != "POST":
            return response
        if response.status_code == 302:
            if settings.AXES_RESET_ON_SUCCESS:
                AxesProxyHandler.reset_attempts(
                    ip_address=request.axes_ip_address, username=credentials["username"]
                )
            return response
        AxesProxyHandler.user_login_failed(
            sender=throttled_view, credentials=credentials, request=request
        )
        if request.axes_locked_out:
            # Answered here with the password page's own wording; left set, AxesMiddleware
            # would swap in the login lockout page ("this account is locked").
            request.axes_locked_out = False
            return lockout_response(request, credentials)
        return response

    return throttled_view


page_password_view = throttled(wagtail_page_password_view, "page", "page_view_restriction_id")
document_password_view = throttled(wagtail_document_password_view, "collection", "restriction_id")
