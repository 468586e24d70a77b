"""The sitemap (/sitemap.xml) for search engines: what a visitor may see, as listed by
Wagtail's sitemap, without pages past their expiry time."""

from django.db.models import QuerySet
from django.utils import timezone
from wagtail.contrib.sitemaps import Sitemap


class PublicSitemap(Sitemap):
    """Wagtail's sitemap lists live, public pages, which still includes a page past its
    `expire_at` until the scheduler's next run unpublishes it."""

    def items(self) -> QuerySet:
        return super().items().exclude(expire_at__lte=timezone.now())


SITEMAPS = {"wagtail": PublicSitemap}
