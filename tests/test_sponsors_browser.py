"""The sponsors page and the footer's strip in a real Chromium, on a phone and a desktop, light
and dark: axe-core finds nothing, nothing scrolls sideways, the dark theme shows the dark logo."""

import pytest
from wagtail.models import Site

from home.models import ConferenceSettings
from tests.factories.sponsors import logo_image, make_levels, make_sponsor, make_sponsors_page
from tests.test_accessibility_browser import run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def fresh_caches(settings):
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture
def sponsors(home_page):
    site = Site.objects.get(root_page=home_page)
    gold, silver, community = make_levels(site)
    make_sponsor(
        gold,
        "Acme Cloud",
        logo_dark=logo_image("Acme Cloud dark", (240, 240, 240)),
        description="Acme hosts **Django** projects of every size.",
        hiring=True,
        jobs_link="https://acme.example.com/jobs/",
    )
    make_sponsor(
        gold, "Tall Tower", logo=logo_image("Tall", size=(200, 600)), logo_orientation="portrait"
    )
    make_sponsor(
        silver, "Square Co", logo=logo_image("Square", size=(300, 300)), logo_orientation="square"
    )
    make_sponsor(silver, "Wordmark Ltd", link_label="Wordmark's site")
    make_sponsor(community, "Local Meetup", link="")
    conference = ConferenceSettings.for_site(site)
    conference.sponsorship_prospectus_link = "https://example.org/prospectus.pdf"
    conference.sponsors_email = "sponsors@example.org"
    conference.save()
    return make_sponsors_page(home_page, intro="The companies and groups behind the conference.")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_sponsors_page_and_strip_pass_axe(browser_context, live_server, sponsors, width, scheme):
    page = browser_context(width=width, color_scheme=scheme, bypass_csp=True)
    found = {}
    for url in (sponsors.url, "/"):
        response = page.goto(live_server.url + url, wait_until="load")
        assert response.status == 200, url
        assert page.evaluate("document.documentElement.scrollWidth") <= width, url
        violations = run_axe(page)
        if violations:
            found[url] = violations
    assert found == {}, found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_dark_theme_shows_the_dark_logo(browser_context, live_server, sponsors, scheme):
    page = browser_context(width=1280, color_scheme=scheme)
    page.goto(live_server.url + sponsors.url, wait_until="load")
    logo = page.locator("#sponsor-acme-cloud img")
    logo.scroll_into_view_if_needed()
    page.wait_for_function(
        "document.querySelector('#sponsor-acme-cloud img').complete"
        " && document.querySelector('#sponsor-acme-cloud img').naturalWidth > 0"
    )
    shown = logo.evaluate("img => img.currentSrc")
    assert ("acme-cloud-dark" in shown) == (scheme == "dark"), shown
    # A logo without a dark version sits on a light tile in the dark theme only.
    tile = page.locator("#sponsor-wordmark-ltd picture").evaluate(
        "el => getComputedStyle(el).backgroundColor"
    )
    assert (tile == "rgb(255, 255, 255)") == (scheme == "dark"), tile
