"""Each page type answers for its own JSON-LD, social card and search summary
(home.structured_data.StructuredDataMixin); `social` and `search` ask the page instead of
keeping a list of page types. A page type added tomorrow only writes its methods."""

import ast
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.core.cache import caches
from wagtail.models import Page

from home.models import StandardPage
from home.structured_data import Card, StructuredDataMixin
from social import cards
from tests.factories.news import build_content, paragraph, publish

ROOT = Path(__file__).resolve().parent.parent
# The modules that ask pages about themselves: none of them may name a page type.
ASKING_MODULES = ["social/seo.py", "social/cards.py", "search/views.py"]


class JsonLd(HTMLParser):
    """The JSON documents of the page's <script type="application/ld+json"> elements."""

    def __init__(self):
        super().__init__()
        self.documents, self._inside = [], False

    def handle_starttag(self, tag, attrs):
        self._inside = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        if self._inside:
            self.documents.append("")

    def handle_endtag(self, tag):
        self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.documents[-1] += data


def jsonld_of(client, url):
    parser = JsonLd()
    parser.feed(client.get(url).content.decode())
    return [json.loads(document) for document in parser.documents]


@pytest.fixture(autouse=True)
def fresh_caches(settings):
    # A page cached by an earlier test (same URL, same host) must not answer for this one.
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture
def venue(home_page):
    return publish(
        home_page,
        StandardPage(
            title="Venue",
            slug="venue",
            intro="How to reach the Riverside Convention Center.",
            body=[paragraph("<p>Take the tram to Riverside.</p>")],
        ),
    )


def test_every_page_type_of_the_project_answers_for_itself():
    project_apps = {"home", "program", "blog"}
    page_models = [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and model._meta.app_label in project_apps
    ]
    assert len(page_models) >= 9
    assert [m for m in page_models if not issubclass(m, StructuredDataMixin)] == []


def page_type_names():
    return {
        model.__name__
        for model in apps.get_models(include_auto_created=False)
        if issubclass(model, Page) and model._meta.app_label in {"home", "program", "blog"}
    } | {"PostPage"}


def names_in_type_checks(tree):
    """Names used as the type of isinstance()/issubclass(), or after `is` / `in`."""
    checked = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in {
            "isinstance",
            "issubclass",
        }:
            checked += node.args[1:]
        elif isinstance(node, ast.Compare) and any(
            isinstance(op, ast.Is | ast.In | ast.NotIn) for op in node.ops
        ):
            checked += node.comparators
    return {name.id for part in checked for name in ast.walk(part) if isinstance(name, ast.Name)}


@pytest.mark.parametrize("module", ASKING_MODULES)
def test_social_and_search_ask_the_page_rather_than_check_its_type(module):
    tree = ast.parse((ROOT / module).read_text())
    assert names_in_type_checks(tree) & page_type_names() == set()
    if module.startswith("social/"):
        imported_from = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert imported_from & {"program.models", "blog.models"} == set()


@pytest.mark.django_db
def test_the_jsonld_is_what_the_page_type_writes(client, venue, monkeypatch):
    # A standard page says nothing of its own: no JSON-LD.
    assert jsonld_of(client, venue.url) == []

    def structured_data(self, request, url, description, context=None):
        return {"@context": "https://schema.org", "@type": "Place", "name": self.title, "x": ""}

    monkeypatch.setattr(StandardPage, "structured_data", structured_data, raising=False)
    caches["default"].clear()
    # social.seo prints what the page wrote, with the sharing image (here the edition's
    # card), and without empty values.
    (data,) = jsonld_of(client, venue.url)
    assert data.pop("image")[0].endswith(".png")
    assert data == {"@context": "https://schema.org", "@type": "Place", "name": "Venue"}


@pytest.mark.django_db
def test_the_card_is_what_the_page_type_writes(venue, monkeypatch):
    assert cards.card_for_page(venue) is None
    assert not cards.has_card(venue)
    monkeypatch.setattr(StandardPage, "has_social_card", True, raising=False)
    monkeypatch.setattr(
        StandardPage, "social_card", lambda self: Card(title=self.title), raising=False
    )
    assert cards.has_card(venue)
    assert cards.card_for_page(venue) == Card(title="Venue")


class SearchResults(HTMLParser):
    """The text of each result's facts and snippet paragraphs, by class name."""

    def __init__(self):
        super().__init__()
        self.texts, self._field = {}, None

    def handle_starttag(self, tag, attrs):
        css = dict(attrs).get("class") or ""
        if tag == "p" and css.startswith("search-result__"):
            self._field = css.removeprefix("search-result__")
            self.texts.setdefault(self._field, "")

    def handle_endtag(self, tag):
        if tag == "p":
            self._field = None

    def handle_data(self, data):
        if self._field:
            self.texts[self._field] += data


def search_result(client, query):
    parser = SearchResults()
    parser.feed(client.get("/search/", {"q": query}).content.decode())
    return parser.texts


@pytest.mark.django_db
def test_the_search_result_is_what_the_page_type_summarises(client, venue, monkeypatch):
    assert search_result(client, "tram") == {
        "kind": "Page",
        "snippet": "How to reach the Riverside Convention Center. Take the tram to Riverside.",
    }
    monkeypatch.setattr(
        StandardPage,
        "search_summary",
        lambda self, tz: ("Facts of the venue", "Trams every ten minutes"),
        raising=False,
    )
    caches["default"].clear()
    assert search_result(client, "tram") == {
        "kind": "Page",
        "meta": "Facts of the venue",
        "snippet": "Trams every ten minutes",
    }


@pytest.mark.django_db
def test_the_jsonld_of_each_page_type_in_full(client, home_page, make_image):
    """The whole objects, not a few keys: what the types wrote before they answered for
    themselves (the sharing image aside, whose file name is random)."""
    content = build_content(home_page, make_image, drafts=False)

    def without_image(url):
        (data,) = jsonld_of(client, url)
        assert data.pop("image")[0].endswith(".png")
        return data

    organizer = {"@type": "Organization", "name": "Test Conference 2027"}
    assert without_image(content.home.url) == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "Test Conference 2027",
        "url": "http://localhost/",
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "organizer": organizer,
        "startDate": "2027-09-20",
        "endDate": "2027-09-22",
        "offers": {"@type": "Offer", "url": "https://tickets.example.org/2027/"},
    }
    assert without_image(content.second.url) == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "Compilers for everyone",
        "url": "http://localhost/schedule/compilers-for-everyone/",
        "startDate": "2027-09-20T11:00:00-04:00",
        "endDate": "2027-09-20T11:45:00-04:00",
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "performer": [
            {
                "@type": "Person",
                "name": "Grace Hopper",
                "url": "http://localhost/presenters/grace-hopper/",
            }
        ],
        "superEvent": {
            "@type": "Event",
            "name": "Test Conference 2027",
            "url": "http://localhost/",
        },
        "organizer": organizer,
        "location": {
            "@type": "Place",
            "name": "Workshop room, Riverside Convention Center",
            "address": "1 River Road Portland, OR",
        },
        "description": "Why programs should read like English.",
    }
    assert without_image(content.grace.url) == {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": "Grace Hopper",
        "url": "http://localhost/presenters/grace-hopper/",
        "jobTitle": "Rear admiral",
        "worksFor": {"@type": "Organization", "name": "Navy"},
    }
    recap = jsonld_of(client, content.recap.url)[0]
    assert recap["@type"] == "BlogPosting"
    assert recap["publisher"] == organizer
    assert recap["mainEntityOfPage"] == recap["url"] == "http://localhost/news/day-one/"
    # The indexes, the schedule and standard pages are none of schema.org's things.
    for page in (content.program, content.presenters_index, content.news, content.venue):
        assert jsonld_of(client, page.url) == []
