"""Cache plumbing that never breaks a page: a Redis backend that swallows outages, and the
per-site generation numbers the page cache, the navigation fragments and their clearing share.

Imported by the cache framework (settings.CACHES names `SafeRedisCache`), so it must not import
any model at module level.
"""

import functools
import logging
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

# After an error, the cache is left alone for this many seconds: a Redis that is down costs
# one failed connection per process every few seconds, not one per request.
RETRY_AFTER = 5.0
CACHE_ERRORS = (OSError, ValueError, TypeError)

GENERATION_KEY = "pagecache:generation:{site_id}"


def _redis_errors():
    try:
        import redis
    except ImportError:  # pragma: no cover - redis is a dependency
        return CACHE_ERRORS
    return (redis.exceptions.RedisError, OSError)


def _safe(default=None):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if self._down_until > time.monotonic():
                return default() if callable(default) else default
            try:
                return method(self, *args, **kwargs)
            except self._errors as error:
                self._down_until = time.monotonic() + RETRY_AFTER
                logger.warning("cache %s failed (%s); serving without it", method.__name__, error)
                return default() if callable(default) else default

        return wrapper

    return decorate


class SafeRedisCache(RedisCache):
    """Django's Redis cache, but an outage reads as a miss and writes are dropped.

    Connections time out after `socket_connect_timeout`/`socket_timeout` (OPTIONS, one second
    by default), and after any error the backend stays quiet for RETRY_AFTER seconds.
    """

    def __init__(self, server, params):
        params = {**params}
        options = {"socket_connect_timeout": 1, "socket_timeout": 1, **params.get("OPTIONS", {})}
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._down_until = 0.0
        self._errors = _redis_errors()

    get = _safe()(RedisCache.get)
    get_many = _safe(dict)(RedisCache.get_many)
    set = _safe()(RedisCache.set)
    set_many = _safe(list)(RedisCache.set_many)
    add = _safe(False)(RedisCache.add)
    delete = _safe(False)(RedisCache.delete)
    delete_many = _safe()(RedisCache.delete_many)
    touch = _safe(False)(RedisCache.touch)
    has_key = _safe(False)(RedisCache.has_key)
    clear = _safe(False)(RedisCache.clear)
    get_or_set = _safe()(RedisCache.get_or_set)

    @_safe()
    def incr(self, key, delta=1, version=None):
        return super().incr(key, delta, version)


def page_cache_enabled():
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def page_cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def fragment_cache():
    return caches["fragments" if "fragments" in settings.CACHES else "default"]


def generation_key(site_id):
    return GENERATION_KEY.format(site_id=site_id)


def new_generation():
    # Milliseconds: a generation made after a flush of the cache never repeats an older one.
    return int(time.time() * 1000)


def current_generation(site_id, cache=None):
    """The site's generation, created when missing; None when the cache does not answer."""
    cache = cache or page_cache()
    key = generation_key(site_id)
    value = cache.get(key)
    if value is None:
        cache.add(key, new_generation(), timeout=None)
        value = cache.get(key)
    return value


def bump_generation(site_ids):
    """Start a new generation for each site: every page and fragment cached before is gone."""
    cache = page_cache()
    for site_id in set(site_ids):
        key = generation_key(site_id)
        try:
            if cache.incr(key) is not None:
                continue
        except ValueError:  # not in the cache yet
            pass
        cache.set(key, new_generation(), timeout=None)


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
