"""Tests run against a real PostgreSQL server named by DATABASE_URL.

Each pytest process makes its own test database (the name carries the process id, so two runs
on one machine never collide) and drops it at the end."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import env

DEBUG = False
# A key for the test settings only; production refuses to start without a strong one of its own.
SECRET_KEY = "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
ALLOWED_HOSTS = ["*"]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/"),
}
DATABASES["default"]["NAME"] = DATABASES["default"]["NAME"] or "postgres"
DATABASES["default"]["TEST"] = {"NAME": f"test_conference_{os.getpid()}"}

# Uploads go to a directory of this process's own (pytest-xdist runs several at once), never to
# the developer's var/media/; tests/conftest.py removes it at the end. The tests that start a
# server or a command of their own hand it MEDIA_ROOT.
MEDIA_ROOT = env.str(
    "MEDIA_ROOT",
    default=str(Path(tempfile.gettempdir()) / f"conference-test-media-{os.getpid()}"),
)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "r"},
}

# The page cache, the navigation fragments and the rendered-markdown cache are off in the test
# process, so the tests that count queries measure the pages themselves.
# tests/test_page_cache.py starts real servers with them on (TEST_PAGE_CACHE=1), sharing a
# Redis database under a key prefix of their own (TEST_REDIS_URL, TEST_CACHE_PREFIX).
PAGE_CACHE_ENABLED = env.bool("TEST_PAGE_CACHE", default=False)
CACHES["fragments"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
if env.str("TEST_REDIS_URL", default=""):
    _redis = {
        "BACKEND": "pagecache.backends.SafeRedisCache",
        "LOCATION": env.str("TEST_REDIS_URL"),
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    _prefix = env.str("TEST_CACHE_PREFIX", default="test")
    CACHES = {
        name: {**_redis, "KEY_PREFIX": f"{_prefix}:{name}"}
        for name in ("default", "fragments", "renditions")
    }
if PAGE_CACHE_ENABLED and not env.str("TEST_REDIS_URL", default=""):
    CACHES["fragments"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
    }
# The generation store follows CACHES (Redis or the database): tests switch CACHES per test.
PAGE_CACHE_GENERATION_STORE = None
