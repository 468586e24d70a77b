"""The page cache middleware: whole responses, per site and URL, under the site's generation.

Every cached response is stored with the generation of its site (`pagecache.generations`) and
the moment it stops being true (the next scheduled go-live or expiry); a hit is served only
while both hold. Publishing, unpublishing, moving or deleting a page, or
saving anything shown on many pages (conference settings, navigation, rooms, tracks, news
categories, images, view restrictions, sites), starts a new generation: listings, the
schedule, feeds and exports can never show an old version of a page. docs/performance.md
explains why a generation rather than a list of URLs.

Only what Wagtail serves as a page (the `before_serve_page` hook marks it) is stored, and only
for an anonymous GET without a session cookie, answered 200 without setting a cookie, for a
page with no view restriction of its own or of an ancestor. A session cookie bypasses the cache
only when the session store knows it. Previews go through the admin and are never marked. Any
cache error reads as a miss (`pagecache.backends.SafeRedisCache`).
"""

import contextvars
import hashlib
import threading
import time
from collections import OrderedDict
from importlib import import_module

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from wagtail.models import Site

from .generations import (
    current_generation,
    generation_key,
    hosts,
    next_change,
    page_cache,
    page_cache_enabled,
    store_name,
)

PAGE_KEY = "pagecache:page:{site_id}:{digest}"
# Headers a cached copy must not repeat: the server and the framework set them per response.
NOT_STORED_HEADERS = {"set-cookie", "date", "connection", "keep-alive", "transfer-encoding"}
# A response that varies on anything else than these is left alone.
VARY_OK = {"cookie", "accept-encoding"}


def _setting(name, default):
    return getattr(settings, name, default)


def cache_control_public():
    return {
        "public": True,
        "max_age": 0,
        "s_maxage": _setting("PAGE_CACHE_S_MAXAGE", 60),
        "stale_while_revalidate": _setting("PAGE_CACHE_STALE_WHILE_REVALIDATE", 300),
    }


def has_real_session(request):
    """Whether the session cookie names a session the store knows (one lookup, and only when
    the cookie is there): a made-up cookie must not be a way around the cache."""
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return False
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    return bool(store.load())


def may_read(request):
    """Whether this request may be answered from, or stored in, the page cache."""
    if request.method not in ("GET", "HEAD"):
        return False
    if any(name in request.COOKIES for name in _setting("PAGE_CACHE_BYPASS_COOKIES", ())):
        return False
    if has_real_session(request):
        return False
    path = request.path_info
    return not any(path.startswith(prefix) for prefix in _setting("PAGE_CACHE_SKIP_PATHS", ()))


def is_static(request):
    """A static file: WhiteNoise, further down, answers it; the cache has nothing to add."""
    static_url = settings.STATIC_URL or ""
    return static_url.startswith("/") and request.path_info.startswith(static_url)


def site_id_for(request):
    """The Wagtail Site answering this request: from the per-process map, else the database
    (Wagtail keeps the Site on the request, so the page view does not look it up again)."""
    try:
        host = request.get_host()
    except DisallowedHost:  # Django answers it with a 400 of its own.
        return None, ""
    site_id = hosts.get(host)
    if site_id is None:
        site = Site.find_for_request(request)
        if site is None:
            return None, host
        site_id = site.pk
        hosts.put(host, site_id)
    return site_id, host


# The settings that decide the headers a stored entry repeats: a deploy that changes one of
# them starts new keys, so no hit carries the old policy.
HEADER_SETTINGS = (
    "MIDDLEWARE",
    "CONTENT_SECURITY_POLICY",
    "CONTENT_SECURITY_POLICY_REPORT_ONLY",
    "PERMISSIONS_POLICY",
    "CROSS_ORIGIN_RESOURCE_POLICY",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SECURE_PROXY_SSL_HEADER",
    "X_FRAME_OPTIONS",
    "MEDIA_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_CUSTOM_DOMAIN",
    "AWS_S3_ENDPOINT_URL",
    "PAGE_CACHE_S_MAXAGE",
    "PAGE_CACHE_STALE_WHILE_REVALIDATE",
)


def header_settings_version():
    values = repr([(name, getattr(settings, name, None)) for name in HEADER_SETTINGS])
    return hashlib.sha256(values.encode()).hexdigest()[:12]


def page_key(site_id, request, host, version=""):
    url = f"{version}:{request.scheme}://{host}{request.get_full_path()}"
    digest = hashlib.sha256(url.encode()).hexdigest()[:32]
    return PAGE_KEY.format(site_id=site_id, digest=digest)


def _has_view_restrictions(page):
    return page.get_view_restrictions().exists()


def storable(request, response):
    """Whether a response to a cacheable request is fit for every anonymous visitor."""
    page = getattr(request, "page_cache_page", None)
    if page is None or getattr(request, "is_preview", False):
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    if vary - VARY_OK:
        return False
    return not _has_view_restrictions(page)


# While the middleware makes a response: the reasons found not to store it (else None).
_unfit = contextvars.ContextVar("page_cache_unfit", default=None)


def do_not_store_this_response(reason="incomplete"):
    """Keep the response being made out of the cache: it lacks something (an image the media
    store did not give) that the next request should have again."""
    reasons = _unfit.get()
    if reasons is not None:
        reasons.append(reason)


def freeze(response, generation, valid_until):
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in NOT_STORED_HEADERS
    ]
    return {
        "generation": generation,
        "valid_until": valid_until,
        "headers": headers,
        "content": response.content,
    }


def still_true(entry, generation):
    """An entry is served only in its own generation and before the next scheduled change."""
    if entry is None or generation is None or entry["generation"] != generation:
        return False
    valid_until = entry.get("valid_until")
    return valid_until is None or time.time() < valid_until


def entry_and_generation(cache, key, site_id):
    """The stored entry (this process's recent copy first) and the site's generation: one
    round trip to Redis, or a database read at most once a second."""
    entry = recent.get(key)
    if store_name() == "database":
        if entry is None:
            entry = cache.get(key)
        return entry, current_generation(site_id, cache)
    gen_key = generation_key(site_id)
    if entry is not None:
        return entry, cache.get(gen_key)
    found = cache.get_many([key, gen_key])
    return found.get(key), found.get(gen_key)


def thaw(entry):
    """The stored response: its body and every header the whole middleware stack gave it."""
    return HttpResponse(entry["content"], status=200, headers=entry["headers"])


class RecentPages:
    """The last pages this process served, up to `max_bytes`: never trusted on their own, only
    when their generation is still the site's current one in the shared cache."""

    def __init__(self, max_bytes=32 * 1024 * 1024):
        self.max_bytes, self.size = max_bytes, 0
        self._lock = threading.Lock()
        self._entries = OrderedDict()

    def get(self, key):
        return self._entries.get(key)

    def put(self, key, entry):
        with self._lock:
            previous = self._entries.pop(key, None)
            if previous is not None:
                self.size -= len(previous["content"])
            self._entries[key] = entry
            self.size += len(entry["content"])
            while self.size > self.max_bytes and self._entries:
                _key, old = self._entries.popitem(last=False)
                self.size -= len(old["content"])


recent = RecentPages()


class PageCacheMiddleware:
    """Serves anonymous page views from the cache. It comes FIRST in MIDDLEWARE, as WhiteNoise
    does for static files: a hit is answered before any other middleware runs, with the
    headers the miss left the whole stack with (CSP, Permissions-Policy, CORP, HSTS, nosniff,
    referrer, COOP, X-Frame-Options, Vary, Cache-Control). Whatever changes those headers is in
    the key (scheme, host, path and query) or is never stored (previews, the admin, sessions).
    Static files pass straight through to WhiteNoise."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header_version = header_settings_version()

    def __call__(self, request):
        if not page_cache_enabled() or is_static(request):
            return self.get_response(request)
        if not may_read(request):
            return self.never_cache(self.get_response(request))

        site_id, host = site_id_for(request)
        if site_id is None:
            return self.never_cache(self.get_response(request))
        cache = page_cache()
        key = page_key(site_id, request, host, self.header_version)
        entry, generation = entry_and_generation(cache, key, site_id)
        if still_true(entry, generation):
            recent.put(key, entry)
            return thaw(entry)

        request.page_cache_generations = {site_id: generation} if generation else {}
        token = _unfit.set([])
        try:
            response = self.get_response(request)
            unfit = _unfit.get()
        finally:
            _unfit.reset(token)
        if unfit or not storable(request, response):
            return self.never_cache(response)
        patch_cache_control(response, **cache_control_public())
        if generation is None:
            # First view since the cache was emptied (or the cache is down): start one.
            generation = current_generation(site_id, cache)
        if generation is not None:
            valid_until = next_change.get(site_id, generation)
            timeout = _setting("PAGE_CACHE_SECONDS", 600)
            if valid_until is not None:
                timeout = max(1, min(timeout, int(valid_until - time.time()) + 1))
            entry = freeze(response, generation, valid_until)
            cache.set(key, entry, timeout)
            recent.put(key, entry)
        return response

    @staticmethod
    def never_cache(response):
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response
