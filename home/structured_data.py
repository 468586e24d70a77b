"""What a page says about itself to search engines, social networks and the site search: its
schema.org object (JSON-LD), the text of its social card and its search result's summary.

Each page type answers through the methods of StructuredDataMixin; `social` and `search`
ask the page, so no module keeps a list of every page type. The helpers below are the
pieces of schema.org that several page types share."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Page, Site

from text.plain_text import plain, stream_text

SCHEMA_CONTEXT = "https://schema.org"
EVENT_SCHEDULED = "https://schema.org/EventScheduled"
IN_PERSON = "https://schema.org/OfflineEventAttendanceMode"


@dataclass
class Card:
    """The text of a 1200 x 630 social card; `social.cards` draws it."""

    title: str
    eyebrow: str = ""
    lines: list[str] = field(default_factory=list)
    footer: str = ""


def iso(value: datetime.datetime | None, tz: datetime.tzinfo) -> str | None:
    return timezone.localtime(value, tz).isoformat() if value else None


def organization(name: str) -> dict:
    return {"@type": "Organization", "name": name}


def place(settings: Any, room: str | None = None) -> dict | None:
    """The schema.org Place of the edition's venue (`settings`: its ConferenceSettings)."""
    name = ", ".join(part for part in (room, settings.venue_name) if part)
    if not name:
        return None
    location = {"@type": "Place", "name": name}
    if settings.venue_address:
        location["address"] = " ".join(settings.venue_address.split())
    return location


def person(page: Page, request: HttpRequest) -> dict:
    """A Person named by the page's title, linked to the page while it is live."""
    data = {"@type": "Person", "name": page.title}
    url = page.get_full_url(request) if page.live else None
    if url:
        data["url"] = url
    return data


def site_root_url(request: HttpRequest) -> str | None:
    site = Site.find_for_request(request)
    return f"{site.root_url}/" if site else None


class StructuredDataMixin:
    """The defaults, for a page type that says nothing in particular: no JSON-LD, no card
    of its own, a search summary from its listing summary, introduction and body."""

    # Publishing draws a card for pages of this type (social.cards).
    has_social_card = False
    # Its card is also the card of the whole edition (pages without one share it).
    card_stands_for_edition = False
    # The OpenGraph og:type.
    open_graph_type = "website"

    def structured_data(
        self, request: HttpRequest, url: str, description: str, context: Mapping | None = None
    ) -> dict | None:
        """The schema.org object of the page, or None. `url` is its canonical URL,
        `description` the one line of its meta description, `context` the template context
        (it may hold what the data needs, already fetched). `social.seo` adds the image and
        drops empty values."""
        return None

    def social_card(self) -> Card | None:
        """The text of the page's social card, for the types that have one."""
        return None

    def search_summary(self, tz: datetime.tzinfo) -> tuple[str, str]:
        """(a line of facts, the plain text) a search result shows for the page."""
        return "", plain(
            getattr(self, "listing_summary", ""),
            getattr(self, "intro", ""),
            stream_text(getattr(self, "body", None)),
        )

    @classmethod
    def for_search_results(cls, queryset: QuerySet) -> QuerySet:
        """`queryset` with what `search_summary` reads fetched in as few queries as can be."""
        return queryset
