"""The pagination component every paginated listing uses (news, its category filter, search):
a named navigation of plain links (no JavaScript needed), previous and next, every page's
number with the current one marked by aria-current, long runs left out."""

import datetime
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.core.paginator import Paginator
from django.template.loader import render_to_string

from blog.models import BlogCategory
from tests.factories.news import BASE, post_at

pytestmark = pytest.mark.django_db


class PaginationParser(HTMLParser):
    """Every `<nav class="pagination">`: its label, and each link or gap inside it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.navs, self.link, self.in_nav = [], None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and "pagination" in (attrs.get("class") or "").split():
            self.in_nav = True
            self.navs.append({"label": attrs.get("aria-label"), "links": [], "gaps": 0})
        elif self.in_nav and tag == "a":
            self.link = {**attrs, "text": ""}
            self.navs[-1]["links"].append(self.link)
        elif self.in_nav and tag == "span" and attrs.get("aria-hidden") == "true":
            self.navs[-1]["gaps"] += 1

    def handle_endtag(self, tag):
        if tag == "a":
            self.link = None
        elif tag == "nav":
            self.in_nav = False

    def handle_data(self, data):
        if self.link is not None:
            self.link["text"] += data


def pagination(html):
    parser = PaginationParser()
    parser.feed(html)
    return parser.navs


def numbered(nav):
    """The page-number links: (text, href, current?)."""
    return [
        (" ".join(link["text"].split()), link["href"], link.get("aria-current") == "page")
        for link in nav["links"]
        if "rel" not in link
    ]


def by_rel(nav, rel):
    return [link["href"] for link in nav["links"] if link.get("rel") == rel]


@pytest.fixture
def many_posts(news_index, site):
    talks = BlogCategory.objects.create(site=site, name="Talks", slug="talks")
    for number in range(25):
        when = BASE + datetime.timedelta(days=number)
        post_at(news_index, f"Paged post {number:02d}", when=when, category=talks)
    return news_index


def test_news_index_pages(client, many_posts):
    [nav] = pagination(client.get("/news/?page=2").content.decode())
    assert nav["label"] == "Pages of news"
    assert by_rel(nav, "prev") == ["?page=1"] and by_rel(nav, "next") == ["?page=3"]
    assert numbered(nav) == [
        ("Page 1", "?page=1", False),
        ("Page 2", "?page=2", True),
        ("Page 3", "?page=3", False),
    ]
    # The first page has no previous link, the last no next one.
    [first] = pagination(client.get("/news/").content.decode())
    assert by_rel(first, "prev") == [] and by_rel(first, "next") == ["?page=2"]
    [last] = pagination(client.get("/news/?page=3").content.decode())
    assert by_rel(last, "prev") == ["?page=2"] and by_rel(last, "next") == []


def test_category_listing_keeps_its_filter_on_every_link(client, many_posts):
    [nav] = pagination(client.get("/news/?category=talks&page=3").content.decode())
    assert by_rel(nav, "prev") == ["?category=talks&page=2"] and by_rel(nav, "next") == []
    assert [href for _text, href, _current in numbered(nav)] == [
        f"?category=talks&page={number}" for number in (1, 2, 3)
    ]
    assert [current for *_link, current in numbered(nav)] == [False, False, True]


def test_a_single_page_has_no_pagination(client, news_index):
    post_at(news_index, "Lonely post", when=BASE)
    assert pagination(client.get("/news/").content.decode()) == []


def test_search_results_pages(client, many_posts):
    call_command("update_index", verbosity=0)
    html = client.get("/search/", {"q": "paged post", "page": "2"}).content.decode()
    [nav] = pagination(html)
    assert nav["label"] == "Pages of results"
    assert by_rel(nav, "prev") == ["?q=paged%20post&page=1"]
    assert by_rel(nav, "next") == ["?q=paged%20post&page=3"]
    assert numbered(nav) == [
        (f"Page {number}", f"?q=paged%20post&page={number}", number == 2) for number in (1, 2, 3)
    ]


def test_long_listings_leave_runs_of_pages_out():
    page_obj = Paginator(range(200), 10).page(10)
    html = render_to_string(
        "components/pagination.html", {"page_obj": page_obj, "label": "Pages of things"}
    )
    [nav] = pagination(html)
    assert [text for text, _href, _current in numbered(nav)] == [
        f"Page {number}" for number in (1, 8, 9, 10, 11, 12, 20)
    ]
    assert nav["gaps"] == 2
    assert [text for text, _href, current in numbered(nav) if current] == ["Page 10"]
