"""The sitemap (/sitemap.xml) for search engines: what a visitor may see, as listed by
Wagtail's sitemap, without pages past their expiry time."""

from django.db.models import QuerySet
from wagtail.contrib.sitemaps import Sitemap

from home.visibility import expired_q


class PublicSitemap(Sitemap):
    """Wagtail's sitemap lists live, public pages, which still includes a page past its
    `expire_at` until the scheduler's next run unpublishes it."""

    def items(self) -> QuerySet:
        # Live and public already (Wagtail's own rule); the expiry is the rest of
        # home.visibility's.
        return super().items().exclude(expired_q())


SITEMAPS = {"wagtail": PublicSitemap}
