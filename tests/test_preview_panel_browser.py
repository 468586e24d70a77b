"""The page editor's preview panel shows the page (security issue 14, finding 2): the preview
response may be framed by the admin itself (frame-ancestors 'self', X-Frame-Options
SAMEORIGIN) and by nothing else, and Chromium renders it inside the panel."""

import pytest
from playwright.sync_api import expect

from tests.factories.html import parse_csp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long pass phrase 42"


def test_the_preview_panel_shows_the_page(
    browser_context, live_server, make_post, django_user_model
):
    post = make_post("Tickets on sale", body=[("paragraph", "<p>Get yours.</p>")])
    django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
    page = browser_context()
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "frame" in m.text.lower() else None)
    previews = []
    page.on(
        "response",
        lambda response: previews.append(response) if "/edit/preview/" in response.url else None,
    )
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "root")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")

    page.goto(f"{live_server.url}/admin/pages/{post.pk}/edit/")
    page.locator("button[data-side-panel-toggle='preview']").click()
    frame = page.frame_locator("#w-preview-iframe")
    expect(frame.locator("h1")).to_have_text("Tickets on sale", timeout=15_000)
    expect(frame.locator("body")).to_contain_text("Get yours.")
    assert refused == []

    framed = [r for r in previews if r.request.method == "GET" and r.status == 200]
    assert framed, [r.url for r in previews]
    for response in framed:
        policy = parse_csp(response.headers["content-security-policy"])
        assert policy["frame-ancestors"] == ["'self'"], response.url
        assert response.headers["x-frame-options"] == "SAMEORIGIN", response.url
