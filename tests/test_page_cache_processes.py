"""The page cache stays right across processes, with Redis and without: two real app servers
(gunicorn) and the real scheduler process (`manage.py run_scheduler`) share the test's
PostgreSQL database, and in one variant a Redis too. Without Redis each server keeps its pages
in its own memory and the generation lives in the database.

The scheduler uses the real clock, so posts are scheduled 30 s ahead and the servers polled.
"""

import datetime
import os
import subprocess
import sys
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Collection, Page

from blog.models import AnnouncementPage
from pagecache.generations import DEFAULT_DATABASE_TTL, database_generations
from tests.factories.servers import BASE_DIR, REDIS_URL, database_url, rename_quietly, title_of

pytestmark = pytest.mark.django_db(transaction=True)

FIXTURES = BASE_DIR / "tests" / "fixtures" / "import"
LEAVING, COMING = "/news/early-bird/", "/news/keynote/"
PAGES = ("/", "/news/", "/news/rss/", "/news/atom/", "/sitemap.xml")


def manage_env(redis_url, cache_prefix):
    from django.conf import settings

    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_config.settings.test",
        "DATABASE_URL": database_url(),
        "TEST_PAGE_CACHE": "1",
        "TEST_REDIS_URL": redis_url,
        "TEST_CACHE_PREFIX": cache_prefix,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PYTHONUNBUFFERED": "1",
    }


@pytest.fixture
def scheduler(prefix):
    started = []

    def start(redis_url):
        log = open(f"/tmp/page-cache-scheduler-{os.getpid()}.log", "w+")  # noqa: SIM115
        process = subprocess.Popen(
            [sys.executable, "manage.py", "run_scheduler"],
            cwd=BASE_DIR,
            env=manage_env(redis_url, prefix),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        started.append((process, log))
        return process

    yield start
    for process, log in started:
        process.terminate()
        process.wait(10)
        log.close()


def shows(server, path, marker):
    """Whether the page at `path` shows `marker`: a post's path, which its own page, the
    listings, the feeds, search results and the sitemap all link to."""
    response = server.get(path)
    return response.status_code == 200 and marker in response.text


def wait_until(check, deadline):
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(1)
    return check()


@pytest.fixture(params=["without-redis", "with-redis"])
def redis_url(request):
    return "" if request.param == "without-redis" else REDIS_URL


def test_schedules_unpublishes_and_imports_reach_every_process(
    redis_url,
    start_servers,
    scheduler,
    news_index,
    make_post,
    prefix,
    settings,
):
    # Transactional tests flush the root collection the import puts its images in.
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    steady = make_post("Steady news about the venue")
    make_post(
        "Leaving soon: the early bird offer",
        slug="early-bird",
        expire_at=timezone.now() + datetime.timedelta(seconds=30),
    )
    coming = AnnouncementPage(title="Coming soon: the keynote speaker", slug="keynote", live=False)
    news_index.add_child(instance=coming)
    coming.go_live_at = timezone.now() + datetime.timedelta(seconds=30)
    coming.save_revision().publish()
    assert not Page.objects.get(pk=coming.pk).live
    searches = {"leaving": "/search/?q=early+bird", "coming": "/search/?q=keynote+speaker"}

    first, second = start_servers(2, redis_url=redis_url)
    # Every page cached by the server that will be polled (the second request is a hit).
    for _ in range(2):
        assert second.get(LEAVING).status_code == 200
        for path in PAGES:
            assert shows(second, path, LEAVING), path
            assert not shows(second, path, COMING), path
    assert second.get(COMING).status_code == 404
    assert shows(second, searches["leaving"], LEAVING)

    scheduler(redis_url)
    deadline = time.monotonic() + 30 + 60

    def scheduled_changes_shown():
        return (
            second.get(COMING).status_code == 200
            and second.get(LEAVING).status_code == 404
            and shows(second, searches["coming"], COMING)
            and not shows(second, searches["leaving"], LEAVING)
            and all(
                shows(second, path, COMING) and not shows(second, path, LEAVING) for path in PAGES
            )
        )

    assert wait_until(scheduled_changes_shown, deadline), {
        path: second.get(path).status_code for path in (*PAGES, COMING, LEAVING)
    }

    # An unpublish in this process (with the servers' store) is a 404 on the second server
    # once its one-second view of the generations has passed.
    settings.PAGE_CACHE_ENABLED = True
    if redis_url:
        base = {"BACKEND": "pagecache.backends.SafeRedisCache", "LOCATION": redis_url}
        settings.CACHES = {
            name: {**base, "KEY_PREFIX": f"{prefix}:{name}"}
            for name in ("default", "fragments", "renditions")
        }
    assert second.get(steady.url).status_code == 200
    assert second.get(steady.url).status_code == 200
    Page.objects.get(pk=steady.pk).specific.unpublish()
    time.sleep(DEFAULT_DATABASE_TTL)
    assert second.get(steady.url).status_code == 404
    assert not shows(first, "/news/", steady.url)

    # An import from manage.py: the running servers show it at once.
    imported = subprocess.run(
        [sys.executable, "manage.py", "import_content", str(FIXTURES / "plain")],
        cwd=BASE_DIR,
        env=manage_env(redis_url, prefix),
        capture_output=True,
        text=True,
    )
    assert imported.returncode == 0, imported.stdout[-2000:] + imported.stderr[-2000:]
    time.sleep(DEFAULT_DATABASE_TTL)
    assert shows(second, "/news/", "What We Learned")
    assert shows(first, "/news/rss/", "What We Learned")


# -- one process: the test client with the page cache on, the generation in the database --


@pytest.fixture
def page_cache_here(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pc"},
        "fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
        "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    database_generations.forget()
    # The first page view creates the site's settings rows (a change: a new generation).
    Client().get("/")
    yield settings
    database_generations.forget()


def test_a_cached_page_past_its_expiry_is_never_served(client, make_post, page_cache_here):
    import time_machine

    expiry = timezone.now() + datetime.timedelta(hours=1)
    post = make_post("Early bird ends at noon", expire_at=expiry)
    assert title_of(client.get(post.url)) == post.title
    assert post.title in client.get("/news/").text
    rename_quietly(post, "Rendered again")
    # Before the expiry the cached copies are served; one second after it, never again.
    assert title_of(client.get(post.url)) == post.title
    assert post.title in client.get("/news/").text
    with time_machine.travel(expiry + datetime.timedelta(seconds=1), tick=False):
        assert post.title not in client.get(post.url).text
        assert post.title not in client.get("/news/").text


def test_a_made_up_session_cookie_is_answered_from_the_cache(client, make_post, page_cache_here):
    post = make_post("Served to everybody")
    assert client.get(post.url).status_code == 200
    rename_quietly(post, "Not from the cache")
    client.cookies["sessionid"] = "a-session-key-nobody-was-given"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(post.url)
    assert title_of(response) == "Served to everybody"
    # The session store's lookup of the cookie, and nothing for the page itself.
    tables = [query["sql"] for query in queries.captured_queries]
    assert all("django_session" in sql for sql in tables), tables
    assert len(tables) <= 1
