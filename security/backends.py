"""Login throttling: django-axes' authentication backend, tolerant of logins without a request."""

from typing import Any

from axes.backends import AxesBackend
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest


class LoginThrottleBackend(AxesBackend):
    """django-axes' backend, first in AUTHENTICATION_BACKENDS. Every login over HTTP passes the
    request (Django's and Wagtail's login views do) and is throttled; a call without one (the
    shell, the test client's `login()`) has no address to count and goes to the next backend
    instead of raising. As axes' AxesBackend it also answers `get_user` and permissions (as
    ModelBackend), so sessions may name it; authentication itself is ModelBackend's, next."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> AbstractBaseUser | None:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
