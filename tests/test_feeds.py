"""RSS 2.0 and Atom feeds: valid, absolute, per edition and per category, live public only."""

import datetime

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from blog.models import BlogCategory, NewsIndexPage, RecapPage
from tests.factories.news import BASE, post_at


@pytest.fixture
def posts(news_index, site):
    program = BlogCategory.objects.create(site=site, name="Program", slug="program")
    sponsors = BlogCategory.objects.create(site=site, name="Sponsors", slug="sponsors")
    made = [
        post_at(
            news_index,
            "Keynotes announced",
            when=BASE,
            category=program,
            author="Program team",
            excerpt="Two keynotes & a panel.",
        ),
        post_at(
            news_index,
            "Day one recap",
            when=BASE + datetime.timedelta(days=1),
            model=RecapPage,
            category=program,
            excerpt="What happened.",
        ),
        post_at(
            news_index,
            "Welcome sponsors",
            when=BASE + datetime.timedelta(days=2),
            category=sponsors,
        ),
    ]
    made[0].tags.add("keynote")
    made[0].save()
    draft = post_at(news_index, "Draft", when=BASE)
    draft.live = False
    draft.save()
    secret = post_at(news_index, "Secret", when=BASE)
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    return made


def parse(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return response, feed


def test_rss_is_valid_with_absolute_links(client, posts):
    response, feed = parse(client, "/news/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert feed.version == "rss20"
    assert feed.feed.title == "Test Conference 2027 news"
    assert feed.feed.link == "http://testserver/news/"
    assert [entry.title for entry in feed.entries] == [
        "Welcome sponsors",
        "Day one recap",
        "Keynotes announced",
    ]
    keynotes = feed.entries[2]
    assert keynotes.link == "http://testserver/news/keynotes-announced/"
    assert keynotes.summary == "Two keynotes & a panel."
    assert {tag.term for tag in keynotes.tags} == {"Program", "keynote"}
    assert keynotes.published_parsed[:3] == (2027, 1, 1)


def test_atom_is_valid(client, posts):
    response, feed = parse(client, "/news/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.version == "atom10"
    assert len(feed.entries) == 3
    assert all(entry.link.startswith("http://testserver/news/") for entry in feed.entries)
    assert feed.entries[2].author == "Program team"
    assert any(link.rel == "self" for link in feed.feed.links)


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_category_feeds(client, posts, kind):
    _response, feed = parse(client, f"/news/category/program/{kind}/")
    assert [entry.title for entry in feed.entries] == ["Day one recap", "Keynotes announced"]
    assert "Program" in feed.feed.title
    assert client.get(f"/news/category/nope/{kind}/").status_code == 404


def test_each_edition_has_its_own_feed(client, posts, second_edition):
    other = NewsIndexPage(title="News", slug="news")
    second_edition.add_child(instance=other)
    post_at(other, "Last year's news", when=BASE)
    _response, feed = parse(client, "/news/rss/", HTTP_HOST="2026.example.org")
    assert [entry.title for entry in feed.entries] == ["Last year's news"]
    assert feed.entries[0].link == "http://2026.example.org/news/last-year-s-news/"


def test_feeds_are_advertised(client, posts):
    for url in ["/news/", "/news/keynotes-announced/", "/news/day-one-recap/"]:
        html = client.get(url).content.decode()
        assert (
            '<link rel="alternate" type="application/rss+xml" title="News (RSS)" '
            'href="http://testserver/news/rss/">' in html
        ), url
        assert 'type="application/atom+xml"' in html and "http://testserver/news/atom/" in html
    html = client.get("/news/?category=program").content.decode()
    assert 'href="http://testserver/news/category/program/rss/"' in html


def test_feed_queries_do_not_grow(client, news_index):
    counts = {}
    for total in (1, 3, 30):
        while RecapPage.objects.count() < total:
            number = RecapPage.objects.count()
            post_at(news_index, f"Recap {number}", when=BASE, model=RecapPage)
        client.get("/news/rss/")  # warm up the site root paths cache
        with CaptureQueriesContext(connection) as queries:
            client.get("/news/rss/")
        counts[total] = len(queries)
    assert counts[1] == counts[3] == counts[30], counts
