"""Where every process finds a site's current generation, and when its cached pages expire.

The store is Redis when the page cache alias is a Redis cache (every process shares it), and
the database otherwise (`SiteGeneration`; every process shares that too). A local-memory cache
alone is never trusted with a generation: it is one process's, and the scheduler, imports and
other workers are other processes. `PAGE_CACHE_GENERATION_STORE` ("cache" or "database")
overrides the choice.

Imported from the apps' ready() hooks and the middleware, while apps load: no model at module level.
"""

import datetime
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db.models import F, Min, Q, Value
from django.db.models.functions import Greatest

GENERATION_KEY = "pagecache:generation:{site_id}"
# How long a process trusts the generations it read from the database: one query a second
# per process rather than one per request (PAGE_CACHE_GENERATION_TTL, at most a second).
DEFAULT_DATABASE_TTL = 1.0


def page_cache_enabled():
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def page_cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def fragment_cache():
    return caches["fragments" if "fragments" in settings.CACHES else "default"]


def generation_key(site_id):
    return GENERATION_KEY.format(site_id=site_id)


def new_generation():
    # Milliseconds: a generation made after a flush of the store never repeats an older one.
    return int(time.time() * 1000)


def store_name():
    configured = getattr(settings, "PAGE_CACHE_GENERATION_STORE", None)
    if configured:
        return configured
    return "cache" if isinstance(page_cache(), RedisCache) else "database"


class DatabaseGenerations:
    """The generations of every site, read in one query at most every `ttl` seconds."""

    def __init__(self):
        self._lock = threading.Lock()
        self._known, self._read_at = {}, float("-inf")

    def ttl(self):
        return min(float(getattr(settings, "PAGE_CACHE_GENERATION_TTL", DEFAULT_DATABASE_TTL)), 1.0)

    def _read(self):
        from .models import SiteGeneration  # the models load after the cache framework

        self._known = dict(SiteGeneration.objects.values_list("site_id", "generation"))
        self._read_at = time.monotonic()

    def get(self, site_id):
        with self._lock:
            if time.monotonic() - self._read_at >= self.ttl():
                self._read()
            if site_id not in self._known:
                self._create(site_id)
                self._read()
            return self._known.get(site_id)

    def _create(self, site_id):
        from .models import SiteGeneration  # the models load after the cache framework

        SiteGeneration.objects.get_or_create(
            site_id=site_id, defaults={"generation": new_generation()}
        )

    def bump(self, site_ids):
        from .models import SiteGeneration  # the models load after the cache framework

        for site_id in set(site_ids):
            changed = SiteGeneration.objects.filter(site_id=site_id).update(
                generation=Greatest(F("generation") + 1, Value(new_generation()))
            )
            if not changed:
                self._create(site_id)
        with self._lock:
            # This process sees its own change at once; the others within the TTL.
            self._read_at = float("-inf")

    def forget(self):
        with self._lock:
            self._known, self._read_at = {}, float("-inf")


database_generations = DatabaseGenerations()


def current_generation(site_id, cache=None):
    """The site's generation, created when missing; None when the store does not answer."""
    if store_name() == "database":
        return database_generations.get(site_id)
    cache = cache or page_cache()
    key = generation_key(site_id)
    value = cache.get(key)
    if value is None:
        cache.add(key, new_generation(), timeout=None)
        value = cache.get(key)
    return value


def bump_generation(site_ids):
    """Start a new generation for each site: every page and fragment cached before is gone,
    in every process."""
    if store_name() == "database":
        database_generations.bump(site_ids)
        return
    cache = page_cache()
    for site_id in set(site_ids):
        key = generation_key(site_id)
        try:
            if cache.incr(key) is not None:
                continue
        except ValueError:  # not in the cache yet
            pass
        cache.set(key, new_generation(), timeout=None)


class NextChange:
    """The next moment (a Unix time) anything is scheduled to go live or expire, per site and
    generation: an entry stored now is not served past it. A new schedule starts a new
    generation, so the moment is looked up again only then or once it has passed."""

    def __init__(self):
        self._lock = threading.Lock()
        self._known = {}

    def get(self, site_id, generation):
        now = time.time()
        known = self._known.get(site_id)
        if known and known[0] == generation and (known[1] is None or known[1] > now):
            return known[1]
        moment = self._lookup(now)
        with self._lock:
            self._known[site_id] = (generation, moment)
        return moment

    @staticmethod
    def _lookup(now):
        # Every site's schedules count: a few more re-renders, and no tree walk per site.
        from wagtail.models import Page, Revision  # models load after the cache framework

        when = datetime.datetime.fromtimestamp(now, tz=datetime.UTC)
        pages = Page.objects.aggregate(
            go_live=Min("go_live_at", filter=Q(go_live_at__gt=when)),
            expire=Min("expire_at", filter=Q(expire_at__gt=when, live=True)),
        )
        revision = Revision.objects.filter(approved_go_live_at__gt=when).aggregate(
            at=Min("approved_go_live_at")
        )["at"]
        moments = [m for m in (pages["go_live"], pages["expire"], revision) if m is not None]
        return min(moments).timestamp() if moments else None


next_change = NextChange()


class HostMap:
    """host -> site id, per process, for a few seconds: a cached page is served without any
    database query. Cleared in this process when a Site changes; other processes catch up
    within `ttl` seconds."""

    def __init__(self, ttl=30.0, size=1000):
        self.ttl, self.size = ttl, size
        self._lock = threading.Lock()
        self._map = {}

    def get(self, host):
        entry = self._map.get(host)
        if entry and entry[1] > time.monotonic():
            return entry[0]
        return None

    def put(self, host, site_id):
        with self._lock:
            if len(self._map) >= self.size:
                self._map.clear()
            self._map[host] = (site_id, time.monotonic() + self.ttl)

    def clear(self):
        with self._lock:
            self._map.clear()


hosts = HostMap()
