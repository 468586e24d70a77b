"""A talk reference in a published post shows the talk only while visitors may see the talk
itself: not a draft, a scheduled, an expired or a privately restricted one. Editors previewing
the post see the card, labelled with why visitors do not."""

import datetime
from html.parser import HTMLParser

import pytest
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import PageViewRestriction

from home.blocks import TalkReferenceBlock
from program.models import TalkPage
from tests.factories.program import make_program


class PageText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self.hrefs = [], []

    def handle_starttag(self, tag, attrs):
        self.hrefs += [value for name, value in attrs if name == "href"]

    def handle_data(self, data):
        self.text.append(data)


def read(response):
    assert response.status_code == 200
    parser = PageText()
    parser.feed(response.content.decode())
    return " ".join(parser.text), parser.hrefs


@pytest.fixture
def talks(home_page):
    program = make_program(home_page, talks=7, photos=False)
    draft, scheduled, expired, private, _, _, live = (
        TalkPage.objects.get(pk=talk.pk) for talk in program.talks
    )
    draft.unpublish()
    scheduled.unpublish()
    TalkPage.objects.filter(pk=scheduled.pk).update(
        go_live_at=timezone.now() + datetime.timedelta(days=3)
    )
    TalkPage.objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    return {
        name: TalkPage.objects.get(pk=talk.pk)
        for name, talk in [
            ("draft", draft),
            ("scheduled", scheduled),
            ("expired", expired),
            ("private", private),
            ("live", live),
        ]
    }


@pytest.fixture
def post(make_post, talks):
    body = [
        ("talk", {"talk": talk, "note": f"Note on the {name} talk"}) for name, talk in talks.items()
    ]
    return make_post("Our picks", body=body)


def test_a_post_names_only_talks_visitors_may_see(client, post, talks):
    text, hrefs = read(client.get(post.url))
    for name in ("draft", "scheduled", "expired", "private"):
        talk = talks[name]
        assert talk.title not in text, name
        assert f"Note on the {name} talk" not in text, name
        assert not any(href and href.rstrip("/").endswith(talk.slug) for href in hrefs), name
        for presenter in talk.presenter_links():
            assert presenter.title not in text, (name, presenter.title)
    live = talks["live"]
    assert live.title in text
    assert any(href and href.rstrip("/").endswith(live.slug) for href in hrefs)
    assert live.presenter_links()[0].title in text


def test_editors_previewing_see_why_a_talk_is_hidden(talks):
    block = TalkReferenceBlock()
    request = RequestFactory().get("/")
    request.is_preview = True
    for name in ("draft", "scheduled", "expired", "private"):
        html = block.render(
            block.to_python({"talk": talks[name].pk, "note": ""}), {"request": request}
        )
        assert talks[name].title in html
        assert f"not live: {name}" in html
    html = block.render(block.to_python({"talk": talks["live"].pk}), {"request": request})
    assert "not live" not in html
