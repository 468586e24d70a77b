"""Settings shared by every environment. Values that differ per deployment come from the
environment (see `.env.example`); the defaults here are the embedded first-run setup."""

from pathlib import Path

import environ
from botocore.config import Config as BotoConfig

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# A local .env is a convenience for development; real deployments set the environment.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "security",
    "home",
    "pagecache",
    "program",
    "blog",
    "sponsors",
    "organizers",
    "places",
    "demo",
    "importer",
    "editions",
    "editorial",
    "media",
    "search",
    "social",
    "ops",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtailmarkdown",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "csp",
    "axes",
]

MIDDLEWARE = [
    # First: a cached page is answered before anything else runs, with the complete headers
    # the rest of the stack gave its miss (docs/pagecache.md "The fast path").
    "pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "security.middleware.SiteCSPMiddleware",
    "security.middleware.PermissionsPolicyMiddleware",
    "security.middleware.CrossOriginResourcePolicyMiddleware",
    "security.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "editorial.middleware.EditionTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a lockout into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "site_config.urls"
WSGI_APPLICATION = "site_config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# The embedded default is an SQLite file under var/, so a first `make run` needs no server.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis when several processes must share one cache, local memory otherwise.
REDIS_URL = env.str("REDIS_URL", default="")
# Several deployments (or `make bench`) may share one Redis database.
CACHE_KEY_PREFIX = env.str("CACHE_KEY_PREFIX", default="")
# A Redis outage reads as a miss and never breaks a page (pagecache.backends.SafeRedisCache).
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "pagecache.backends.SafeRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5_000},
        }
    }

# Anonymous page cache, navigation and footer fragments, rendered markdown:
# docs/performance.md. Whole pages live in `default`; fragments and markdown in `fragments`.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# What a CDN in front of the site may do (Cache-Control on cacheable anonymous pages).
PAGE_CACHE_S_MAXAGE = env.int("PAGE_CACHE_S_MAXAGE", default=60)
PAGE_CACHE_STALE_WHILE_REVALIDATE = env.int("PAGE_CACHE_STALE_WHILE_REVALIDATE", default=300)
PAGE_CACHE_SKIP_PATHS = ("/admin/", "/documents/", "/healthz")
# Which generation is current is shared by every process: in Redis with REDIS_URL, else in
# the database (pagecache.SiteGeneration, read at most once a second per process). A store one
# process alone sees cannot be chosen, so no deployment serves stale pages (docs/pagecache.md).
PAGE_CACHE_GENERATION_STORE = "cache" if REDIS_URL else "database"
CACHES["fragments"] = (
    {
        **CACHES["default"],
        "KEY_PREFIX": f"{CACHE_KEY_PREFIX}fragments",
        "TIMEOUT": 60 * 60 * 24,
        **({} if REDIS_URL else {"LOCATION": "fragments"}),
    }
    if PAGE_CACHE_ENABLED
    else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
)

# Wagtail's frontend-cache purging, when a CDN is configured: Cloudflare (an API token with
# Zone.Cache Purge, and the zone id) and/or CloudFront (the distribution id).
WAGTAILFRONTENDCACHE = {}
if env.str("CLOUDFLARE_API_TOKEN", default="") and env.str("CLOUDFLARE_ZONEID", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env.str("CLOUDFLARE_API_TOKEN"),
        "ZONEID": env.str("CLOUDFLARE_ZONEID"),
    }
if env.str("CLOUDFRONT_DISTRIBUTION_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env.str("CLOUDFRONT_DISTRIBUTION_ID"),
    }
if env.str("FRONTEND_CACHE_PURGE_URL", default=""):
    # A cache of our own in front of the site (Varnish, nginx, Fastly): HTTP PURGE requests.
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env.str("FRONTEND_CACHE_PURGE_URL"),
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")

# Wagtail looks renditions up in their own cache alias first: a page view then needs neither
# a rendition query nor the original image. In local memory it has a store of its own, so
# page caching never evicts renditions.
CACHES["renditions"] = {
    **CACHES["default"],
    "KEY_PREFIX": f"{CACHE_KEY_PREFIX}renditions",
    "TIMEOUT": 60 * 60 * 24 * 7,
    **({} if REDIS_URL else {"LOCATION": "renditions", "OPTIONS": {"MAX_ENTRIES": 10_000}}),
}

# CSP, login throttling (AUTHENTICATION_BACKENDS), Permissions-Policy: see security.py.
from .security import *  # noqa: E402, F403

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
# The server runs in UTC; each edition shows its times in its own zone (ConferenceSettings).
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]

# Media: files under var/media/ by default; S3 (or MinIO, R2) when a bucket is named. Images,
# renditions and documents all use the default storage. See docs/media.md.
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
# Unset means AWS itself; set for MinIO, R2 and other S3-compatible stores.
AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default="") or None
AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default="") or None
# A CDN host name in front of the bucket (no scheme), e.g. media.conference.example.org.
AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None
# None lets boto3 look further (AWS_PROFILE, an instance or task role).
AWS_ACCESS_KEY_ID = env.str("AWS_ACCESS_KEY_ID", default="") or None
AWS_SECRET_ACCESS_KEY = env.str("AWS_SECRET_ACCESS_KEY", default="") or None
AWS_SESSION_TOKEN = env.str("AWS_SESSION_TOKEN", default="") or None
# "path" for MinIO and most self-hosted stores; None lets boto3 choose.
AWS_S3_ADDRESSING_STYLE = env.str("AWS_S3_ADDRESSING_STYLE", default="") or None
AWS_LOCATION = env.str("AWS_LOCATION", default="")
# Two uploads named alike must never replace each other's file.
AWS_S3_FILE_OVERWRITE = False
# Public media gets plain, cacheable URLs; private documents never link to the bucket
# (WAGTAILDOCS_SERVE_METHOD below), so no object needs a signed URL.
AWS_QUERYSTRING_AUTH = False
# The bucket policy decides what is public; object ACLs are off on new AWS buckets.
AWS_DEFAULT_ACL = None
# Renditions are content-addressed by filter, so browsers and the CDN may keep them long.
AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=31536000"}
AWS_S3_CLIENT_CONFIG = BotoConfig(
    # boto3 >= 1.36 adds CRC checksums to every upload by default; MinIO, R2 and older
    # S3-compatible servers refuse them. Only send or check them when the API requires it.
    request_checksum_calculation="when_required",
    response_checksum_validation="when_required",
    s3={"addressing_style": AWS_S3_ADDRESSING_STYLE} if AWS_S3_ADDRESSING_STYLE else {},
    # A store that is down must fail an upload within seconds, not hang a worker.
    connect_timeout=env.int("AWS_S3_CONNECT_TIMEOUT", default=3),
    read_timeout=env.int("AWS_S3_READ_TIMEOUT", default=30),
    retries={"mode": "standard", "max_attempts": 3},
)
# After the store fails to answer a read, further reads fail at once for this many seconds
# (pages then show without the images not yet resized) rather than each waiting for timeouts.
MEDIA_STORE_RETRY_AFTER = env.int("MEDIA_STORE_RETRY_AFTER", default=10)
if AWS_STORAGE_BUCKET_NAME:
    # S3Storage whose failed reads are OSError, which Wagtail renders as a missing image.
    STORAGES["default"] = {"BACKEND": "media.storage.MediaStorage"}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Conference"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Every download goes through Wagtail's view, which applies collection privacy; "redirect"
# would hand out the bucket URL, which anyone could then share.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "media.forms.DocumentForm"
# No SVG: an SVG is a document that can carry script, and renditions cannot be made from it.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# Camera JPEGs of 6000 x 4000 px weigh 10-20 MB; larger uploads are accidents.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 25 * 1024 * 1024
# 50 megapixels: any camera photo, while a decompression bomb is refused before it is decoded.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "media.forms.ImageForm"
WAGTAILIMAGES_AVIF_QUALITY = 55
WAGTAILIMAGES_WEBP_QUALITY = 75
WAGTAILIMAGES_JPEG_QUALITY = 75
WAGTAIL_ALLOW_UNICODE_SLUGS = False

WAGTAILMARKDOWN = {
    "autodownload_fontawesome": False,
    "allowed_tags": [],
    "allowed_styles": [],
    "allowed_attributes": {},
    "extensions": ["toc", "footnotes", "tables", "fenced_code", "sane_lists"],
    "extension_configs": {},
    "extensions_settings_mode": "extend",
    "tab_length": 4,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One line per background task is noise at INFO.
        "django_tasks": {"level": "WARNING"},
        "apscheduler": {"level": "WARNING"},
    },
}
