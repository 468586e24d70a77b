"""WCAG 2.2 AA in a real Chromium: axe-core on every kind of public page, on a phone and a
desktop, in the light and the dark theme; and the main pages read with JavaScript off."""

from pathlib import Path

import axe_playwright_python
import pytest

from tests.factories.news import build_content, public_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# axe-core as shipped inside a PyPI package (see pyproject's dev group): nothing downloaded.
AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(autouse=True)
def fresh_caches(settings):
    """Start from empty caches: a page cached by an earlier test (same URL, same host) must
    not stand in for this test's content."""
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()


def run_axe(page):
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=AXE_JS.read_text())
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
            }));
        }""",
        AXE_TAGS,
    )


@pytest.fixture
def content(home_page, make_image):
    return build_content(home_page, make_image)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_axe_finds_no_violation(browser_context, live_server, content, width, scheme):
    # bypass_csp: the site's Content-Security-Policy rightly refuses the injected axe script.
    page = browser_context(width=width, color_scheme=scheme, bypass_csp=True)
    found = {}
    for name, url in public_pages(content).items():
        response = page.goto(live_server.url + url, wait_until="load")
        assert response.status == (404 if name == "404" else 200), name
        violations = run_axe(page)
        if violations:
            found[name] = violations
    assert found == {}, found


def test_the_search_box_works_with_the_keyboard(browser_context, live_server, content):
    page = browser_context(width=375)
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")  # The skip link comes first.
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.focus("#site-search-q")
    page.keyboard.type("Lovelace")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=Lovelace")
    assert page.locator("h1").inner_text() == "Results for “Lovelace”"
    assert page.locator(".search-result__title").count() == 2
    assert page.locator("[role=status]").inner_text() == "2 results."


@pytest.mark.parametrize("width", [375, 1280])
def test_main_pages_read_without_javascript(browser_context, live_server, content, width):
    page = browser_context(width=width, java_script_enabled=False)
    page.goto(live_server.url + content.program.url)
    assert page.evaluate("() => typeof document.scripts") == "object"
    assert page.locator("h1").inner_text() == "Schedule"
    talk_link = page.get_by_role("link", name="Accessible schedules with Django")
    assert talk_link.is_visible()
    assert page.get_by_text("Lunch", exact=True).is_visible()
    # Screen readers get the room and time headers of the table.
    assert page.locator("table.schedule th[scope=col]", has_text="Ballroom").count() == 1

    talk_link.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Accessible schedules with Django"
    assert page.get_by_text("kaleidoscope of assistive technology", exact=False).is_visible()
    assert page.get_by_role("link", name="Ada Lovelace").is_visible()

    page.goto(live_server.url + content.recap.url)
    assert page.locator("h1").inner_text() == "What we saw on day one"
    assert page.locator("nav.toc").is_visible()
    assert page.get_by_text("Sprints started after lunch").is_visible()
    assert page.get_by_role("img", name="The keynote speaker on a purple-lit stage").is_visible()
    assert page.locator(".post__body table").is_visible()
