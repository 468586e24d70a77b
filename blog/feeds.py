"""RSS 2.0 and Atom feeds of an edition's news, all of it or one category. They read the
posts through the NewsIndexPage they are given and import no model of the blog, which
imports them for its routes."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from home.models import ConferenceSettings
from home.titles import normalize_title

FEED_LENGTH = 20


class NewsRssFeed(Feed):
    """Built per request from a NewsIndexPage (its routes call it), so URLs are absolute for
    the host that asked, and each edition's feed holds only its own posts."""

    feed_type = Rss201rev2Feed

    def __init__(self, index, category=None):
        super().__init__()
        self.index, self.category = index, category
        self.request = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def _absolute(self, page):
        return self.request.build_absolute_uri(page.get_url(self.request))

    def title(self):
        name = ConferenceSettings.for_request(self.request).name
        suffix = f": {self.category.name}" if self.category else ""
        return f"{name} news{suffix}"

    def link(self):
        url = self._absolute(self.index)
        return f"{url}?category={self.category.slug}" if self.category else url

    def feed_url(self):
        return self.request.build_absolute_uri(self.request.path)

    def description(self):
        return self.index.intro or f"Announcements and recaps from {self.title()}."

    subtitle = description

    def items(self):
        slug = self.category.slug if self.category else None
        return self.index.fetch_posts(self.index.post_rows(category=slug)[:FEED_LENGTH])

    def item_title(self, item):
        # XML refuses control characters: a title stored before normalization must not 500.
        return normalize_title(item.title)

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return self._absolute(item)

    def item_guid(self, item):
        return self._absolute(item)

    def item_pubdate(self, item):
        return item.display_date

    def item_updateddate(self, item):
        return item.last_published_at or item.display_date

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        names = [item.category.name] if item.category else []
        return names + [tag.name for tag in item.tags.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
