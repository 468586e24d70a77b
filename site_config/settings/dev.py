"""Development: the embedded SQLite default, debug pages, a throwaway secret key."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-secret-key-not-for-production-use-0123456789")
# ".localhost": localhost and every edition's own host name (2024.localhost and so on).
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[".localhost", "127.0.0.1", "[::1]"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
