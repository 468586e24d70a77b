"""News in a real headless Chromium: hostile content runs nothing, pages fit a phone."""

import pytest

from blog.models import RecapPage
from tests.factories.xss import hostile_body

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hostile_recap_opens_no_dialog_and_runs_no_script(
    live_server, browser_context, make_post, make_image
):
    image = make_image("Stage")
    body = hostile_body() + [
        {
            "type": "gallery",
            "value": {"title": "<svg onload=alert(1)>", "images": [{"image": image.pk}]},
        }
    ]
    recap = make_post(
        "<img src=x onerror=window.__xss=1>", model=RecapPage, slug="hostile", body=body
    )
    page = browser_context(width=1280)
    dialogs, errors = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + recap.url, wait_until="load")
    # Give timers, lazy images and autofocus handlers a chance, then poke at the page the way
    # a visitor would: hover, focus and click every element the payloads could have armed.
    page.wait_for_timeout(300)
    page.evaluate(
        """() => document.querySelectorAll('main *').forEach((el) => {
            ['mouseover', 'focus', 'toggle', 'animationstart'].forEach(
                (type) => el.dispatchEvent(new Event(type)));
        })"""
    )
    for link in page.locator("main a[href]").all()[:40]:
        href = link.get_attribute("href") or ""
        assert not href.strip().lower().startswith(("javascript:", "data:")), href
    page.wait_for_timeout(200)
    assert dialogs == []
    assert page.evaluate("() => window.__xss") is None
    # The only script element is the page's own JSON-LD, which browsers never execute.
    script_types = page.evaluate("() => Array.from(document.scripts, (s) => s.type)")
    assert script_types == ["application/ld+json"]
    assert page.evaluate("() => document.querySelectorAll('iframe, object, embed').length") == 0
    assert errors == []


@pytest.mark.parametrize("width", [375, 1280])
def test_news_pages_fit_the_screen(live_server, browser_context, make_post, make_image, width):
    image = make_image("Wide photo", size=(1600, 900))
    body = [
        {"type": "heading", "value": {"text": "Monday", "level": "h2", "anchor": ""}},
        {"type": "markdown", "value": "| a | b | c | d |\n|---|---|---|---|\n" + "| x " * 4},
        {"type": "code", "value": {"language": "python", "code": "x = '" + "y" * 200 + "'"}},
        {"type": "image", "value": {"image": image.pk, "alt_text": "A wide photo"}},
        {"type": "gallery", "value": {"images": [{"image": image.pk, "alt_text": "x"}] * 3}},
    ]
    recap = make_post(
        "A long recap title that wraps",
        model=RecapPage,
        body=body,
        cover_image=image,
        cover_alt="Cover",
        excerpt="What we did.",
    )
    page = browser_context(width=width)
    for url in ["/news/", recap.url]:
        page.goto(live_server.url + url, wait_until="load")
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (url, width, overflow)
    page.goto(live_server.url + recap.url + "#monday")
    assert page.evaluate("() => document.querySelector('nav.toc a').getAttribute('href')") == (
        "#monday"
    )
