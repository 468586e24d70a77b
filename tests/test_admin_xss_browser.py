"""Stored XSS through the markdown editor's preview (security issue 14, finding 1).

A Contributor writes HTML with script in a markdown block of a recap; a superuser opens the
recap in the page editor and clicks Preview, then Side-by-side. Nothing the Contributor wrote
runs, and no request leaves for the payload's addresses; the preview shows the site's own
(sanitized) rendering of the text around it."""

import django.apps
import pytest
from playwright.sync_api import expect

from blog.models import RecapPage
from editorial.roles import CONTRIBUTORS, create_groups
from editorial.sections import grant_section_permissions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long pass phrase 42"
# Each vector, were it run, sets a window flag and asks for a path under /xss-beacon/.
PAYLOAD = """## Day one

Plain words that must show.

<img src="x" onerror="window.__xss = 'img'; fetch('/xss-beacon/img')">

<script>window.__xss = 'script'; fetch('/xss-beacon/script')</script>

<svg><animate onbegin="window.__xss = 'svg'" attributeName="x" dur="1s"></animate></svg>

<iframe srcdoc="<script>parent.__xss = 'srcdoc'</script>"></iframe>

[a link](javascript:window.__xss='link')
"""


@pytest.fixture
def planted_recap(news_index, django_user_model):
    """A recap the Contributor wrote and saved (a draft revision of theirs, as the editor's
    Save draft makes), its body a markdown block holding the payload."""
    from django.contrib.auth.models import Group

    create_groups(django.apps.apps)
    grant_section_permissions()
    contributor = django_user_model.objects.create_user("robin", password=PASSWORD)
    contributor.groups.add(Group.objects.get(name=CONTRIBUTORS))
    recap = RecapPage(title="Recap of day one", slug="recap-day-one", owner=contributor)
    news_index.add_child(instance=recap)
    recap.body = [("markdown", PAYLOAD)]
    recap.save_revision(user=contributor)
    django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
    return recap


def log_in(page, base, username):
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")


def test_markdown_preview_runs_no_script_from_the_content(
    browser_context, live_server, planted_recap
):
    page = browser_context()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, live_server.url, "root")
    page.goto(f"{live_server.url}/admin/pages/{planted_recap.pk}/edit/")
    editor = page.locator(".EasyMDEContainer").first
    editor.wait_for()
    # The payload is in the editor, so a preview that ran it would run it here.
    expect(editor.locator(".CodeMirror")).to_contain_text("onerror")

    editor.locator("button.preview").click()
    preview = editor.locator(".editor-preview-active")
    expect(preview.locator("h2")).to_have_text("Day one")
    expect(preview).to_contain_text("Plain words that must show.")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__xss") is None
    # What the preview holds is what the site publishes: no handler, script or frame.
    assert preview.locator("script, iframe, svg, [onerror], [onbegin]").count() == 0
    assert preview.locator("a[href^='javascript']").count() == 0

    editor.locator("button.preview").click()  # Back to the text, then side by side.
    editor.locator("button.side-by-side").click()
    side = editor.locator(".editor-preview-active-side")
    expect(side.locator("h2")).to_have_text("Day one")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__xss") is None
    assert side.locator("script, iframe, svg, [onerror], [onbegin]").count() == 0

    assert [url for url in requests if "xss-beacon" in url] == []
    assert dialogs == []
    # The server rendered it: the editor asked the admin's preview endpoint.
    assert any(url.endswith("/admin/markdown-preview/") for url in requests)


def test_the_preview_endpoint_is_for_admin_users_with_a_csrf_token(
    client, live_server, planted_recap, django_user_model
):
    """Anonymous visitors are sent to the login; a POST without the CSRF token is refused;
    a logged-in editor gets the site's sanitized HTML."""
    from django.test import Client

    anonymous = client.post("/admin/markdown-preview/", {"text": "# Hi"})
    assert anonymous.status_code == 302
    assert "/admin/login/" in anonymous.headers["Location"]

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(django_user_model.objects.get(username="root"))
    assert strict.post("/admin/markdown-preview/", {"text": "# Hi"}).status_code == 403

    client.force_login(django_user_model.objects.get(username="robin"))
    answer = client.post("/admin/markdown-preview/", {"text": PAYLOAD})
    assert answer.status_code == 200
    html = answer.json()["html"]
    assert "Plain words that must show." in html
    for forbidden in ("onerror", "<script", "onbegin", "<iframe", "javascript:"):
        assert forbidden not in html, forbidden
    assert client.get("/admin/markdown-preview/").status_code == 405
