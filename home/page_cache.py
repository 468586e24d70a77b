"""Anonymous page caching: whole responses, per site and URL, cleared by a generation number.

Every cached response is stored with the generation of its site (`home.caching`); a lookup
fetches the entry and the site's current generation in one round trip and only serves an
entry of the current generation. Publishing, unpublishing, moving or deleting a page, or
saving anything shown on many pages (conference settings, navigation, rooms, tracks, news
categories, images, view restrictions, sites), starts a new generation: listings, the
schedule, feeds and exports can never show an old version of a page. The README
("Performance") explains why a generation rather than a list of URLs.

Only what Wagtail serves as a page (the `before_serve_page` hook marks it) is stored, and only
for an anonymous GET without a session cookie, answered 200 without setting a cookie, for a
page with no view restriction of its own or of an ancestor. Previews go through the admin and
are never marked. Any cache error reads as a miss (`home.caching.SafeRedisCache`).
"""

import contextvars
import hashlib
import logging
import threading
from collections import OrderedDict

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from wagtail import hooks

from .caching import bump_generation, generation_key, hosts, page_cache, page_cache_enabled

logger = logging.getLogger(__name__)

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


def bypass_cookies():
    names = {settings.SESSION_COOKIE_NAME, *_setting("PAGE_CACHE_BYPASS_COOKIES", ())}
    return names


def may_read(request):
    """Whether this request may be answered from, or stored in, the page cache."""
    if request.method not in ("GET", "HEAD"):
        return False
    if any(name in request.COOKIES for name in bypass_cookies()):
        return False
    path = request.path_info
    return not any(path.startswith(prefix) for prefix in _setting("PAGE_CACHE_SKIP_PATHS", ()))


def site_id_for(request):
    """The Wagtail Site answering this request: from the per-process map, else the database
    (Wagtail keeps the Site on the request, so the page view does not look it up again)."""
    from wagtail.models import Site

    try:
        host = request.get_host()
    except Exception:  # DisallowedHost: Django answers it with a 400 of its own.
        return None, ""
    site_id = hosts.get(host)
    if site_id is None:
        site = Site.find_for_request(request)
        if site is None:
            return None, host
        site_id = site.pk
        hosts.put(host, site_id)
    return site_id, host


def page_key(site_id, request, host):
    url = f"{request.scheme}://{host}{request.get_full_path()}"
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


def freeze(response, generation):
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in NOT_STORED_HEADERS
    ]
    return {"generation": generation, "headers": headers, "content": response.content}


def thaw(entry):
    response = HttpResponse(entry["content"], status=200)
    for name in list(response.headers):
        del response.headers[name]
    for name, value in entry["headers"]:
        response.headers[name] = value
    return response


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
    """Serves anonymous page views from the cache; put it right after WhiteNoise, before the
    session middleware, so that a hit costs one cache round trip and no database query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not page_cache_enabled():
            return self.get_response(request)
        if not may_read(request):
            return self.never_cache(self.get_response(request))

        site_id, host = site_id_for(request)
        if site_id is None:
            return self.never_cache(self.get_response(request))
        cache = page_cache()
        key, gen_key = page_key(site_id, request, host), generation_key(site_id)
        # The process keeps recent pages itself: a hit then fetches only the (tiny) generation
        # from the shared cache rather than the whole page.
        entry = recent.get(key)
        if entry is not None:
            generation = cache.get(gen_key)
        else:
            found = cache.get_many([key, gen_key])
            generation, entry = found.get(gen_key), found.get(key)
        if entry is not None and generation is not None and entry["generation"] == generation:
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
            from .caching import current_generation

            generation = current_generation(site_id, cache)
        if generation is not None:
            entry = freeze(response, generation)
            cache.set(key, entry, _setting("PAGE_CACHE_SECONDS", 600))
            recent.put(key, entry)
        return response

    @staticmethod
    def never_cache(response):
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response


@hooks.register("before_serve_page")
def mark_page_for_cache(page, request, serve_args, serve_kwargs):
    """Only what Wagtail serves as a page is ever stored (never a preview, an admin view or a
    document); the middleware checks the page's view restrictions before storing it."""
    request.page_cache_page = page


# -- clearing ----------------------------------------------------------------------------


def all_site_ids():
    from wagtail.models import Site

    return list(Site.objects.values_list("pk", flat=True))


def site_ids_for_page(page):
    """The sites whose tree holds the page (by url_path, so it works after a delete too)."""
    from wagtail.models import Site

    url_path = getattr(page, "url_path", "") or ""
    found = [
        root.site_id
        for root in Site.get_site_root_paths()
        if url_path.startswith(root.root_path) and root.site_id is not None
    ]
    return found or all_site_ids()


def _bump_when_committed(site_ids):
    """Start new generations once the change is committed. Started earlier, a request served
    in between (by any process) would read the old rows and cache them under the new
    generation, and go on serving them after the commit."""

    def bump():
        try:
            bump_generation(site_ids)
        except Exception:  # The cache failing must never fail a publish.
            logger.exception("page cache: could not start a new generation")

    transaction.on_commit(bump)


def clear_for_page(page):
    try:
        site_ids = site_ids_for_page(page)
    except Exception:  # Nor must the site lookup.
        logger.exception("page cache: could not find the sites of page %s", page.pk)
        site_ids = None
    if site_ids is None:
        clear_all()
    else:
        _bump_when_committed(site_ids)


def clear_all():
    try:
        _bump_when_committed(all_site_ids())
    except Exception:
        logger.exception("page cache: could not start a new generation")


def frontend_cache_urls(pages):
    """The URLs a CDN may hold of these pages and of what shows them: their ancestors up to
    the edition's home page and the pages a page names (`pages_showing_this`: a talk's
    presenters, a presenter's talks), with the feeds and exports of each."""
    urls = set()
    for page in pages:
        showing = getattr(page, "pages_showing_this", list)()
        for item in [page, *page.get_ancestors().filter(depth__gt=1).specific(), *showing]:
            base = item.full_url
            if not base:
                continue
            urls.add(base)
            reverse = getattr(item, "reverse_subpage", None)
            for route in ("calendar", "json", "rss", "atom") if reverse else ():
                try:
                    urls.add(base + reverse(route))
                except Exception:  # NoReverseMatch: this page has no such export.
                    continue
    return sorted(urls)


_purge_queue = threading.local()


def purge_frontend_cache_when_committed(page):
    """Purge the CDN once the change is committed (a CDN refetching earlier would get the old
    page again), with one purge for all the pages a transaction changed: an import publishes
    a thousand pages under one news index, which is then purged once, not a thousand times."""
    if not _setting("WAGTAILFRONTENDCACHE", None):
        return
    queued = getattr(_purge_queue, "pages", None)
    if queued is None:
        queued = _purge_queue.pages = {}
    queued[page.pk] = page
    # The first of these callbacks to run purges everything queued; the others find nothing.
    # A rolled-back transaction's pages are purged with the next commit's, which is harmless.
    transaction.on_commit(_purge_queued)


def _purge_queued():
    queued, _purge_queue.pages = getattr(_purge_queue, "pages", None) or {}, {}
    if not queued:
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    try:
        purge_urls_from_cache(frontend_cache_urls(queued.values()))
    except Exception:  # A CDN that does not answer must never fail a publish.
        logger.exception("frontend cache: purge failed")


def on_page_changed(sender, instance, **kwargs):
    if page_cache_enabled():
        clear_for_page(instance)
    # Wagtail's own handler purges the page itself, before the commit; this covers it again.
    purge_frontend_cache_when_committed(instance)


def on_page_moved(sender, instance, **kwargs):
    # The page left one listing (perhaps one edition) for another: clear every site.
    if page_cache_enabled():
        clear_all()
    purge_frontend_cache_when_committed(instance)


def on_page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page) and page_cache_enabled():
        clear_for_page(instance)


def on_site_setting_changed(sender, instance, **kwargs):
    if page_cache_enabled():
        _bump_when_committed([instance.site_id])


def on_shared_change(sender, instance, **kwargs):
    if page_cache_enabled():
        clear_all()


def on_site_changed(sender, instance, **kwargs):
    hosts.clear()
    if page_cache_enabled():
        clear_all()


SHARED_MODELS = (
    "program.Room",
    "program.Track",
    "blog.BlogCategory",
    "wagtailcore.PageViewRestriction",
)


def connect_signals():
    """Called from HomeConfig.ready(), so management commands (publish_scheduled, imports)
    clear the cache as well as the admin does."""
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save
    from wagtail.images import get_image_model
    from wagtail.models import Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from .models import ConferenceSettings, NavigationSettings

    uid = "home.page_cache"
    page_published.connect(on_page_changed, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(on_page_changed, dispatch_uid=f"{uid}.unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid=f"{uid}.moved")
    post_delete.connect(on_page_deleted, dispatch_uid=f"{uid}.deleted")
    for model in (ConferenceSettings, NavigationSettings):
        for signal in (post_save, post_delete):
            signal.connect(on_site_setting_changed, sender=model, dispatch_uid=f"{uid}.{model}")
    shared = [get_image_model()]
    for name in SHARED_MODELS:
        try:
            shared.append(apps.get_model(name))
        except LookupError:
            continue
    for model in shared:
        for signal in (post_save, post_delete):
            signal.connect(on_shared_change, sender=model, dispatch_uid=f"{uid}.{model}")
    for signal in (post_save, post_delete):
        signal.connect(on_site_changed, sender=Site, dispatch_uid=f"{uid}.site")
