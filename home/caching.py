"""Moved to the `pagecache` app; kept so that settings and code naming `home.caching` (the
cache framework imports `home.caching.SafeRedisCache`) keep working."""

from pagecache.backends import SafeRedisCache  # noqa: F401
from pagecache.generations import (  # noqa: F401
    bump_generation,
    current_generation,
    fragment_cache,
    generation_key,
    page_cache,
    page_cache_enabled,
)
