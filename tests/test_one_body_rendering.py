"""Every page type renders its body the same way: page-wide unique heading anchors (heading
blocks and markdown headings share one slugger) and site variables."""

from collections import Counter
from html.parser import HTMLParser

import pytest

from home.models import ConferenceSettings, StandardPage

BODY = [
    {"type": "heading", "value": {"text": "Monday", "level": "h2", "anchor": ""}},
    {"type": "markdown", "value": "## Monday\n\nTickets: {{ site.ticket_link }}"},
]


class HeadingIds(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = []

    def handle_starttag(self, tag, attrs):
        if tag in {"h2", "h3", "h4"} and dict(attrs).get("id"):
            self.ids.append(dict(attrs)["id"])


@pytest.mark.django_db
@pytest.mark.parametrize("page_type", ["standard", "home"])
def test_standard_and_home_bodies_have_unique_anchors_and_variables(client, home_page, page_type):
    settings = ConferenceSettings.for_page(home_page)
    settings.ticket_link = "https://tickets.example.org/"
    settings.save()
    if page_type == "standard":
        page = home_page.add_child(instance=StandardPage(title="Venue", slug="venue", body=BODY))
    else:
        home_page.body = BODY
        home_page.save_revision().publish()
        page = home_page
    html = client.get(page.url).content.decode()
    parsed = HeadingIds()
    parsed.feed(html)
    repeated = [anchor for anchor, count in Counter(parsed.ids).items() if count > 1]
    assert {"monday", "monday-1"} <= set(parsed.ids) and not repeated
    assert "https://tickets.example.org/" in html
