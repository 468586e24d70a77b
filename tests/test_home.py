"""The home page shows the edition's newest posts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog.models import AnnouncementPage, RecapPage

pytestmark = pytest.mark.django_db

DAY = datetime.datetime(2027, 5, 1, 12, 0, tzinfo=datetime.UTC)


def post_many(make_post, count):
    for number in range(count):
        model = RecapPage if number % 2 else AnnouncementPage
        make_post(f"Post {number}", model=model, date=DAY + datetime.timedelta(days=number))


def test_home_lists_the_three_newest_live_posts(client, make_post):
    post_many(make_post, 4)
    draft = AnnouncementPage(
        title="Secret draft", slug="secret", live=False, date=DAY + datetime.timedelta(days=9)
    )
    AnnouncementPage.objects.get(slug="post-0").get_parent().add_child(instance=draft)
    draft.save_revision()
    html = client.get("/").content.decode()
    section = html.split('id="latest-news-heading"')[1].split("</section>")[0]
    assert [title in section for title in ("Post 3", "Post 2", "Post 1", "Post 0")] == [
        True,
        True,
        True,
        False,
    ]
    assert section.index("Post 3") < section.index("Post 2") < section.index("Post 1")
    assert "Secret draft" not in section
    assert 'href="/news/"' in section


def queries_for_home(client):
    client.get("/")  # warm the per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured)


def test_home_queries_do_not_grow_with_the_news(client, make_post):
    post_many(make_post, 1)
    one = queries_for_home(client)
    post_many(make_post, 0)
    for number in range(1, 30):
        make_post(f"More {number}", date=DAY + datetime.timedelta(days=40 + number))
    many = queries_for_home(client)
    assert one == many


def test_home_without_news_has_no_news_section(client, home_page):
    assert "latest-news" not in client.get("/").content.decode()
