"""The anonymous page cache, end to end: two real app servers (gunicorn, as in production)
share the test's PostgreSQL database and one Redis, the way the site scales out past one
machine. Every test uses a key prefix of its own in Redis and deletes its keys at the end.

The test process itself has the page cache off (site_config.settings.test); where a test
publishes in this process, like `publish_scheduled` or an import would, it points its own
cache at the servers' Redis and turns the page cache on.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import redis
import requests
from django.db import transaction
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from home.models import NavigationSettings
from pagecache.backends import SafeRedisCache
from pagecache.generations import fragment_cache
from pagecache.middleware import storable
from tests.factories.program import make_program
from tests.factories.servers import (
    REDIS_URL,
    closed_port,
    rename_quietly,
    title_of,
)

pytestmark = pytest.mark.django_db(transaction=True)

IGNORED_HEADERS = {"date", "server", "connection"}


@pytest.fixture
def shared_cache(settings, prefix):
    """This process publishes like another app process would: same Redis, cache on."""
    base = {"BACKEND": "pagecache.backends.SafeRedisCache", "LOCATION": REDIS_URL}
    settings.CACHES = {
        name: {**base, "KEY_PREFIX": f"{prefix}:{name}"}
        for name in ("default", "fragments", "renditions")
    }
    settings.PAGE_CACHE_ENABLED = True
    return settings


def cached_pages(prefix):
    client = redis.Redis.from_url(REDIS_URL)
    try:
        return len(list(client.scan_iter(match=f"{prefix}:default:*pagecache:page:*")))
    finally:
        client.close()


def comparable(headers):
    return {name.lower(): value for name, value in headers.items()} | dict.fromkeys(IGNORED_HEADERS)


@pytest.fixture
def program(home_page):
    return make_program(home_page, talks=3)


@pytest.fixture
def editor(django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "pw-editor-1")
    return ("editor", "pw-editor-1")


def admin_session(server, credentials):
    session = requests.Session()
    session.get(server.url + "/admin/login/", timeout=10)
    token = session.cookies["csrftoken"]
    response = session.post(
        server.url + "/admin/login/",
        data={"username": credentials[0], "password": credentials[1], "csrfmiddlewaretoken": token},
        headers={"Referer": server.url + "/admin/login/"},
        timeout=10,
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:500]
    assert "sessionid" in session.cookies
    return session


# -- hits and misses ---------------------------------------------------------------------


def test_a_hit_gives_the_body_and_headers_of_the_miss(start_servers, program, prefix):
    first, second = start_servers()
    talk = program.talks[1]
    miss = first.get(talk.url)
    assert miss.status_code == 200
    assert cached_pages(prefix) == 1
    hit = first.get(talk.url)
    assert hit.content == miss.content
    assert comparable(hit.headers) == comparable(miss.headers)
    cache_control = miss.headers["Cache-Control"]
    assert "public" in cache_control and "max-age=0" in cache_control
    assert "s-maxage=60" in cache_control and "stale-while-revalidate=300" in cache_control
    assert "Set-Cookie" not in miss.headers

    # Changed behind the cache's back: both servers serve the copy the first one stored.
    rename_quietly(talk, "Renamed behind the cache")
    assert title_of(first.get(talk.url)) == talk.title
    from_other = second.get(talk.url)
    assert title_of(from_other) == talk.title
    assert from_other.content == miss.content
    # Another URL (a query string) is another entry, rendered now.
    assert title_of(second.get(talk.url + "?utm_source=x")) == "Renamed behind the cache"
    assert cached_pages(prefix) == 2


def test_a_publish_through_one_server_is_served_at_once_by_the_other(
    start_servers, program, editor
):
    first, second = start_servers()
    talk = program.talks[0]
    for server in (first, second):
        assert title_of(server.get(talk.url)) == talk.title
        assert talk.title in server.get("/schedule/").text
    # An editor's draft, then "Publish" in the admin of the first server.
    page = talk.specific_class.objects.get(pk=talk.pk)
    page.title = "Published through the first server"
    page.save_revision()
    session = admin_session(first, editor)
    response = session.post(
        f"{first.url}/admin/bulk/wagtailcore/page/publish/?id={talk.pk}&next=/admin/",
        data={"csrfmiddlewaretoken": session.cookies["csrftoken"]},
        timeout=10,
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:500]
    # The second server never saw the request; its next answers are the new version.
    assert title_of(second.get(talk.url)) == "Published through the first server"
    assert "Published through the first server" in second.get("/schedule/").text
    assert "Published through the first server" in second.get("/schedule/json/").text


def test_a_published_change_shows_on_the_next_anonymous_request(
    start_servers, program, shared_cache
):
    (server,) = start_servers(1)
    talk = program.talks[2]
    assert title_of(server.get(talk.url)) == talk.title
    schedule = server.get("/schedule/")
    assert talk.title in schedule.text
    assert talk.title in server.get("/schedule/calendar/").text

    page = talk.specific_class.objects.get(pk=talk.pk)
    page.title = "A new title"
    page.save_revision().publish()
    assert title_of(server.get(talk.url)) == "A new title"
    assert "A new title" in server.get("/schedule/").text
    assert "A new title" in server.get("/schedule/calendar/").text

    page.unpublish()
    assert server.get(talk.url).status_code == 404
    assert "A new title" not in server.get("/schedule/").text


def test_a_page_served_while_a_publish_is_uncommitted_is_not_kept_after_the_commit(
    start_servers, program, shared_cache
):
    """Another process may serve the page between a publish and its commit, from the old rows.
    The new generation starts at the commit, so what it cached then is not served after."""
    (server,) = start_servers(1)
    talk = program.talks[1]
    assert title_of(server.get(talk.url)) == talk.title
    page = talk.specific_class.objects.get(pk=talk.pk)
    with transaction.atomic():
        page.title = "Changed in a transaction"
        page.save_revision().publish()
        assert title_of(server.get(talk.url)) == talk.title
        assert talk.title in server.get("/schedule/").text
    assert title_of(server.get(talk.url)) == "Changed in a transaction"
    assert "Changed in a transaction" in server.get("/schedule/").text


@pytest.fixture
def purge_server():
    """A cache in front of the site, as Varnish would be: records the HTTP PURGE requests."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):
            received.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", received
    finally:
        server.shutdown()
        server.server_close()


def test_the_cdn_is_purged_after_the_commit_once_per_transaction(program, settings, purge_server):
    location, received = purge_server
    settings.WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
    talks = [talk.specific_class.objects.get(pk=talk.pk) for talk in program.talks[:2]]
    with transaction.atomic():
        for talk in talks:
            talk.title = f"{talk.title}, moved to the afternoon"
            talk.save_revision().publish()
        # Before the commit a CDN refetching would get the old pages: nothing is purged yet.
        assert received == []
    paths = [path for _host, path in received]
    assert len(paths) == len(set(paths)), "every URL is purged once"
    schedule = program.program.url
    expected = {talks[0].url, talks[1].url, schedule, f"{schedule}calendar/", f"{schedule}json/"}
    # Each talk's presenters show it too (their calendars as well).
    presenters = {presenter for talk in talks for presenter in talk.presenter_links()}
    assert presenters
    expected |= {presenter.url for presenter in presenters}
    expected |= {f"{presenter.url}calendar/" for presenter in presenters}
    assert expected | {"/"} <= set(paths)
    assert {host for host, _path in received} == {program.program.get_site().hostname}


def test_navigation_fragments_are_cleared_when_the_navigation_changes(
    start_servers, program, site, shared_cache
):
    (server,) = start_servers(1)
    presenters = program.index
    navigation = NavigationSettings.for_site(site)
    navigation.primary_links = [("link", {"label": "Program", "page": program.program})]
    navigation.save()
    html = server.get("/schedule/").text
    assert '<a href="/schedule/" aria-current="page">Program</a>' in html
    # The same cached fragment on another page: the current link follows the page.
    html = server.get(presenters.url).text
    assert '<a href="/schedule/">Program</a>' in html and 'aria-current="page">Program' not in html

    navigation.primary_links = [
        ("link", {"label": "Program", "page": program.program}),
        ("link", {"label": "People", "page": presenters}),
    ]
    navigation.save()
    html = server.get(presenters.url + "?again").text
    assert f'<a href="{presenters.url}" aria-current="page">People</a>' in html
    assert '<a href="/schedule/">Program</a>' in server.get("/schedule/?again").text.replace(
        ' aria-current="page"', ""
    )


# -- never cached -------------------------------------------------------------------------


def test_logged_in_editors_and_previews_never_get_a_cached_page(
    start_servers, program, editor, prefix
):
    (server,) = start_servers(1)
    talk = program.talks[0]
    server.get(talk.url)  # cached for visitors
    assert cached_pages(prefix) == 1
    rename_quietly(talk, "What the editor sees")
    session = admin_session(server, editor)

    response = session.get(server.url + talk.url, timeout=10)
    assert title_of(response) == "What the editor sees"
    assert "no-store" in response.headers["Cache-Control"]
    assert "private" in response.headers["Cache-Control"]
    # The anonymous copy is untouched and the editor's page was not stored.
    assert title_of(server.get(talk.url)) == talk.title
    assert cached_pages(prefix) == 1

    # "View draft" (a preview) of a newer revision.
    page = talk.specific_class.objects.get(pk=talk.pk)
    page.title = "Draft title"
    page.save_revision()
    preview = session.get(f"{server.url}/admin/pages/{talk.pk}/view_draft/", timeout=10)
    assert preview.status_code == 200
    assert "Draft title" in preview.text
    assert "no-store" in preview.headers["Cache-Control"]
    assert cached_pages(prefix) == 1
    assert title_of(server.get(talk.url)) == talk.title

    # A session cookie the session store does not know is no way around the cache.
    made_up = server.get(talk.url, cookies={"sessionid": "made-up-session-key"})
    assert title_of(made_up) == talk.title
    assert "public" in made_up.headers["Cache-Control"]


def test_a_post_is_never_answered_from_the_cache(start_servers, program, prefix):
    (server,) = start_servers(1)
    talk = program.talks[0]
    server.get(talk.url)
    rename_quietly(talk, "Fresh")
    token = "a" * 32
    response = requests.post(
        server.url + talk.url,
        data={"csrfmiddlewaretoken": token},
        cookies={"csrftoken": token},
        headers={"Host": "localhost"},
        timeout=10,
    )
    assert response.status_code == 200
    assert title_of(response) == "Fresh"
    assert "no-store" in response.headers["Cache-Control"]
    assert title_of(server.get(talk.url)) == talk.title
    assert cached_pages(prefix) == 1


def test_a_page_with_a_view_restriction_is_never_cached(
    start_servers, program, prefix, shared_cache
):
    (server,) = start_servers(1)
    talk, other = program.talks[0], program.talks[1]
    assert server.get(talk.url).status_code == 200
    assert cached_pages(prefix) == 1

    # A password restriction, added after the page was cached: its signal starts a new
    # generation, so the cached copy is never served again.
    PageViewRestriction.objects.create(
        page=talk, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = server.get(talk.url)
    assert response.status_code == 200
    assert talk.title not in response.text or "password" in response.text.lower()
    assert "no-store" in response.headers["Cache-Control"]
    # The schedule no longer lists the talk either.
    assert talk.title not in server.get("/schedule/").text

    # A restriction on an ancestor (the schedule) covers the talks under it.
    PageViewRestriction.objects.create(
        page=program.program, restriction_type=PageViewRestriction.LOGIN
    )
    response = server.get(other.url)
    assert response.status_code == 302
    assert "no-store" in response.headers["Cache-Control"]
    pages_before = cached_pages(prefix)
    server.get(other.url)
    server.get(talk.url)
    assert cached_pages(prefix) == pages_before


def test_storable_refuses_a_restricted_page_even_when_it_answered_200(program):
    """The last guard, on its own: a 200 for a restricted page (a visitor who passed the
    password has a session and never gets this far) is never stored."""
    from django.http import HttpResponse

    talk = program.talks[0]
    request = RequestFactory().get(talk.url)
    request.page_cache_page = talk
    assert storable(request, HttpResponse("ok"))
    PageViewRestriction.objects.create(
        page=program.program, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert not storable(request, HttpResponse("ok"))
    request.is_preview = True
    PageViewRestriction.objects.all().delete()
    assert not storable(request, HttpResponse("ok"))
    request.is_preview = False
    with_cookie = HttpResponse("ok")
    with_cookie.set_cookie("csrftoken", "x")
    assert not storable(request, with_cookie)
    assert not storable(request, HttpResponse("missing", status=404))


# -- outages ------------------------------------------------------------------------------


def test_pages_still_serve_when_redis_is_unreachable(start_servers, program):
    (server,) = start_servers(1, redis_url=f"redis://127.0.0.1:{closed_port()}/0")
    talk = program.talks[0]
    for path in ("/", "/schedule/", talk.url, talk.url, "/schedule/", "/presenters/"):
        response = server.get(path)
        assert response.status_code == 200, (path, server.output())
    # The miss path ran: the server tried Redis, failed and rendered from the database.
    assert "failed (" in server.output() and "serving without it" in server.output()
    rename_quietly(talk, "Straight from the database")
    assert title_of(server.get(talk.url)) == "Straight from the database"


def test_an_unreachable_redis_is_bounded_by_its_socket_timeouts(caplog):
    """What bounds a page's wait on a dead Redis: the connect and read timeouts the backend
    gives redis-py, and after one failure it leaves Redis alone (no second attempt)."""
    cache = SafeRedisCache(f"redis://127.0.0.1:{closed_port()}/0", {})
    pool = cache._cache.get_client().connection_pool
    assert pool.connection_kwargs["socket_connect_timeout"] == 1
    assert pool.connection_kwargs["socket_timeout"] == 1
    with caplog.at_level("WARNING", logger="pagecache.backends"):
        assert cache.get("page") is None
        assert cache.get("page") is None
    assert [record.getMessage().split(" (")[0] for record in caplog.records] == ["cache get failed"]


# -- rendered markdown --------------------------------------------------------------------


def test_markdown_is_rendered_once_per_source_and_variables(settings, prefix):
    from text import markdown as md

    settings.CACHES = {
        **settings.CACHES,
        "fragments": {
            "BACKEND": "pagecache.backends.SafeRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"{prefix}:fragments",
        },
    }
    text = "## Tickets\n\nBuy one at {{ site.ticket_link }}. <!-- note -->"
    first = md.render_markdown(text, {"ticket_link": "https://t.example.org/"})
    assert 'id="tickets"' in first and "https://t.example.org/" in first and "note" not in first
    key = md._rendered_key(text, {"ticket_link": "https://t.example.org/"}, frozenset())
    assert fragment_cache().get(key) == str(first)
    # Served from the cache: the stored HTML is what comes back.
    fragment_cache().set(key, "<p>from the cache</p>")
    assert md.render_markdown(text, {"ticket_link": "https://t.example.org/"}) == (
        "<p>from the cache</p>"
    )
    # New settings or new anchors are another rendering.
    other = md.render_markdown(text, {"ticket_link": "https://other.example.org/"})
    assert "https://other.example.org/" in other
    assert 'id="tickets-1"' in md.render_markdown(
        text, {"ticket_link": "https://t.example.org/"}, reserved={"tickets"}
    )
