"""Security settings shared by every environment (imported by base.py): the Content Security
Policies, login throttling and the Permissions-Policy. Production adds HSTS, secure cookies
and the HTTPS redirect (production.py). See docs/security.md."""

from csp.constants import NONE, SELF

YOUTUBE = "https://www.youtube-nocookie.com"

# Public pages: nothing inline, nothing from elsewhere but the privacy-enhanced YouTube player
# (the video facade) and the media host, which security.middleware adds per request from the
# storage settings (the bucket, its endpoint or the CDN domain).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "media-src": [SELF],
        "frame-src": [YOUTUBE],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    },
}

# /admin/: no inline script runs. Wagtail 8.0 writes inline <script> elements for InlinePanel,
# MultipleChooserPanel and the date and time pickers; security/templates/wagtailadmin/ replaces
# them with markers that static/js/admin-csp-init.js starts (docs/security.md). Its style
# attributes still need 'unsafe-inline' in style-src; no 'unsafe-eval'. Images
# include data:/blob: (upload previews, Draftail); connect-src
# includes Wagtail's release check. The admin may frame itself (the preview panel).
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF, "https://releases.wagtail.org"],
    "media-src": [SELF, "blob:"],
    "frame-src": [SELF, YOUTUBE, "https://www.youtube.com", "https://player.vimeo.com"],
    "worker-src": [SELF, "blob:"],
    "form-action": [SELF],
    "base-uri": [NONE],
    "object-src": [NONE],
    "frame-ancestors": [SELF],
}
ADMIN_CSP_PATH_PREFIXES = ("/admin/",)

# Features no page uses are switched off; the YouTube player keeps what it needs to play.
PERMISSIONS_POLICY = {
    "accelerometer": [YOUTUBE],
    "autoplay": [YOUTUBE],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [YOUTUBE],
    "fullscreen": ["self", YOUTUBE],
    "geolocation": [],
    "gyroscope": [YOUTUBE],
    "hid": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": [YOUTUBE],
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Cross-Origin-Resource-Policy (security.middleware.CrossOriginResourcePolicyMiddleware): no other
# site may embed the pages, static files or admin responses. Media the app serves itself
# (/media/) are public images and documents meant to travel: feed readers, link previews and
# a CDN on a host of its own load them from other origins, so they say cross-origin.
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
CROSS_ORIGIN_RESOURCE_POLICY_MEDIA = "cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Login throttling (django-axes): five failures for one username from one address lock that
# pair out for 15 minutes (HTTP 429); a success resets the count. The address is REMOTE_ADDR:
# behind a proxy that is the proxy's, so the lockout then applies to the username alone.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
AXES_VERBOSE = False

AUTHENTICATION_BACKENDS = [
    "security.backends.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Editors' avatars are not fetched from Gravatar: no third-party request carrying a hash of
# their email address, and nothing to allow in the admin's img-src.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
