"""The video facade's script comes once per page, at its end, and only on pages that show a
video: a post with two videos has one script tag, a page without any has none."""

from html.parser import HTMLParser

import pytest
from django.core.cache import caches

from tests.factories.program import make_program

pytestmark = pytest.mark.django_db

FACADE_SCRIPT = "/static/js/video-facade.js"


@pytest.fixture(autouse=True)
def fresh_caches(settings):
    """A page cached by an earlier test (same URL) must not stand in for this one."""
    for alias in settings.CACHES:
        caches[alias].clear()


class ScriptsAndFacades(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts, self.facades = [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
        if tag == "figure" and "video-facade" in (attrs.get("class") or "").split():
            self.facades += 1


def parse(html):
    parser = ScriptsAndFacades()
    parser.feed(html)
    return parser


def video(url, title):
    return ("video", {"url": url, "title": title})


def facade_scripts(parsed):
    return [src for src in parsed.scripts if src.split("?")[0].endswith("js/video-facade.js")]


def test_a_post_with_two_videos_has_one_script(client, make_post):
    post = make_post(
        "Two keynotes",
        body=[
            video("https://youtu.be/UTKcPBKCQEc", "Opening keynote"),
            ("paragraph", "<p>And the closing one:</p>"),
            video("https://youtu.be/AbCdEfGhIjK", "Closing keynote"),
        ],
    )
    parsed = parse(client.get(post.url).content.decode())
    assert parsed.facades == 2
    assert facade_scripts(parsed) == [FACADE_SCRIPT]


def test_a_talk_with_a_video_has_one_script(client, home_page):
    talk = make_program(home_page, talks=1).talks[0]
    talk.video_url = "https://youtu.be/AbCdEfGhIjK"
    talk.save_revision().publish()
    parsed = parse(client.get(talk.url).content.decode())
    assert parsed.facades == 1
    assert facade_scripts(parsed) == [FACADE_SCRIPT]


def test_pages_without_a_video_have_no_script(client, make_post):
    post = make_post("No video", body=[("paragraph", "<p>Only words.</p>")])
    for url in (post.url, "/news/", "/"):
        parsed = parse(client.get(url).content.decode())
        assert parsed.facades == 0, url
        assert facade_scripts(parsed) == [], url
