"""A Redis cache backend that never breaks a page: an outage reads as a miss.

Imported by the cache framework (settings.CACHES names `SafeRedisCache`), so it must not import
any model at module level.
"""

import functools
import logging
import time

import redis
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

# After an error, the cache is left alone for this many seconds: a Redis that is down costs
# one failed connection per process every few seconds, not one per request.
RETRY_AFTER = 5.0
CACHE_ERRORS = (OSError, ValueError, TypeError)


def _redis_errors():
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
