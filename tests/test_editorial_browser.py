"""The editors' workflow end to end, in the real Wagtail admin driven by Debian's Chromium.

A member of the communication team logs in through the login form, writes an announcement
with a body and a cover image uploaded in the chooser, schedules it two minutes ahead and
publishes it. It is listed on the dashboard as scheduled and nobody else can see it; once the
clock has moved past its time and the scheduler has run, it is on /news/ and in the feed.
Then a typo is fixed after publishing, and a bad edit is rolled back to an earlier revision.

The screenshots of docs/editors.md are taken here, at each step (docs/img/*.png)."""

import datetime
import io
import re
import zoneinfo
from pathlib import Path

import django.apps
import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect
from wagtail.models import Collection, Revision
from wagtail.users.models import UserProfile

from blog.models import AnnouncementPage
from editorial.roles import COMMUNICATION_TEAM, create_groups
from editorial.sections import grant_section_permissions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCS_IMG = Path(__file__).resolve().parent.parent / "docs" / "img"
SCREENSHOT_LIMIT = 150 * 1024
EDITION_ZONE = zoneinfo.ZoneInfo("America/New_York")  # the conftest edition's time zone
PASSWORD = "a-long-enough-password"

TITLE = "Tickets go on sale at 10:00"
BODY = "Tickets for all three days go on sale at 10:00. Early-bird prices last a week."
ALT = "The registration desk, with a short queue of people holding their badges"


def screenshot(page, name):
    """The viewport (1280 px wide) as a small PNG in docs/img: 256 colours, optimised."""
    raw = Image.open(io.BytesIO(page.screenshot(animations="disabled")))
    assert raw.width == 1280, raw.size
    small = raw.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    DOCS_IMG.mkdir(parents=True, exist_ok=True)
    path = DOCS_IMG / f"{name}.png"
    small.save(path, optimize=True)
    assert path.stat().st_size < SCREENSHOT_LIMIT, (path, path.stat().st_size)
    return path


def jpeg_bytes():
    """A small JPEG made with Pillow: 800 x 450 px, a blue-to-orange gradient."""
    ramp = Image.linear_gradient("L").rotate(90).resize((800, 450))
    image = Image.merge(
        "RGB", (ramp, Image.new("L", ramp.size, 110), ramp.point(lambda v: 255 - v))
    )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


@pytest.fixture
def newsroom(live_server, news_index, django_user_model):
    """The edition with its news, the groups (flushed by transactional tests) and a member of
    the communication team, in that group only, who never set a time zone on their account."""
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    create_groups(django.apps.apps)
    grant_section_permissions()
    user = django_user_model.objects.create_user(
        "casey", email="casey@example.org", password=PASSWORD, first_name="Casey"
    )
    user.groups.add(Group.objects.get(name=COMMUNICATION_TEAM))
    # No zone of their own: the admin follows the edition's (editorial.middleware).
    assert UserProfile.get_for_user(user).current_time_zone == ""
    assert list(user.groups.values_list("name", flat=True)) == [COMMUNICATION_TEAM]
    assert not user.is_staff and not user.is_superuser
    return news_index


def log_in(page, base, *, shot=None):
    page.goto(base + "/admin/")
    expect(page).to_have_url(base + "/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("casey")
    page.get_by_label("Password").fill(PASSWORD)
    if shot:
        screenshot(page, shot)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Scheduled to go live")).to_be_visible()


def close_date_picker(dialog):
    """The calendar pops up over the dialog's buttons; clicking the heading closes it."""
    picker = dialog.page.locator(".xdsoft_datetimepicker").filter(visible=True)
    expect(picker).to_have_count(1)
    dialog.get_by_role("heading", name="Set publishing schedule").click()
    expect(picker).to_have_count(0)


def publish_from_menu(page, action="Publish"):
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=action, exact=True).click()


def test_an_announcement_written_and_scheduled_in_the_admin_goes_live_on_time(
    live_server, browser_context, newsroom
):
    base = live_server.url
    page = browser_context(width=1280, height=900)

    # 1. Log in through the admin's login form.
    log_in(page, base, shot="login")

    # 2. Pages > News > Add child page > Announcement.
    page.goto(f"{base}/admin/pages/{newsroom.pk}/")
    page.get_by_role("link", name="Add child page").first.click()
    page.get_by_role("link", name="Announcement", exact=True).click()
    expect(page).to_have_url(f"{base}/admin/pages/add/blog/announcementpage/{newsroom.pk}/")
    page.get_by_role("textbox", name="Title*").fill(TITLE)

    # The body: a rich-text paragraph block, typed into Draftail.
    page.get_by_title("Insert a block").first.click()
    page.get_by_role("option", name="Paragraph").click()
    editor = page.get_by_role("region", name="Body").locator("[contenteditable=true]")
    editor.click()
    page.keyboard.type(BODY)
    expect(editor).to_contain_text(BODY)

    # 3. The cover image, uploaded in the chooser, and its alt text.
    page.get_by_role("button", name="Choose an image").click()
    chooser = page.get_by_role("dialog").filter(has_text="Choose an image")
    expect(chooser.get_by_role("tab", name="Upload")).to_be_visible()
    chooser.get_by_role("tab", name="Upload").click()
    chooser.get_by_label("File*").set_input_files(
        {"name": "registration-desk.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}
    )
    chooser.get_by_role("textbox", name="Title*").fill("Registration desk")
    screenshot(page, "image-upload")
    chooser.get_by_role("button", name="Upload").click()
    expect(chooser).to_be_hidden()
    expect(page.locator(".modal-backdrop")).to_have_count(0)
    cover = page.get_by_role("region", name="Cover")
    expect(cover.get_by_text("Registration desk")).to_be_visible()
    page.get_by_role("textbox", name="Cover image alt text").fill(ALT)
    page.get_by_role("textbox", name="Title*").evaluate("el => el.scrollIntoView()")
    screenshot(page, "add-announcement")
    page.get_by_role("heading", name="Cover", exact=True).evaluate("el => el.scrollIntoView()")
    screenshot(page, "add-cover-and-body")

    # 4. Schedule it two minutes ahead (whole minutes, in the edition's time zone).
    now = timezone.now()
    go_live = (now + datetime.timedelta(minutes=3)).replace(second=0, microsecond=0)
    local = go_live.astimezone(EDITION_ZONE)
    page.get_by_role("button", name="Toggle status").click()
    page.get_by_role("button", name="Set schedule").click()
    dialog = page.get_by_role("dialog", name="Set publishing schedule")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Go live date/time").fill(local.strftime("%Y-%m-%d %H:%M"))
    close_date_picker(dialog)
    screenshot(page, "schedule-dialog")
    dialog.get_by_role("button", name="Save schedule").click()
    # The form is saved as a draft (autosave may have created the page already).
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/"))
    expect(page.get_by_text("Once scheduled")).to_be_visible()

    # With a go-live time set, the publish action becomes "Schedule to publish".
    publish_from_menu(page, "Schedule to publish")
    expect(page.get_by_text(f"Page '{TITLE}' has been scheduled for publishing.")).to_be_visible()

    post = AnnouncementPage.objects.get(title=TITLE)
    assert post.go_live_at == go_live
    assert go_live - now >= datetime.timedelta(minutes=2)
    assert not post.live and post.has_unpublished_changes
    revision = post.latest_revision
    assert revision.approved_go_live_at == go_live
    assert revision.user.username == "casey"
    assert post.body[0].block_type == "paragraph" and BODY in post.body[0].value.source
    assert post.cover_image.title == "Registration desk" and post.cover_alt == ALT

    # 5. The dashboard lists it as scheduled, at its time in the edition's zone.
    page.goto(base + "/admin/")
    scheduled = page.get_by_role("region", name="Scheduled to go live")
    row = scheduled.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(local.strftime("%H:%M"))
    expect(row).to_contain_text(local.tzname())
    expect(row).to_contain_text("Casey")
    screenshot(page, "dashboard-scheduled")

    # 6. Anonymous visitors see nothing of it: not the page, the news index or the feed.
    visitor = browser_context(width=1280, height=900)
    url = f"{base}/news/{post.slug}/"
    assert visitor.goto(url).status == 404
    assert visitor.goto(base + "/news/").status == 200
    expect(visitor.locator("main")).not_to_contain_text(TITLE)
    feed = visitor.request.get(base + "/news/rss/")
    assert feed.status == 200 and "<rss" in feed.text() and TITLE not in feed.text()
    assert visitor.request.get(f"{base}/admin/pages/{post.pk}/view_draft/").url.startswith(
        base + "/admin/login/"
    )

    # 7. The clock moves past the go-live time and the scheduler runs once.
    with time_machine.travel(go_live + datetime.timedelta(seconds=20), tick=True):
        call_command("run_scheduler", "--once")
        post.refresh_from_db()
        assert post.live and not post.has_unpublished_changes
        assert visitor.goto(url).status == 200
        expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
        expect(visitor.locator("main")).to_contain_text(BODY)
        expect(visitor.get_by_role("img", name=ALT)).to_be_visible()
        screenshot(visitor, "live-post")
        visitor.goto(base + "/news/")
        expect(visitor.locator("main").get_by_role("link", name=TITLE)).to_be_visible()
        feed = visitor.request.get(base + "/news/rss/").text()
        assert f"<title>{TITLE}</title>" in feed and url in feed
        # The dashboard no longer lists it as scheduled but as recently published.
        page.goto(base + "/admin/")
        expect(page.get_by_role("region", name="Scheduled to go live")).not_to_contain_text(TITLE)
        expect(page.get_by_role("region", name="Recently published")).to_contain_text(TITLE)


def review_revision_with_title(page, base, post, title):
    """History > the row of the revision with that title > "Review this version"."""
    wanted = (
        Revision.page_revisions.filter(object_id=str(post.pk), content__title=title)
        .order_by("-created_at", "-pk")
        .first()
    )
    assert wanted is not None, title
    page.goto(f"{base}/admin/pages/{post.pk}/history/")
    link = page.locator(f"a[href$='/revisions/{wanted.pk}/revert/']")
    for toggle in page.get_by_role("table").get_by_role("button", name="Actions").all():
        toggle.click()
        if link.is_visible():
            break
        page.keyboard.press("Escape")
    expect(link).to_be_visible()
    expect(link).to_have_text("Review this version")
    return link


def test_fix_a_typo_after_publishing_and_roll_back_to_an_earlier_revision(
    live_server, browser_context, newsroom, make_post
):
    base = live_server.url
    typo = "Tickets go on sale tommorow at 10:00"
    fixed = "Tickets go on sale tomorrow at 10:00"
    post = make_post(typo, slug="tickets-on-sale", excerpt="Early birds welcome.")
    url = f"{base}/news/{post.slug}/"
    page = browser_context(width=1280, height=900)
    visitor = browser_context(width=1280, height=900)
    log_in(page, base)

    # Fix a typo: open the page, correct the title, publish again.
    page.goto(f"{base}/admin/pages/{post.pk}/edit/")
    page.get_by_role("textbox", name="Title*").fill(fixed)
    page.get_by_role("button", name="More actions").click()
    expect(page.get_by_role("button", name="Publish", exact=True)).to_be_visible()
    screenshot(page, "fix-typo")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text(f"Page '{fixed}' has been published.")).to_be_visible()
    assert visitor.goto(url).status == 200
    expect(visitor.get_by_role("heading", level=1)).to_have_text(fixed)

    # Someone changes the title by mistake and publishes it.
    wrong = "Tickets are sold out"
    page.goto(f"{base}/admin/pages/{post.pk}/edit/")
    page.get_by_role("textbox", name="Title*").fill(wrong)
    publish_from_menu(page)
    expect(page.get_by_text(f"Page '{wrong}' has been published.")).to_be_visible()
    visitor.goto(url)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(wrong)

    # Roll back: History > the earlier version > Review this version > Publish this version.
    link = review_revision_with_title(page, base, post, fixed)
    screenshot(page, "history")
    link.click()
    expect(page.get_by_text("You are viewing a previous version of this page")).to_be_visible()
    expect(page.get_by_role("textbox", name="Title*")).to_have_value(fixed)
    page.get_by_role("button", name="More actions").click()
    expect(page.get_by_role("button", name="Publish this version")).to_be_visible()
    screenshot(page, "roll-back")
    page.get_by_role("button", name="Publish this version").click()
    expect(page.get_by_text(f"Page '{fixed}' has been published.")).to_be_visible()

    post.refresh_from_db()
    assert post.title == fixed and post.live and not post.has_unpublished_changes
    visitor.goto(url)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(fixed)
