"""The visibility matrix: drafts, scheduled pages, expired pages and pages behind a password or
a login never reach an anonymous visitor, in any place the site shows pages.

Each place is one test. The content holds one talk, presenter, news post and standard page in
every state; each carries a token of its own in its title and slug. A place must show the
public one of each kind it lists (so a test can fail: the place works) and none of the rest.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from blog.models import AnnouncementPage
from home.models import StandardPage
from program.models import PresenterPage, TalkPage, TalkPresenter
from tests.factories.editions import ny
from tests.factories.program import make_program

pytestmark = pytest.mark.django_db

STATES = ["public", "draft", "scheduled", "expired", "expiring", "password", "login"]
HIDDEN = STATES[1:]
KINDS = ["talk", "presenter", "post", "standard"]


def token(kind, state):
    """In the title only: slugs differ, since a password form echoes its page's URL."""
    return f"zq{kind}{state}"


def slug(kind, state):
    return f"{kind}-{state}-page"


def word(kind):
    """A word every page of a kind carries in its title, for the search places."""
    return f"zanzi{kind}"


def publish_in_state(page, state):
    """Bring a page that has just been added to the tree into `state`."""
    now = timezone.now()
    if state == "draft":
        page.save_revision()
    elif state == "scheduled":
        page.go_live_at = now + datetime.timedelta(days=1)
        page.save_revision().publish()
    elif state == "expired":
        # What the scheduler leaves behind once a page's expiry time has passed.
        page.save_revision().publish()
        page.refresh_from_db()
        page.expire_at = now - datetime.timedelta(hours=1)
        page.save(update_fields=["expire_at"])
        page.unpublish(set_expired=True)
    elif state == "expiring":
        # Past its expiry time, before the scheduler's next run (at most a minute).
        page.expire_at = now + datetime.timedelta(hours=1)
        page.save_revision().publish()
        type(page).objects.filter(pk=page.pk).update(expire_at=now - datetime.timedelta(minutes=1))
    else:
        page.save_revision().publish()
        if state in ("password", "login"):
            PageViewRestriction.objects.create(
                page=page,
                restriction_type=(
                    PageViewRestriction.PASSWORD
                    if state == "password"
                    else PageViewRestriction.LOGIN
                ),
                password="s3cret" if state == "password" else "",
            )
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def matrix(home_page, news_index):
    data = make_program(home_page, talks=2, photos=False, items=False)
    open_talk = data.talks[0]
    pages = {}
    for state in STATES:
        # A presenter in this state, on a public talk.
        presenter = PresenterPage(
            title=f"Presenter {word('presenter')} {token('presenter', state)}",
            slug=slug("presenter", state),
            live=False,
        )
        data.index.add_child(instance=presenter)
        TalkPresenter.objects.create(page=open_talk, presenter=presenter, sort_order=9)
        pages["presenter", state] = publish_in_state(presenter, state)

        # A talk in this state, given by the public presenter.
        start = ny(22, 16) + datetime.timedelta(minutes=30 * STATES.index(state))
        talk = TalkPage(
            title=f"Talk {word('talk')} {token('talk', state)}",
            slug=slug("talk", state),
            summary=f"Summary {token('talk', state)}",
            start=start,
            end=start + datetime.timedelta(minutes=25),
            room=data.rooms[0],
            live=False,
            talk_presenters=[TalkPresenter(presenter=data.presenters[0])],
        )
        data.program.add_child(instance=talk)
        pages["talk", state] = publish_in_state(talk, state)

        post = AnnouncementPage(
            title=f"News {word('post')} {token('post', state)}",
            slug=slug("post", state),
            excerpt=f"Excerpt {token('post', state)}",
            live=False,
        )
        news_index.add_child(instance=post)
        pages["post", state] = publish_in_state(post, state)

        standard = StandardPage(
            title=f"Page {word('standard')} {token('standard', state)}",
            slug=slug("standard", state),
            live=False,
        )
        home_page.add_child(instance=standard)
        pages["standard", state] = publish_in_state(standard, state)
    return SimpleNamespace(
        pages=pages,
        open_talk=TalkPage.objects.get(pk=open_talk.pk),
        open_presenter=data.presenters[0],
    )


def own(kind, suffix=""):
    """The hidden page's own URL (or one of its routes)."""
    return lambda m, state: m.pages[kind, state].url + suffix


# place: (url for a state, the kinds whose public page this place must show)
PLACES = {
    "talk page": (own("talk"), {"talk"}),
    "talk calendar": (own("talk", "calendar/"), {"talk"}),
    "presenter page": (own("presenter"), {"presenter"}),
    "presenter calendar": (own("presenter", "calendar/"), set()),
    "post page": (own("post"), {"post"}),
    "standard page": (own("standard"), {"standard"}),
    "home": (lambda m, s: "/", set()),
    "schedule": (lambda m, s: "/schedule/", {"talk", "presenter"}),
    "schedule filtered": (lambda m, s: "/schedule/?day=2027-09-22", {"talk"}),
    "schedule calendar": (lambda m, s: "/schedule/calendar/", {"talk", "presenter"}),
    "schedule json": (lambda m, s: "/schedule/json/", {"talk", "presenter"}),
    "public talk": (lambda m, s: m.open_talk.url, {"presenter"}),
    "public talk calendar": (lambda m, s: m.open_talk.url + "calendar/", {"presenter"}),
    "public presenter": (lambda m, s: m.open_presenter.url, {"talk"}),
    "public presenter calendar": (lambda m, s: m.open_presenter.url + "calendar/", {"talk"}),
    "presenters index": (lambda m, s: "/presenters/", {"presenter"}),
    "news index": (lambda m, s: "/news/", {"post"}),
    "news rss": (lambda m, s: "/news/rss/", {"post"}),
    "news atom": (lambda m, s: "/news/atom/", {"post"}),
    # The query is a word all pages of a kind share (a results page repeats its query).
    "search talk": (lambda m, s: f"/search/?q={word('talk')}", {"talk"}),
    "search presenter": (lambda m, s: f"/search/?q={word('presenter')}", {"presenter"}),
    "search post": (lambda m, s: f"/search/?q={word('post')}", {"post"}),
    "search standard": (lambda m, s: f"/search/?q={word('standard')}", {"standard"}),
    "sitemap": (lambda m, s: "/sitemap.xml", {"talk", "presenter", "post", "standard"}),
}


def body(client, url):
    response = client.get(url)
    assert response.status_code != 500, url
    content = b"".join(response) if response.streaming else response.content
    # iCalendar folds long lines: unfold them so a name is found whole.
    text = content.decode("utf-8", "replace").replace("\r\n ", "")
    return response.status_code, text


OWN_PLACES = {"talk page", "talk calendar", "presenter page", "presenter calendar"}
OWN_PLACES |= {"post page", "standard page"}


def marks(kind, state, place):
    """What gives a page away in a place: its title, and in the sitemap its slug."""
    return [slug(kind, state)] if place == "sitemap" else [token(kind, state)]


@pytest.mark.parametrize("place", PLACES)
def test_hidden_pages_stay_hidden(client, matrix, place):
    url_for, shows = PLACES[place]
    leaks, missing = [], []
    for state in STATES:
        status, html = body(client, url_for(matrix, state))
        for kind in KINDS:
            found = any(mark in html for mark in marks(kind, state, place))
            if state == "public":
                if kind in shows and not found:
                    missing.append(f"{kind} {state}")
            elif found:
                leaks.append(f"{kind} {state} ({url_for(matrix, state)}: {status})")
        if place in OWN_PLACES and state in ("draft", "scheduled", "expired", "expiring"):
            assert status == 404, (place, state, status)
    assert not missing, f"{place} no longer shows public content: {missing}"
    assert not leaks, f"{place} shows hidden pages: {leaks}"


@pytest.mark.parametrize("state", ["password", "login"])
def test_restricted_pages_ask_for_the_password_or_login(client, matrix, state):
    for kind in KINDS:
        response = client.get(matrix.pages[kind, state].url)
        if state == "login":
            assert response.status_code == 302
            assert (
                response["Location"].startswith("/admin/login/") or "login" in response["Location"]
            ), kind
        else:
            assert response.status_code == 200
            assert token(kind, state) not in response.content.decode()
            assert 'name="password"' in response.content.decode()


def test_a_logged_in_editor_still_sees_login_only_pages(admin_client, matrix):
    """The restriction is the only thing hiding them: the matrix is not hiding by accident."""
    response = admin_client.get(matrix.pages["post", "login"].url)
    assert response.status_code == 200
    assert token("post", "login") in response.content.decode()
