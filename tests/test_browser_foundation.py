"""What a visitor sees in a real headless Chromium."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_home_page_fits_the_screen_and_skip_link_works(
    browser_context, live_server, home_page, width
):
    page = browser_context(width=width)
    response = page.goto(live_server.url + "/")
    assert response.status == 200
    assert page.locator("h1").inner_text() == "Test Conference 2027"
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_admin_login_page_loads(browser_context, live_server, db):
    page = browser_context()
    response = page.goto(live_server.url + "/admin/login/")
    assert response.status == 200
    assert page.locator("input[name=username]").is_visible()
