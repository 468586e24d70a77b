from django.conf import settings
from django.contrib.sitemaps.views import x_robots_tag
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home.views import edition_stylesheet, favicon, web_manifest
from ops.views import healthz
from program.views import track_colours_css
from search.sitemap import SITEMAPS
from search.views import search
from security.password_throttle import document_password_view, page_password_view
from social.views import robots_txt

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("tracks/<int:site_id>.css", track_colours_css, name="track-colours"),
    path("edition/<int:site_id>.css", edition_stylesheet, name="edition-look"),
    path("manifest.webmanifest", web_manifest, name="web-manifest"),
    path("favicon.ico", favicon, name="favicon"),
    path("search/", search, name="search"),
    path("sitemap.xml", x_robots_tag(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's page and collection password checks, throttled (security/password_throttle.py);
    # listed before Wagtail's own URLs, which they take over.
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        document_password_view,
    ),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        page_password_view,
    ),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
