"""The security middleware: the Content Security Policy per area (public pages or the admin)
with the media host in img-src and the preview panel's frame-ancestors, a Permissions-Policy,
a Cross-Origin-Resource-Policy, and a 400 for addresses with a NUL byte. Settings in
site_config/settings/security.py, listed in MIDDLEWARE.
"""

from collections.abc import Callable
from urllib.parse import urlsplit

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.functional import cached_property


def media_origins() -> list[str]:
    """Where the pages' images come from, read from the storage settings at request time (the
    tests switch storage on the fly): '' for the site itself."""
    origins = []
    media_url = getattr(settings, "MEDIA_URL", "") or ""
    if media_url.startswith(("https://", "http://", "//")):
        parts = urlsplit(media_url if "://" in media_url else "https:" + media_url)
        origins.append(f"{parts.scheme}://{parts.netloc}")
    if getattr(settings, "AWS_STORAGE_BUCKET_NAME", ""):
        bucket = settings.AWS_STORAGE_BUCKET_NAME
        if settings.AWS_S3_CUSTOM_DOMAIN:
            origins.append(f"https://{settings.AWS_S3_CUSTOM_DOMAIN}")
        elif settings.AWS_S3_ENDPOINT_URL:
            parts = urlsplit(settings.AWS_S3_ENDPOINT_URL)
            origins.append(f"{parts.scheme}://{parts.netloc}")
            # Virtual-host addressing puts the bucket in the host name.
            origins.append(f"{parts.scheme}://{bucket}.{parts.netloc}")
        else:
            region = settings.AWS_S3_REGION_NAME
            origins.append(f"https://{bucket}.s3.amazonaws.com")
            if region:
                origins.append(f"https://{bucket}.s3.{region}.amazonaws.com")
                origins.append(f"https://s3.{region}.amazonaws.com")
    return list(dict.fromkeys(origins))


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with two policies: CONTENT_SECURITY_POLICY for the site and
    ADMIN_CONTENT_SECURITY_POLICY under ADMIN_CSP_PATH_PREFIXES. A view's own @csp_* decorator
    still wins."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponse, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if parts.config is None and request.path_info.startswith(
            tuple(getattr(settings, "ADMIN_CSP_PATH_PREFIXES", ()))
        ):
            parts = PolicyParts(
                settings.ADMIN_CONTENT_SECURITY_POLICY, parts.update, parts.replace, parts.nonce
            )
        update = dict(parts.update or {})
        media = media_origins()
        if media:
            update["img-src"] = list(update.get("img-src", [])) + media
        if getattr(request, "is_preview", False):
            # Wagtail renders a preview through the middleware again, with the page's own path
            # (so the public policy), for the editor's preview panel to frame: the admin, on
            # this origin, may frame it; nothing else may.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        if update:
            parts.update = update
        return parts


class PermissionsPolicyMiddleware:
    """Sends PERMISSIONS_POLICY as a Permissions-Policy header on every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    @cached_property
    def header(self) -> str:
        def allowlist(origins):
            return "(" + " ".join(o if o == "self" else f'"{o}"' for o in origins) + ")"

        policy = getattr(settings, "PERMISSIONS_POLICY", {})
        return ", ".join(f"{name}={allowlist(origins)}" for name, origins in policy.items())

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class CrossOriginResourcePolicyMiddleware:
    """Cross-Origin-Resource-Policy on every response: CROSS_ORIGIN_RESOURCE_POLICY (pages,
    static files, the admin), CROSS_ORIGIN_RESOURCE_POLICY_MEDIA for files under MEDIA_URL
    when the app serves them itself. See docs/security.md for why media differ."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        media_url = getattr(settings, "MEDIA_URL", "") or ""
        if media_url.startswith("/") and request.path_info.startswith(media_url):
            policy = settings.CROSS_ORIGIN_RESOURCE_POLICY_MEDIA
        else:
            policy = settings.CROSS_ORIGIN_RESOURCE_POLICY
        response.headers.setdefault("Cross-Origin-Resource-Policy", policy)
        return response


class RejectNulBytesMiddleware:
    """A query string with a NUL byte (`?q=%00`) gets 400: PostgreSQL refuses NUL in text, so
    such a value reaching a query would otherwise end in a 500. Forms already refuse NUL
    (Django's ProhibitNullCharactersValidator); views that read request.GET directly do not."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(
                "Bad request: the address contains a NUL character.",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
