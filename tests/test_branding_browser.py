"""An edition's own look in Chromium: the home page with a logo (and its dark version), an
icon, a home page image and colours, at 375 and 1280 px, light and dark: axe-core finds no
violation, the Content Security Policy none, and the colours apply in the light scheme only.
The images are in an S3 store (moto), as in production, so the browser really loads them."""

import pytest

from home.models import ConferenceSettings
from tests.test_accessibility_browser import run_axe
from tests.test_csp_browser import violations, watch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACCENT = "#6b2d8f"
BACKGROUND = "#fdf6e3"


@pytest.fixture
def branded(home_page, s3_server, make_image):
    ConferenceSettings.objects.filter(site__root_page=home_page).update(
        logo=make_image("Logo", color=(40, 20, 60), size=(400, 120)),
        logo_dark=make_image("Logo dark", color=(230, 220, 240), size=(400, 120)),
        icon=make_image("Icon", color=(107, 45, 143), size=(600, 600)),
        hero_image=make_image("Stage", color=(90, 110, 140), size=(2400, 900)),
        accent_colour=ACCENT,
        accent_text_colour="#ffffff",
        background_colour=BACKGROUND,
    )
    return home_page


def custom_property(page, name):
    return page.evaluate(
        f"getComputedStyle(document.documentElement).getPropertyValue('--{name}').trim()"
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_a_branded_home_page_passes_axe(browser_context, live_server, branded, width, scheme):
    # bypass_csp: the policy rightly refuses the injected axe script (checked apart below).
    page = browser_context(width=width, color_scheme=scheme, bypass_csp=True)
    assert page.goto(live_server.url + "/", wait_until="load").status == 200
    page.wait_for_load_state("networkidle")
    assert run_axe(page) == []

    logo = page.locator(".site-name img")
    assert logo.get_attribute("alt") == "Test Conference 2027"
    shown = logo.evaluate("img => ({src: img.currentSrc, width: img.naturalWidth})")
    assert shown["width"] > 0
    assert ("logo-dark" in shown["src"]) == (scheme == "dark"), shown["src"]
    assert page.locator(".hero__image img").evaluate("img => img.naturalWidth") > 0

    # The edition's colours are light-scheme colours; the dark scheme keeps the site's own.
    if scheme == "light":
        assert (custom_property(page, "accent"), custom_property(page, "bg")) == (
            ACCENT,
            BACKGROUND,
        )
    else:
        assert (custom_property(page, "accent"), custom_property(page, "bg")) == (
            "#6fd3a4",
            "#111417",
        )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_branded_home_page_has_no_csp_violation(browser_context, live_server, branded, scheme):
    page = browser_context(color_scheme=scheme)
    console = watch(page)
    failed = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    response = page.goto(live_server.url + "/")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    assert violations(page, console) == []
    assert failed == []
    # The icon, touch icon and manifest the head links all answer.
    for selector in ('link[rel="icon"]', 'link[rel="apple-touch-icon"]', 'link[rel="manifest"]'):
        href = page.locator(selector).get_attribute("href")
        fetched = page.request.get(href if "://" in href else live_server.url + href)
        assert fetched.status == 200, (selector, href)
    assert page.request.get(live_server.url + "/favicon.ico").status == 200
