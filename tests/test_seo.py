"""Sharing and search engines: meta tags, canonical URLs, social cards, JSON-LD, the sitemap
and robots.txt. `build_content` is the realistic edition the search, accessibility and page
weight tests use too."""

import datetime
import io
import json
import re
from xml.etree import ElementTree

import pytest
from django.core.files.storage import default_storage
from PIL import Image as PillowImage
from PIL import ImageDraw

from home.models import ConferenceSettings
from social import cards
from social.models import SocialCard
from tests.factories.news import build_content


@pytest.fixture(autouse=True)
def fresh_caches(settings):
    """Start from empty caches: a page cached by an earlier test (same URL, same host) must
    not stand in for this test's content."""
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()


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
