"""The schedule in a real headless Chromium, on a phone and on a desktop screen."""

import pytest

from tests.factories.program import make_program

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [375, 1280])
def test_schedule_fits_the_screen_and_every_talk_link_works(
    browser_context, live_server, home_page, width
):
    data = make_program(home_page, talks=12)
    page = browser_context(width=width)
    response = page.goto(live_server.url + "/schedule/")
    assert response.status == 200
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    links = page.locator(".schedule .entry__title a")
    hrefs = links.evaluate_all("links => links.map(link => link.getAttribute('href'))")
    assert sorted(hrefs) == sorted(talk.url for talk in data.talks)
    for href in hrefs:
        answer = page.request.get(live_server.url + href)
        assert answer.status == 200, href
        assert f"<h1>{data.talks[int(href.rstrip('/')[-3:])].title}</h1>" in answer.text()

    # Talks at the same time sit side by side on a desktop and one under the other on a phone.
    first, second = (links.nth(n).bounding_box() for n in (0, 1))
    if width >= 1280:
        assert page.locator(".schedule thead").first.is_visible()
        assert first["y"] == second["y"] and first["x"] < second["x"]
    else:
        assert second["y"] > first["y"]

    links.first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Talk 000"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", [375, 1280])
def test_talk_and_presenter_pages_fit_the_screen(browser_context, live_server, home_page, width):
    data = make_program(home_page, talks=3)
    page = browser_context(width=width)
    for url in (data.talks[2].url, data.presenters[1].url, "/presenters/"):
        assert page.goto(live_server.url + url).status == 200
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), url
