"""Each edition's own look (issue 18): colours refused below WCAG AA with their ratio, the
per-edition stylesheet, an accent changed in the admin showing on every page of its edition
at the next request and on no other edition's, the logo, icons, manifest and home page image,
and the home page's queries with and without them."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.models import Site

from home.colours import contrast_ratio, site_colours, written_ratio
from home.models import ConferenceSettings, StandardPage
from pagecache import middleware as page_cache_middleware
from pagecache.generations import database_generations, hosts, page_cache
from pagecache.middleware import RecentPages

pytestmark = pytest.mark.django_db

SECOND_HOST = "2026.example.org"


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def edition_stylesheets(page):
    """The addresses of the edition stylesheets a page links."""
    return [
        link["href"]
        for link in page.select('link[rel="stylesheet"]')
        if link["href"].startswith("/edition/")
    ]


def conference_of(home_page):
    return ConferenceSettings.objects.get(site__root_page=home_page)


def with_look(home_page, **fields):
    ConferenceSettings.objects.filter(site__root_page=home_page).update(**fields)
    return conference_of(home_page)


def refusals(**colours):
    conference = ConferenceSettings(name="Test", **colours)
    with pytest.raises(ValidationError) as caught:
        conference.full_clean(exclude=["site"])
    return caught.value.message_dict


# -- the contrast rule --------------------------------------------------------------------


def test_contrast_follows_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    # Never rounded up into a pass: 4.48 reads 4.4.
    assert written_ratio(contrast_ratio("#777777", "#ffffff")) == "4.4:1"


def test_the_sites_own_colours_are_read_from_its_stylesheet():
    colours = site_colours()
    assert colours["light"]["bg"] == "#ffffff"
    assert colours["light"]["link"] == "#0a52a3"
    assert colours["dark"]["bg"] == "#111417"
    assert colours["dark"]["surface"] == "#1c2126"


def test_an_accent_below_aa_is_refused_with_its_ratio():
    assert refusals(accent_colour="#7fbf7f")["accent_colour"] == [
        "Button text on the accent colour: #ffffff on #7fbf7f has a contrast of 2.1:1; it "
        "needs at least 4.5:1 (WCAG AA).",
        "Links on the background: #7fbf7f on #ffffff has a contrast of 2.1:1; it needs at "
        "least 4.5:1 (WCAG AA).",
        "Links on the footer's background: #7fbf7f on #f2f5f3 has a contrast of 1.9:1; it "
        "needs at least 4.5:1 (WCAG AA).",
    ]


def test_an_accent_readable_on_white_but_not_on_the_footer_is_refused():
    assert refusals(accent_colour="#767676")["accent_colour"] == [
        "Links on the footer's background: #767676 on #f2f5f3 has a contrast of 4.1:1; it "
        "needs at least 4.5:1 (WCAG AA)."
    ]


def test_button_text_must_be_readable_on_the_accent():
    errors = refusals(accent_colour="#0b5d3b", accent_text_colour="#3d8f6b")
    assert errors == {
        "accent_text_colour": [
            "Button text on the accent colour: #3d8f6b on #0b5d3b has a contrast of 2.0:1; "
            "it needs at least 4.5:1 (WCAG AA)."
        ]
    }
    # The site's own accent is the background of a text colour given alone.
    assert "#3d8f6b on #0b5d3b" in refusals(accent_text_colour="#3d8f6b")["accent_text_colour"][0]


def test_a_background_must_keep_the_sites_text_and_links_readable():
    errors = refusals(background_colour="#333333")["background_colour"]
    assert errors[0] == (
        "Links on the background: #0a52a3 on #333333 has a contrast of 1.6:1; it needs at "
        "least 4.5:1 (WCAG AA)."
    )
    assert "The site's text on the background: #1b1f24 on #333333" in errors[1]
    assert "The site's quieter text on the background: #4a525c on #333333" in errors[2]


@pytest.mark.parametrize(
    "colours",
    [
        {},
        {"accent_colour": "#0b5d3b"},
        {"accent_colour": "#6b2d8f", "accent_text_colour": "#ffffff"},
        {
            "accent_colour": "#6b2d8f",
            "accent_text_colour": "#FFFFFF",
            "background_colour": "#fdf6e3",
        },
        {"background_colour": "#fdf6e3"},
    ],
)
def test_colours_at_aa_are_accepted(colours):
    ConferenceSettings(name="Test", **colours).full_clean(exclude=["site"])


def test_a_value_that_is_no_colour_gets_only_the_format_message():
    errors = refusals(accent_colour="green")
    assert errors == {
        "accent_colour": ["Use a colour written as # and six hex digits, such as #0b5d3b."]
    }


def settings_form_data(admin_client, site):
    response = admin_client.get(f"/admin/settings/home/conferencesettings/{site.pk}/")
    assert response.status_code == 200
    form = response.context["form"]
    return {name: form[name].value() or "" for name in form.fields}


def test_the_admin_refuses_a_colour_below_aa_with_its_ratio(admin_client, site):
    data = settings_form_data(admin_client, site) | {"accent_colour": "#7fbf7f"}
    response = admin_client.post(f"/admin/settings/home/conferencesettings/{site.pk}/", data)
    assert response.status_code == 200
    message = " ".join(response.context["form"].errors["accent_colour"])
    assert "#7fbf7f on #ffffff has a contrast of 2.1:1; it needs at least 4.5:1 (WCAG AA)." in (
        message
    )
    page = BeautifulSoup(response.content, "html.parser")
    assert "contrast of 2.1:1" in page.get_text()
    assert ConferenceSettings.for_site(site).accent_colour == ""


# -- the stylesheet ------------------------------------------------------------------------


def test_an_edition_without_colours_links_no_stylesheet(client, home_page):
    assert edition_stylesheets(soup(client.get("/"))) == []
    site_id = Site.objects.get(root_page=home_page).pk
    assert client.get(f"/edition/{site_id}.css").content == b""


def test_the_stylesheet_has_the_colours_of_its_own_edition_only(client, home_page, second_edition):
    with_look(
        home_page,
        accent_colour="#6B2D8F",
        accent_text_colour="#ffffff",
        background_colour="#fdf6e3",
    )
    (href,) = edition_stylesheets(soup(client.get("/")))
    site_id = Site.objects.get(root_page=home_page).pk
    assert href.startswith(f"/edition/{site_id}.css?v=")
    response = client.get(href)
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert response.content.decode() == (
        "@media (prefers-color-scheme: light) { :root { --accent: #6b2d8f; --link: #6b2d8f; "
        "--accent-fg: #ffffff; --bg: #fdf6e3; } }\n"
    )
    cache_control = response["Cache-Control"]
    assert "max-age=31536000" in cache_control and "immutable" in cache_control
    # An address of an older version is answered with the current colours, kept briefly.
    stale = client.get(f"/edition/{site_id}.css?v=0ld")
    assert stale.content == response.content and "max-age=300" in stale["Cache-Control"]

    # The other edition keeps the site's own colours, under its own address.
    assert edition_stylesheets(soup(client.get("/", HTTP_HOST=SECOND_HOST))) == []
    other_id = Site.objects.get(root_page=second_edition).pk
    assert b"#6b2d8f" not in client.get(f"/edition/{other_id}.css").content
    assert client.get("/edition/999999.css").status_code == 404


# -- a change in the admin, at the next request --------------------------------------------


@pytest.fixture
def page_cache_on(settings, monkeypatch):
    """The page cache on in this process, with nothing left from another test."""
    settings.PAGE_CACHE_ENABLED = True
    page_cache().clear()
    database_generations.forget()
    hosts.clear()
    monkeypatch.setattr(page_cache_middleware, "recent", RecentPages())
    return settings


def test_an_accent_changed_in_the_admin_shows_on_every_page_of_its_edition_only(
    page_cache_on, home_page, second_edition, admin_client, django_capture_on_commit_callbacks
):
    venue = StandardPage(title="Venue", slug="venue")
    home_page.add_child(instance=venue)
    venue.save_revision().publish()
    visitor = Client()
    paths = ["/", "/venue/"]
    for path in paths:
        assert edition_stylesheets(soup(visitor.get(path))) == []
    assert edition_stylesheets(soup(visitor.get("/", HTTP_HOST=SECOND_HOST))) == []

    # Changed behind the cache's back (no signal), the pages stay as they were cached.
    with_look(home_page, accent_colour="#0b5d3b")
    assert edition_stylesheets(soup(visitor.get("/"))) == []

    site = Site.objects.get(root_page=home_page)
    data = settings_form_data(admin_client, site) | {"accent_colour": "#6b2d8f"}
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/settings/home/conferencesettings/{site.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors

    for path in paths:
        (href,) = edition_stylesheets(soup(visitor.get(path)))
        assert "--accent: #6b2d8f;" in visitor.get(href).content.decode(), path
    assert edition_stylesheets(soup(visitor.get("/", HTTP_HOST=SECOND_HOST))) == []


# -- logo, icons, manifest, home page image --------------------------------------------------


def test_the_header_names_the_edition_in_text_without_a_logo(client, home_page, make_image):
    # A dark version alone is no logo: the light theme would have nothing to show.
    with_look(home_page, logo_dark=make_image("Dark logo", size=(400, 120)))
    link = soup(client.get("/")).select_one(".site-header .site-name")
    assert link.get_text() == "Test Conference 2027" and link.find("img") is None


def test_the_header_shows_the_logo_and_its_dark_version(client, home_page, make_image):
    with_look(
        home_page,
        logo=make_image("Logo", size=(400, 120)),
        logo_dark=make_image("Logo dark", color=(240, 240, 240), size=(400, 120)),
    )
    link = soup(client.get("/")).select_one(".site-header .site-name")
    image = link.select_one("picture > img")
    assert image["alt"] == "Test Conference 2027"
    assert (image["width"], image["height"]) == ("160", "48")
    normal, sharp = (candidate.split() for candidate in image["srcset"].split(", "))
    assert normal[1] == "1x" and sharp[1] == "2x" and image["src"] == normal[0]
    source = link.select_one("picture > source")
    assert source["media"] == "(prefers-color-scheme: dark)"
    assert source["srcset"].endswith(" 2x") and "logo-dark" in source["srcset"]
    assert "site-logo--light" not in image["class"]


def test_a_logo_without_a_dark_version_keeps_a_light_backdrop(client, home_page, make_image):
    with_look(home_page, logo=make_image("Logo", size=(400, 120)))
    image = soup(client.get("/")).select_one(".site-name img")
    assert "site-logo--light" in image["class"]
    assert soup(client.get("/")).select_one(".site-name source") is None


def head_icons(page):
    return {
        rel: page.select_one(f'link[rel="{rel}"]')
        for rel in ("icon", "apple-touch-icon", "manifest")
    }


def test_without_an_icon_the_default_one_is_linked_and_served(client, home_page):
    links = head_icons(soup(client.get("/")))
    assert links["icon"]["href"] == "/static/icons/default-32.png"
    assert links["icon"]["sizes"] == "32x32" and links["icon"]["type"] == "image/png"
    assert links["apple-touch-icon"]["href"] == "/static/icons/default-180.png"

    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == "/static/icons/default-32.png"
    for size in (32, 180, 192, 512):
        # Shipped in static/ (the test server serves no static files: read the file).
        with PILImage.open(finders.find(f"icons/default-{size}.png")) as icon:
            assert (icon.format, icon.size) == ("PNG", (size, size))

    manifest_response = client.get(links["manifest"]["href"])
    assert manifest_response.status_code == 200
    assert manifest_response["Content-Type"] == "application/manifest+json"
    assert "immutable" in manifest_response["Cache-Control"]
    manifest = json.loads(manifest_response.content)
    assert manifest["name"] == "Test Conference 2027"
    assert manifest["theme_color"] == "#0b5d3b" and manifest["background_color"] == "#ffffff"
    assert [(i["src"], i["sizes"]) for i in manifest["icons"]] == [
        ("/static/icons/default-192.png", "192x192"),
        ("/static/icons/default-512.png", "512x512"),
    ]


def media_file(url):
    """The stored file a media URL names (the test server does not serve /media/)."""
    assert url.startswith("/media/"), url
    return url.removeprefix("/media/")


def test_the_icons_and_manifest_come_from_the_editions_icon(client, home_page, make_image):
    with_look(home_page, icon=make_image("Icon", size=(600, 600)), accent_colour="#6b2d8f")
    links = head_icons(soup(client.get("/")))
    favicon_url = links["icon"]["href"]
    assert links["icon"]["sizes"] == "32x32" and favicon_url.endswith(".png")
    assert links["apple-touch-icon"]["sizes"] == "180x180"
    assert default_storage.exists(media_file(favicon_url))

    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == favicon_url

    manifest = json.loads(client.get(links["manifest"]["href"]).content)
    assert manifest["theme_color"] == "#6b2d8f"
    assert [i["sizes"] for i in manifest["icons"]] == ["192x192", "512x512"]
    for icon in manifest["icons"]:
        assert icon["type"] == "image/png" and default_storage.exists(media_file(icon["src"]))


def test_the_manifest_is_the_one_of_the_requests_edition(client, home_page, second_edition):
    with_look(home_page, accent_colour="#6b2d8f")
    manifest = json.loads(client.get("/manifest.webmanifest", HTTP_HOST=SECOND_HOST).content)
    assert manifest["name"] == "Test Conference 2026" and manifest["theme_color"] == "#0b5d3b"
    this_href = head_icons(soup(client.get("/")))["manifest"]["href"]
    other_href = head_icons(soup(client.get("/", HTTP_HOST=SECOND_HOST)))["manifest"]["href"]
    assert this_href != other_href


def test_the_home_page_image_is_responsive_and_loads_first(client, home_page, make_image):
    with_look(home_page, hero_image=make_image("Stage", size=(2400, 900)))
    hero = soup(client.get("/")).select_one(".hero")
    assert "hero--image" in hero["class"]
    image = hero.select_one(".hero__image picture img")
    assert image["fetchpriority"] == "high" and image["alt"] == ""
    assert image["width"] and image["height"]
    assert len(image["srcset"].split(", ")) == 3
    assert {source["type"] for source in hero.select(".hero__image source")} == {
        "image/avif",
        "image/webp",
    }
    # The title stays text, after the image.
    assert hero.select_one("h1").get_text() == "Test Conference 2027"


def test_no_home_page_image_no_image_section(client, home_page):
    hero = soup(client.get("/")).select_one(".hero")
    assert "hero--image" not in hero["class"] and hero.select_one(".hero__image") is None


# -- queries -----------------------------------------------------------------------------------


def home_queries(client):
    client.get("/")  # makes the renditions and warms the per-process caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured)


def test_the_look_costs_the_home_page_no_query(client, home_page, make_image):
    without = home_queries(client)
    with_look(
        home_page,
        logo=make_image("Logo", size=(400, 120)),
        logo_dark=make_image("Logo dark", size=(400, 120)),
        icon=make_image("Icon", size=(600, 600)),
        hero_image=make_image("Stage", size=(2400, 900)),
        accent_colour="#6b2d8f",
    )
    page = soup(client.get("/"))
    assert page.select_one(".site-name img") and page.select_one(".hero__image img")
    assert home_queries(client) == without
