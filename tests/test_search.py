"""`/search/`: PostgreSQL full-text search over the live public pages of the current edition,
with result types, highlighted snippets, pagination and helpful empty states."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from program.models import TalkPage
from search.text import query_pattern, snippet
from tests.factories.editions import make_edition, ny
from tests.factories.news import build_content, paragraph, publish

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_caches(settings):
    """Start from empty caches: a page cached by an earlier test (same URL, same host) must
    not stand in for this test's content."""
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture
def content(home_page, make_image):
    data = build_content(home_page, make_image)
    # Search fields changed with this feature: make sure nothing indexed earlier is stale.
    call_command("update_index", verbosity=0)
    return data


def result_titles(html):
    return [
        re.sub(r"<[^>]+>", "", title)
        for title in re.findall(r'class="search-result__title"><a href="[^"]*">(.*?)</a>', html)
    ]


def test_finds_a_talk_by_a_presenters_name(client, content):
    html = client.get("/search/", {"q": "Lovelace"}).content.decode()
    titles = result_titles(html)
    assert "Accessible schedules with Django" in titles
    assert "Ada Lovelace" in titles  # The presenter's own page.
    assert "Compilers for everyone" not in titles  # Grace Hopper's talk alone.
    # The type of each result is shown.
    assert re.search(r'search-result__kind">Talk<', html)
    assert re.search(r'search-result__kind">Presenter<', html)


def test_finds_a_talk_by_a_word_of_its_abstract_and_marks_it(client, content):
    html = client.get("/search/", {"q": "kaleidoscope"}).content.decode()
    assert result_titles(html) == ["Accessible schedules with Django"]
    assert "<mark>kaleidoscope</mark>" in html


def test_never_finds_a_draft_nor_a_restricted_page(client, content):
    assert TalkPage.objects.filter(title__icontains="kaleidoscope").count() == 2
    html = client.get("/search/", {"q": "kaleidoscope roadmap"}).content.decode()
    assert result_titles(html) == []
    for query in ("kaleidoscope", "members", "secret", "roadmap", "unannounced"):
        titles = result_titles(client.get("/search/", {"q": query}).content.decode())
        assert "Secret kaleidoscope roadmap" not in titles, query
        assert "Members-only kaleidoscope session" not in titles, query


def test_finds_tags_announcements_recaps_and_pages(client, content):
    assert "Accessible schedules with Django" in result_titles(
        client.get("/search/", {"q": "accessibility"}).content.decode()
    )
    titles = result_titles(client.get("/search/", {"q": "sprints"}).content.decode())
    assert "What we saw on day one" in titles
    html = client.get("/search/", {"q": "tram"}).content.decode()
    assert result_titles(html) == ["Venue"]
    assert 'search-result__kind">Page<' in html
    html = client.get("/search/", {"q": "forty talks"}).content.decode()
    assert "The schedule is out" in result_titles(html)


def test_title_matches_rank_first(client, content):
    publish(
        content.program,
        TalkPage(
            title="Lunch and learn",
            slug="lunch-and-learn",
            summary="Compilers are mentioned here once.",
            start=ny(22, 12),
            end=ny(22, 13),
        ),
    )
    titles = result_titles(client.get("/search/", {"q": "compilers"}).content.decode())
    assert titles[0] == "Compilers for everyone"


def test_only_the_current_editions_pages(client, content, root_page):
    other = make_edition(
        root_page,
        hostname="2026.example.org",
        name="Test Conference 2026",
        ticket_link="https://tickets.example.org/2026/",
        slug="home-2026",
    )
    from home.models import StandardPage

    publish(
        other,
        StandardPage(title="Kaleidoscope archive", slug="archive", intro="Old kaleidoscope."),
    )
    titles = result_titles(client.get("/search/", {"q": "kaleidoscope"}).content.decode())
    assert "Kaleidoscope archive" not in titles
    titles = result_titles(
        client.get("/search/", {"q": "kaleidoscope"}, HTTP_HOST="2026.example.org").content.decode()
    )
    assert titles == ["Kaleidoscope archive"]


def test_snippets_are_escaped(client, content):
    content.venue.body = [paragraph("<p>Tram &lt;script&gt;alert(1)&lt;/script&gt; stop</p>")]
    content.venue.save_revision().publish()
    html = client.get("/search/", {"q": "tram <script>"}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;" in html
    assert "<mark>Tram</mark>" in html


def test_highlight_helpers():
    pattern = query_pattern("talks <b>")
    marked = snippet("A talk about <b>bold</b> talking " + "word " * 100, pattern, length=60)
    assert marked.startswith(
        "A <mark>talk</mark> about &lt;b&gt;bold&lt;/b&gt; <mark>talking</mark>"
    )
    assert marked.endswith(" …")
    far = snippet("filler " * 100 + "needle in the text", query_pattern("needle"), length=60)
    assert far.startswith("… ") and "<mark>needle</mark>" in far


def test_empty_and_no_result_states(client, content):
    html = client.get("/search/").content.decode()
    assert "Type a word or two" in html
    assert 'href="/schedule/"' in html and 'href="/news/"' in html
    html = client.get("/search/", {"q": "zzyzx"}).content.decode()
    assert "No results." in html
    assert "Nothing matches every word of “zzyzx”" in html
    assert 'href="/presenters/"' in html
    # The header's search box keeps the query; it is a plain GET form.
    assert 'value="zzyzx"' in html
    assert re.search(
        r'<form class="site-search" role="search" method="get" action="/search/">', html
    )


def test_pagination_and_bad_page_numbers(client, content):
    for number in range(12):
        publish(
            content.program,
            TalkPage(
                title=f"Pagination session {number:02d}",
                slug=f"pagination-{number:02d}",
                summary="All about pagination.",
                start=ny(22, 9),
                end=ny(22, 10),
            ),
        )
    first = client.get("/search/", {"q": "pagination"})
    assert first.status_code == 200
    html = first.content.decode()
    assert len(result_titles(html)) == 10
    assert "12 results, page 1 of 2." in html
    assert 'href="?q=pagination&amp;page=2"' in html
    second = client.get("/search/", {"q": "pagination", "page": "2"}).content.decode()
    assert len(result_titles(second)) == 2
    assert '<ol class="search-results" start="11">' in second
    for bad in ("3", "0", "-1", "x", "2.5"):
        assert client.get("/search/", {"q": "pagination", "page": bad}).status_code == 404, bad
    assert client.get("/search/", {"page": "2"}).status_code == 404


def test_query_count_is_constant(client, content):
    def count(query):
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/search/", {"q": query})
        assert response.status_code == 200

        return len(queries), len(result_titles(response.content.decode()))

    count("warm-up")  # The first visit creates the edition's navigation settings.
    few = count("kaleidoscope")
    for number in range(9):
        publish(
            content.program,
            TalkPage(
                title=f"Kaleidoscope {number}",
                slug=f"kaleidoscope-{number}",
                summary="More kaleidoscope.",
                abstract=[paragraph("<p>Kaleidoscope.</p>")],
                start=ny(22, 9),
                end=ny(22, 10),
            ),
        )
    many = count("kaleidoscope")
    assert few[1] == 1 and many[1] == 10
    assert many[0] == few[0] <= 13, (few, many)
