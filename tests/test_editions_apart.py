"""Each edition lists only its own pages: with three editions side by side, each with talks,
presenters and news, every listing of one (news index, feeds, sitemap, search, schedule
exports) names its own pages and none of the others'. The editions are built once for the
module, in a transaction rolled back at its end."""

import json
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import transaction
from icalendar import Calendar
from wagtail.models import Page, Site

from tests.factories.populated import populated_edition

pytestmark = pytest.mark.django_db

# Each edition's word, in the title of each of its talks, presenters and posts.
WORDS = ("Amber", "Birch", "Cedar")
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def host_of(word):
    return f"{word.lower()}.example.org"


@pytest.fixture(scope="module")
def editions(django_db_setup, django_db_blocker):
    """{word: its edition (tests.factories.populated)}, for the module's tests."""
    with django_db_blocker.unblock(), transaction.atomic():
        root_page = Page.get_first_root_node()
        Site.objects.all().delete()
        Page.objects.child_of(root_page).delete()
        built = {
            word: populated_edition(root_page, word, default=index == 0)
            for index, word in enumerate(WORDS)
        }
        yield built
        transaction.set_rollback(True)
    cache.clear()  # Wagtail's site root paths named the editions rolled back


def words_in(titles):
    """The editions whose word one of `titles` carries."""
    titles = list(titles)
    return {word for word in WORDS if any(word in title for title in titles)}


def assert_own_hosts(word, urls):
    hosts = {urlsplit(url).hostname for url in urls}
    assert hosts <= {host_of(word), None}, hosts  # None: a link within the edition


def get(client, word, path):
    response = client.get(path, HTTP_HOST=host_of(word))
    assert response.status_code == 200, (word, path)
    return response


@pytest.mark.parametrize("word", WORDS)
def test_news_index_lists_only_its_own_posts(client, editions, word):
    html = get(client, word, "/news/").content
    links = BeautifulSoup(html, "html.parser").select(".post-list a")
    titles = {link.get_text(" ", strip=True) for link in links}
    assert titles == editions[word].titles.posts
    assert_own_hosts(word, [link["href"] for link in links])


@pytest.mark.parametrize("word", WORDS)
def test_rss_feed_lists_only_its_own_posts(client, editions, word):
    channel = ElementTree.fromstring(get(client, word, "/news/rss/").content).find("channel")
    items = channel.findall("item")
    assert {item.findtext("title") for item in items} == editions[word].titles.posts
    assert_own_hosts(word, [item.findtext("link") for item in items])


@pytest.mark.parametrize("word", WORDS)
def test_atom_feed_lists_only_its_own_posts(client, editions, word):
    feed = ElementTree.fromstring(get(client, word, "/news/atom/").content)
    entries = feed.findall(f"{ATOM}entry")
    assert {entry.findtext(f"{ATOM}title") for entry in entries} == editions[word].titles.posts
    assert_own_hosts(word, [entry.find(f"{ATOM}link").get("href") for entry in entries])


@pytest.mark.parametrize("word", WORDS)
def test_sitemap_lists_only_its_own_pages(client, editions, word):
    urlset = ElementTree.fromstring(get(client, word, "/sitemap.xml").content)
    locations = [url.findtext(f"{SITEMAP}loc") for url in urlset.findall(f"{SITEMAP}url")]
    assert {urlsplit(location).hostname for location in locations} == {host_of(word)}
    assert sorted(urlsplit(location).path for location in locations) == sorted(editions[word].paths)


@pytest.mark.parametrize("word", WORDS)
def test_search_finds_only_its_own_pages(client, editions, word):
    def results(query):
        html = get(client, word, f"/search/?q={query}").content
        return BeautifulSoup(html, "html.parser").select(".search-result__title a")

    def titles(links):
        return {link.get_text(" ", strip=True) for link in links}

    found = results("news")
    assert titles(found) >= editions[word].titles.posts
    assert words_in(titles(found)) == {word}
    assert_own_hosts(word, [link["href"] for link in found])
    talks = results("talk")
    assert titles(talks) == editions[word].titles.talks
    for other in set(WORDS) - {word}:
        assert results(other) == [], other  # another edition's word finds nothing here


@pytest.mark.parametrize("word", WORDS)
def test_schedule_calendar_lists_only_its_own_talks(client, editions, word):
    calendar = Calendar.from_ical(get(client, word, "/schedule/calendar/").content)
    events = list(calendar.walk("VEVENT"))
    talks = {str(event["SUMMARY"]) for event in events if str(event["UID"]).startswith("talk-")}
    assert talks == editions[word].titles.talks
    assert {str(event["UID"]).rpartition("@")[2] for event in events} == {host_of(word)}
    assert_own_hosts(word, [str(event["URL"]) for event in events if "URL" in event])


@pytest.mark.parametrize("word", WORDS)
def test_schedule_json_lists_only_its_own_talks_and_presenters(client, editions, word):
    conference = json.loads(get(client, word, "/schedule/json/").content)["schedule"]["conference"]
    events = [
        event for day in conference["days"] for room in day["rooms"].values() for event in room
    ]
    assert {event["title"] for event in events if event["persons"]} == editions[word].titles.talks
    assert words_in(event["title"] for event in events) == {word}
    persons = {person["name"] for event in events for person in event["persons"]}
    assert persons == editions[word].titles.presenters
    assert conference["title"] == f"{word} Conference 2027"
    assert_own_hosts(word, [event["url"] for event in events if event["url"]])
