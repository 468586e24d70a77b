"""Sharing and search engines: meta tags, canonical URLs, social cards, JSON-LD, the sitemap
and robots.txt. `build_content` is the realistic edition the search, accessibility and page
weight tests use too."""

import datetime
import io
import json
import re
import zoneinfo
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest
from django.core.files.storage import default_storage
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.models import PageViewRestriction

from blog.models import AnnouncementPage, BlogCategory, RecapPage
from home.models import ConferenceSettings, StandardPage
from program.models import (
    PresenterIndexPage,
    PresenterPage,
    ProgramPage,
    Room,
    ScheduleItem,
    TalkPage,
    TalkPresenter,
    Track,
)
from social import cards
from social.models import SocialCard

NY = zoneinfo.ZoneInfo("America/New_York")


@pytest.fixture(autouse=True)
def fresh_caches(settings):
    """Start from empty caches: a page cached by an earlier test (same URL, same host) must
    not stand in for this test's content."""
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()


def ny(day, hour, minute=0):
    return datetime.datetime(2027, 9, day, hour, minute, tzinfo=NY)


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def paragraph(html):
    return {"type": "paragraph", "value": html}


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level, "anchor": ""}}


def build_content(home, make_image, drafts=True):
    """An edition as visitors see it: a schedule with two rooms, a talk by two presenters with
    photos, a presenter with a bio, news with an announcement and a long recap (headings,
    images, a table), a standard page; plus a draft and a password-protected talk."""
    settings = ConferenceSettings.objects.get(site__root_page=home)
    settings.venue_name = "Riverside Convention Center"
    settings.venue_address = "1 River Road\nPortland, OR"
    settings.save()
    rooms = [
        Room.objects.create(name="Ballroom", slug="ballroom", sort_order=1),
        Room.objects.create(name="Workshop room", slug="workshop-room", sort_order=2),
    ]
    track = Track.objects.create(name="Web", slug="web", colour="#1d5fbf")
    program = ProgramPage(
        title="Schedule",
        slug="schedule",
        intro="Three days of talks, tutorials and sprints.",
        schedule_items=[
            ScheduleItem(kind="meal", title="Lunch", start=ny(20, 12), end=ny(20, 13)),
        ],
    )
    program = publish(home, program)
    index = publish(home, PresenterIndexPage(title="Presenters", slug="presenters"))
    photo_ada = make_image("Ada Lovelace portrait", (60, 90, 140), size=(320, 320))
    photo_ada.description = "Ada Lovelace smiling on stage"
    photo_ada.save()
    photo_grace = make_image("Grace Hopper portrait", (140, 90, 60), size=(320, 320))
    photo_grace.description = "Grace Hopper at a lectern"
    photo_grace.save()
    ada = publish(
        index,
        PresenterPage(
            title="Ada Lovelace",
            slug="ada-lovelace",
            pronouns="she/her",
            role="Analyst",
            company="Analytical Engines Ltd",
            photo=photo_ada,
            bio=[paragraph("<p>Ada writes programs for machines that do not exist yet.</p>")],
            github_url="https://github.example/ada",
            mastodon_url="https://social.example/@ada",
        ),
    )
    grace = publish(
        index,
        PresenterPage(
            title="Grace Hopper",
            slug="grace-hopper",
            role="Rear admiral",
            company="Navy",
            photo=photo_grace,
            bio=[paragraph("<p>Grace found the first actual bug.</p>")],
        ),
    )
    talk = TalkPage(
        title="Accessible schedules with Django",
        slug="accessible-schedules",
        kind="talk",
        summary="How we made the conference schedule work with a screen reader.",
        abstract=[
            paragraph(
                "<p>Tables, headings and landmarks: we rebuilt the schedule around the "
                "kaleidoscope of assistive technology that visitors use.</p>"
            ),
            paragraph("<p>Bring questions about <b>ARIA</b> &amp; keyboard focus.</p>"),
        ],
        start=ny(20, 10),
        end=ny(20, 10, 45),
        room=rooms[0],
        track=track,
        difficulty="intermediate",
        talk_presenters=[
            TalkPresenter(presenter=ada, sort_order=0),
            TalkPresenter(presenter=grace, sort_order=1),
        ],
    )
    talk.tags.add("django", "accessibility")
    talk = publish(program, talk)
    second = TalkPage(
        title="Compilers for everyone",
        slug="compilers-for-everyone",
        kind="keynote",
        summary="Why programs should read like English.",
        abstract=[paragraph("<p>From FLOW-MATIC to Python.</p>")],
        start=ny(20, 11),
        end=ny(20, 11, 45),
        room=rooms[1],
        talk_presenters=[TalkPresenter(presenter=grace, sort_order=0)],
    )
    second = publish(program, second)
    hidden = SimpleNamespace(draft=None, restricted=None)
    if drafts:
        draft = TalkPage(
            title="Secret kaleidoscope roadmap",
            slug="secret-roadmap",
            summary="Not announced yet.",
            abstract=[paragraph("<p>The kaleidoscope of Ada Lovelace, unannounced.</p>")],
            start=ny(21, 10),
            end=ny(21, 11),
            live=False,
        )
        program.add_child(instance=draft)
        draft.save_revision()
        restricted = TalkPage(
            title="Members-only kaleidoscope session",
            slug="members-only",
            summary="Behind a password.",
            abstract=[paragraph("<p>The kaleidoscope for members.</p>")],
            start=ny(21, 14),
            end=ny(21, 15),
        )
        restricted = publish(program, restricted)
        PageViewRestriction.objects.create(
            page=restricted, restriction_type="password", password="secret"
        )
        hidden = SimpleNamespace(draft=draft, restricted=restricted)

    from blog.models import NewsIndexPage

    news = publish(home, NewsIndexPage(title="News", slug="news", intro="What is new."))
    category = BlogCategory.objects.create(name="Program", slug="program")
    cover = make_image("Main hall", (20, 110, 80), size=(800, 450))
    announcement = AnnouncementPage(
        title="The schedule is out",
        slug="schedule-is-out",
        author="The program committee",
        date=datetime.datetime(2027, 7, 1, 9, 0, tzinfo=NY),
        category=category,
        cover_image=cover,
        cover_alt="The main hall before the doors open",
        excerpt="Forty talks over three days, and a sprint.",
        body=[paragraph("<p>The full schedule is online. Talks about Django and data.</p>")],
    )
    announcement.tags.add("schedule")
    announcement = publish(news, announcement)
    stage = make_image("Stage", (90, 60, 120), size=(640, 360))
    recap = RecapPage(
        title="What we saw on day one",
        slug="day-one",
        author="Jane Doe",
        date=datetime.datetime(2027, 9, 21, 18, 0, tzinfo=NY),
        excerpt="Keynotes, hallway track and a lot of coffee.",
        body=[
            heading("Morning"),
            paragraph("<p>The day opened with a keynote about compilers.</p>"),
            {
                "type": "image",
                "value": {
                    "image": stage.pk,
                    "alt_text": "The keynote speaker on a purple-lit stage",
                    "caption": "The opening keynote",
                    "credit": "Photo: the volunteers",
                },
            },
            heading("Talks we liked", "h3"),
            {
                "type": "markdown",
                "value": "| Talk | Room |\n|---|---|\n| Accessible schedules | Ballroom |\n",
            },
            heading("Afternoon"),
            paragraph("<p>Sprints started after lunch, with forty people in one room.</p>"),
        ],
    )
    recap = publish(news, recap)
    venue = publish(
        home,
        StandardPage(
            title="Venue",
            slug="venue",
            intro="How to reach the Riverside Convention Center.",
            body=[paragraph("<p>Take the tram to Riverside; step-free access at gate B.</p>")],
        ),
    )
    return SimpleNamespace(
        home=home,
        program=program,
        presenters_index=index,
        ada=ada,
        grace=grace,
        talk=talk,
        second=second,
        news=news,
        announcement=announcement,
        recap=recap,
        venue=venue,
        **vars(hidden),
    )


@pytest.fixture
def content(home_page, make_image):
    return build_content(home_page, make_image)


def jsonld(html):
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1, found
    return json.loads(found[0])


def meta(html, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    return match.group(1) if match else None


# -- meta tags --------------------------------------------------------------------------


@pytest.mark.django_db
def test_talk_has_description_canonical_and_social_card(client, content):
    html = client.get(content.talk.url).content.decode()
    assert meta(html, "name", "description") == content.talk.summary
    assert '<link rel="canonical" href="http://localhost/schedule/accessible-schedules/">' in html
    image = meta(html, "property", "og:image")
    card = SocialCard.objects.get(page=content.talk, revision_id=content.talk.live_revision_id)
    assert image == "http://testserver" + card.file.url
    assert image.startswith("http") and image.endswith(".png")
    assert meta(html, "property", "og:image:width") == "1200"
    assert meta(html, "name", "twitter:card") == "summary_large_image"
    assert meta(html, "property", "og:title") == content.talk.title


@pytest.mark.django_db
def test_pages_without_a_card_share_the_editions_image(client, content, make_image):
    # The announcement has no card of its own: the edition's card (from the home page).
    home_card = SocialCard.objects.get(page=content.home)
    html = client.get(content.announcement.url).content.decode()
    assert meta(html, "property", "og:image").endswith(home_card.file.url)
    assert meta(html, "property", "og:type") == "article"
    # An editor's default image wins over the generated edition card.
    settings = ConferenceSettings.objects.get(site__root_page=content.home)
    settings.default_social_image = make_image("Default card", (10, 10, 10), size=(1600, 900))
    settings.save()
    html = client.get(content.announcement.url).content.decode()
    image = meta(html, "property", "og:image")
    assert image.startswith("http://testserver/media/images/") and "1200x630" in image
    # And a page's own upload wins over everything.
    content.venue.social_image = make_image("Venue photo", (1, 2, 3), size=(1400, 800))
    content.venue.save_revision().publish()
    html = client.get(content.venue.url).content.decode()
    assert "venue-photo" in meta(html, "property", "og:image")


@pytest.mark.django_db
def test_search_and_404_pages_are_not_indexed(client, content):
    html = client.get("/search/?q=django").content.decode()
    assert meta(html, "name", "robots") == "noindex, follow"
    assert 'rel="canonical"' not in html
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "application/ld+json" not in response.content.decode()


# -- social cards -----------------------------------------------------------------------


@pytest.mark.django_db
def test_social_card_is_a_1200_by_630_png_made_on_publish(content):
    for page in (content.talk, content.ada, content.home):
        page.refresh_from_db()
        card = SocialCard.objects.get(page=page)
        assert card.revision_id == page.live_revision_id
        with default_storage.open(card.file.name) as stored:
            data = stored.read()
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        image = PillowImage.open(io.BytesIO(data))
        assert (image.format, image.size) == ("PNG", (1200, 630))
        # In the site's colours: the accent green fills the background.
        assert image.convert("RGB").getpixel((5, 5)) == cards.BACKGROUND


@pytest.mark.django_db
def test_a_new_revision_gets_a_new_card_and_the_old_file_goes(content):
    old = SocialCard.objects.get(page=content.talk)
    content.talk.title = "Accessible schedules with Django and Wagtail"
    revision = content.talk.save_revision()
    revision.publish()
    new = SocialCard.objects.get(page=content.talk)
    assert new.revision_id == revision.pk != old.revision_id
    assert default_storage.exists(new.file.name)
    assert not default_storage.exists(old.file.name)


@pytest.mark.django_db
def test_page_views_never_draw_a_card(client, content, monkeypatch):
    drawn = []
    monkeypatch.setattr(cards, "draw_card", lambda card: drawn.append(card))
    for page in (content.talk, content.ada, content.home, content.recap):
        assert client.get(page.url).status_code == 200
    assert drawn == []
    # The same spy sees a publish: the test would notice drawing on a view.
    content.talk.save_revision().publish()
    assert len(drawn) == 1


def test_card_text_wraps_into_three_lines_and_an_ellipsis():
    card = cards.Card(
        title="A very long talk title " * 8, eyebrow="Keynote", lines=["A & B", "Monday"]
    )
    png = cards.draw_card(card)
    assert PillowImage.open(io.BytesIO(png)).size == (1200, 630)
    canvas = ImageDraw.Draw(PillowImage.new("RGB", (1, 1)))
    lines = cards.wrap(canvas, card.title, cards.font(56, True), cards.WIDTH - 2 * cards.MARGIN, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")


# -- JSON-LD ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_jsonld_of_the_edition_and_a_talk(client, content):
    home = jsonld(client.get("/").content.decode())
    assert home["@type"] == "Event"
    assert (home["startDate"], home["endDate"]) == ("2027-09-20", "2027-09-22")
    assert home["name"] == "Test Conference 2027"

    talk = jsonld(client.get(content.talk.url).content.decode())
    assert talk["@type"] == "Event"
    assert talk["startDate"] == "2027-09-20T10:00:00-04:00"
    assert talk["endDate"] == "2027-09-20T10:45:00-04:00"
    assert datetime.datetime.fromisoformat(talk["startDate"]) == content.talk.start
    assert [p["name"] for p in talk["performer"]] == ["Ada Lovelace", "Grace Hopper"]
    assert {p["@type"] for p in talk["performer"]} == {"Person"}
    assert talk["performer"][0]["url"] == "http://localhost/presenters/ada-lovelace/"
    assert talk["location"]["name"] == "Ballroom, Riverside Convention Center"
    assert talk["image"][0].endswith(".png")


@pytest.mark.django_db
def test_jsonld_of_posts_and_presenters(client, content):
    announcement = jsonld(client.get(content.announcement.url).content.decode())
    assert announcement["@type"] == "NewsArticle"
    assert announcement["datePublished"] == "2027-07-01T09:00:00-04:00"
    assert announcement["headline"] == "The schedule is out"
    assert announcement["author"] == {"@type": "Person", "name": "The program committee"}
    assert announcement["image"]

    recap = jsonld(client.get(content.recap.url).content.decode())
    assert recap["@type"] == "BlogPosting"
    assert recap["datePublished"] == "2027-09-21T18:00:00-04:00"
    assert recap["author"]["name"] == "Jane Doe"

    person = jsonld(client.get(content.ada.url).content.decode())
    assert person["@type"] == "Person"
    assert person["name"] == "Ada Lovelace"
    assert person["jobTitle"] == "Analyst"
    assert "https://social.example/@ada" in person["sameAs"]


@pytest.mark.django_db
def test_jsonld_cannot_close_its_script(client, content):
    content.talk.title = "</script><script>alert(1)</script> & <!-- more"
    content.talk.save_revision().publish()
    html = client.get(content.talk.url).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and ">" not in block
    assert json.loads(block)["name"] == content.talk.title


# -- sitemap and robots.txt -------------------------------------------------------------


@pytest.mark.django_db
def test_sitemap_lists_live_public_pages_only(client, content):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.fromstring(response.content)
    urls = {
        node.findtext("s:loc", namespaces=namespace): node.findtext(
            "s:lastmod", namespaces=namespace
        )
        for node in root.findall("s:url", namespace)
    }
    expected = {
        page.full_url
        for page in (
            content.home,
            content.program,
            content.presenters_index,
            content.ada,
            content.grace,
            content.talk,
            content.second,
            content.news,
            content.announcement,
            content.recap,
            content.venue,
        )
    }
    assert set(urls) == expected
    assert content.draft.full_url not in urls and content.restricted.full_url not in urls
    assert all(lastmod and lastmod.startswith("20") for lastmod in urls.values())


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap(client, content):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text.splitlines()
    assert "Disallow: /admin/" in text
