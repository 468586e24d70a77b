"""The demo reads like a real conference: `load_demo` (what `make run` loads) gives every talk
and presenter of the invented 2027 edition its own writing and every presenter their own
picture, and keeps the archived editions' dates and news out of it. The demo is built once for
the module, in a transaction rolled back at its end."""

import hashlib
import io
import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Locale, Page, Site

from blog.models import AnnouncementPage, RecapPage
from program.models import PresenterPage, TalkPage
from text.plain_text import plain, stream_text

pytestmark = pytest.mark.django_db

DEMO_HOST = "localhost"  # the invented edition (demo.management.commands.load_demo)
SENTENCE_END = re.compile(r"[.!?]+(?:\s+|$)")
# Shorter sentences ("Bring a laptop.") may fairly recur; six words and more are writing.
MIN_WORDS = 6


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The 2027 edition's home page, after `load_demo` on an empty database."""
    with django_db_blocker.unblock(), transaction.atomic():
        Locale.objects.get_or_create(language_code="en")
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root"))
        Site.objects.all().delete()
        Page.objects.child_of(root).delete()
        call_command("load_demo", stdout=io.StringIO(), stderr=io.StringIO())
        yield Site.objects.get(hostname=DEMO_HOST).root_page.specific
        transaction.set_rollback(True)
    cache.clear()  # Wagtail's site root paths named the editions rolled back


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def sentences(text):
    for sentence in SENTENCE_END.split(plain(text)):
        words = re.findall(r"[\w'’-]+", sentence.lower())
        if len(words) >= MIN_WORDS:
            yield " ".join(words)


def posts_of(home):
    return Page.objects.descendant_of(home).type(AnnouncementPage, RecapPage).specific()


def demo_writing(home):
    """(page, text) for each talk's summary and abstract, presenter's bio and post's body."""
    for talk in TalkPage.objects.descendant_of(home):
        yield talk, talk.summary
        yield talk, stream_text(talk.abstract)
    for presenter in PresenterPage.objects.descendant_of(home):
        yield presenter, stream_text(presenter.bio)
    for post in posts_of(home):
        yield post, stream_text(post.body)


def test_no_sentence_is_written_twice(demo):
    seen = Counter()
    where = {}
    for page, text in demo_writing(demo):
        for sentence in set(sentences(text)):
            seen[sentence] += 1
            where.setdefault(sentence, []).append(page.title)
    repeated = {sentence: where[sentence] for sentence, count in seen.items() if count > 1}
    assert repeated == {}
    assert len(seen) > 300  # the check read the demo's writing, not an empty edition


def test_every_talk_has_an_abstract_of_its_own(demo):
    talks = list(TalkPage.objects.descendant_of(demo))
    assert len(talks) >= 47
    short = {
        talk.title: len(stream_text(talk.abstract).split())
        for talk in talks
        if len(stream_text(talk.abstract).split()) < 40
    }
    assert short == {}


def test_every_presenter_has_a_bio_and_a_picture_of_their_own(demo):
    presenters = list(PresenterPage.objects.descendant_of(demo).select_related("photo"))
    assert len(presenters) >= 40
    assert all(stream_text(presenter.bio).strip() for presenter in presenters)
    digests = set()
    photographed = [presenter for presenter in presenters if presenter.photo]
    for presenter in photographed:
        with presenter.photo.file.open("rb") as picture:
            digests.add(hashlib.sha256(picture.read()).hexdigest())
    assert len(photographed) >= 40
    assert len(digests) == len(photographed)


def test_the_news_covers_are_distinct_illustrations(demo):
    posts = [post for post in posts_of(demo) if post.cover_image]
    assert len(posts) >= 4
    digests = set()
    for post in posts:
        with post.cover_image.file.open("rb") as picture:
            digests.add(hashlib.sha256(picture.read()).hexdigest())
    assert len(digests) == len(posts)


def test_the_2027_schedule_shows_only_2027_days(client, demo):
    page = soup(client.get("/schedule/", HTTP_HOST=DEMO_HOST))
    days = [time["datetime"] for time in page.select("section.schedule-day h2 time")]
    assert days
    assert {day[:4] for day in days} == {"2027"}


def test_the_2027_news_lists_no_post_of_another_year(client, demo):
    years = []
    path = "/news/"
    while path:
        page = soup(client.get(path, HTTP_HOST=DEMO_HOST))
        years += [time["datetime"][:4] for time in page.select(".post-list time")]
        following = page.select_one('a[rel="next"]')
        path = f"/news/{following['href']}" if following else None
    assert len(years) >= 5
    assert set(years) == {"2027"}
