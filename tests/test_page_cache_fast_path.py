"""The page cache's fast path: a hit is answered before the rest of the middleware stack, with
exactly the headers its miss left the whole stack with (issue 15).

In-process, with the Django test client against the test's PostgreSQL database: the page cache
is turned on per test (the middleware reads PAGE_CACHE_ENABLED per request), with the cache in
local memory and the generations in the database, and production's security settings (HSTS,
the proxy's X-Forwarded-Proto). A fresh Client per test loads the middleware with them.
"""

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client

from pagecache import middleware as page_cache_middleware
from pagecache.generations import database_generations, hosts, page_cache
from pagecache.middleware import RecentPages
from tests.factories.program import make_program

pytestmark = pytest.mark.django_db

HTTPS = {"HTTP_X_FORWARDED_PROTO": "https"}
SECURITY_HEADERS = {
    "content-security-policy",
    "permissions-policy",
    "cross-origin-resource-policy",
    "cross-origin-opener-policy",
    "x-content-type-options",
    "referrer-policy",
    "x-frame-options",
}
# The requests every middleware after the page cache saw (StackRecorder).
seen_by_the_stack = []


class StackRecorder:
    """Put right before SecurityMiddleware: records each request the rest of the stack sees."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seen_by_the_stack.append(request.get_full_path())
        return self.get_response(request)


class HeadingParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth, self.text = 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "h1":
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "h1" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


def heading(response):
    parser = HeadingParser()
    parser.feed(response.content.decode())
    return " ".join("".join(parser.text).split())


def headers_of(response):
    return {name.lower(): value for name, value in response.headers.items()}


@pytest.fixture
def page_cache_on(settings, monkeypatch):
    """The page cache on, production's security settings, and nothing left over from another
    test in this process's per-process maps."""
    settings.PAGE_CACHE_ENABLED = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 63072000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_SSL_REDIRECT = False
    page_cache().clear()
    database_generations.forget()
    hosts.clear()
    monkeypatch.setattr(page_cache_middleware, "recent", RecentPages())
    seen_by_the_stack.clear()
    return settings


@pytest.fixture
def pages(home_page, make_post, news_index):
    program = make_program(home_page, talks=3, photos=False)
    return {
        "home": home_page,
        "talk": program.talks[1],
        "news post": make_post("Tickets on sale"),
        "news index": news_index,
    }


def rename_quietly(page, title):
    """Change a page without any signal: seeing the old title proves a cached copy."""
    type(page).objects.filter(pk=page.pk).update(title=title)


@pytest.mark.parametrize("kind", ["home", "talk", "news post", "news index"])
@pytest.mark.parametrize("scheme", ["http", "https"])
def test_a_hit_has_exactly_the_headers_of_its_miss(page_cache_on, pages, kind, scheme):
    page = pages[kind]
    extra = HTTPS if scheme == "https" else {}
    client = Client()
    miss = client.get(page.url, **extra)
    assert miss.status_code == 200
    rename_quietly(page, "Renamed behind the cache")
    hit = client.get(page.url, **extra)
    assert hit.status_code == 200
    assert heading(hit) == heading(miss) != "Renamed behind the cache", "not a hit"
    assert hit.content == miss.content
    assert headers_of(hit) == headers_of(miss)
    assert set(headers_of(hit)) >= SECURITY_HEADERS, SECURITY_HEADERS - set(headers_of(hit))
    if scheme == "https":
        assert hit["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains; preload"
    else:
        assert "Strict-Transport-Security" not in hit
    assert "public" in hit["Cache-Control"]
    head = client.head(page.url, **extra)
    assert head.status_code == 200 and head.content == b""
    assert headers_of(head) == headers_of(miss)


def test_http_and_https_are_two_entries(page_cache_on, pages):
    """HSTS goes with https only: an https hit is never the answer to http, nor the reverse."""
    client = Client()
    url = pages["talk"].url
    assert "Strict-Transport-Security" in client.get(url, **HTTPS)
    rename_quietly(pages["talk"], "Renamed behind the cache")
    over_http = client.get(url)
    assert heading(over_http) == "Renamed behind the cache"
    assert "Strict-Transport-Security" not in over_http


def test_a_hit_runs_no_other_middleware(page_cache_on, pages):
    stack = list(settings.MIDDLEWARE)
    stack.insert(
        stack.index("django.middleware.security.SecurityMiddleware"),
        f"{__name__}.StackRecorder",
    )
    page_cache_on.MIDDLEWARE = stack
    client = Client()
    url = pages["news post"].url
    assert client.get(url, **HTTPS).status_code == 200
    assert seen_by_the_stack == [url]
    hit = client.get(url, **HTTPS)
    assert hit.status_code == 200 and "Strict-Transport-Security" in hit
    assert seen_by_the_stack == [url], "the hit went through the rest of the middleware stack"


def test_the_https_redirect_still_comes_first_for_http(page_cache_on, pages):
    """With SECURE_SSL_REDIRECT, an http request is redirected even when the https page is
    cached: the page cache, now first, has nothing stored for http."""
    page_cache_on.SECURE_SSL_REDIRECT = True
    client = Client()
    url = pages["home"].url
    assert client.get(url, **HTTPS).status_code == 200
    assert client.get(url, **HTTPS).status_code == 200
    redirect = client.get(url)
    assert redirect.status_code == 301
    assert redirect["Location"].startswith("https://")


def test_a_real_session_is_never_answered_from_the_cache(page_cache_on, pages):
    client = Client()
    url = pages["talk"].url
    client.get(url)
    rename_quietly(pages["talk"], "Renamed behind the cache")
    session = SessionStore()
    session["seen"] = True
    session.create()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    assert heading(client.get(url)) == "Renamed behind the cache"
    # A made-up session cookie is no way around the cache.
    client.cookies[settings.SESSION_COOKIE_NAME] = "made-up-session-key"
    assert heading(client.get(url)) != "Renamed behind the cache"


def test_a_changed_header_setting_is_never_answered_with_the_old_headers(page_cache_on, pages):
    """A deploy that changes a security setting: the new processes store and serve new
    entries rather than repeating the headers of the old policy."""
    url = pages["talk"].url
    old = Client().get(url, **HTTPS)
    page_cache_on.PERMISSIONS_POLICY = {"camera": [], "geolocation": ["self"]}
    rename_quietly(pages["talk"], "Renamed behind the cache")
    new = Client().get(url, **HTTPS)  # a new client loads the middleware: a new process
    assert new["Permissions-Policy"] == "camera=(), geolocation=(self)"
    assert new["Permissions-Policy"] != old["Permissions-Policy"]
    assert heading(new) == "Renamed behind the cache"
