"""Starting the next edition from the admin, in Debian's Chromium (issue 17, acceptance 1).

An Editor logs in, opens Settings > Editions, starts "2028" from the 2027 edition with what the
form proposes, and the new edition answers on its own host name (Chromium sends *.localhost
to loopback, where the live server listens): its home page, schedule, presenters and news,
with its name and dates, and rooms and tracks of its own. The screenshot of docs/editors.md is
taken here."""

import datetime
import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import django.apps
import pytest
from django.contrib.auth.models import Group
from PIL import Image
from playwright.sync_api import expect
from wagtail.models import Collection, Page, Site

from editorial.roles import EDITORS, create_groups
from editorial.sections import grant_section_permissions
from home.models import ConferenceSettings, NavigationSettings, Phase, StandardPage
from program.models import Room, Track
from tests.factories.editions import make_edition
from tests.factories.program import make_program

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCS_IMG = Path(__file__).resolve().parent.parent / "docs" / "img"
SCREENSHOT_LIMIT = 150 * 1024
PASSWORD = "a-long-enough-password"


def screenshot(page, name):
    """The viewport (1280 px wide) as a small PNG in docs/img: 256 colours, optimised."""
    raw = Image.open(io.BytesIO(page.screenshot(animations="disabled")))
    small = raw.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    path = DOCS_IMG / f"{name}.png"
    small.save(path, optimize=True)
    assert path.stat().st_size < SCREENSHOT_LIMIT, (path, path.stat().st_size)


CSP_LISTENER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


def watch_csp(page):
    """Console lines about the Content Security Policy, collected as they come."""
    lines = []
    page.add_init_script(CSP_LISTENER)
    page.on(
        "console",
        lambda message: (
            lines.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return lines


def violations(page, console):
    return console + page.evaluate("window.__csp || []")


@pytest.fixture
def edition_2027(live_server, root_page, django_user_model):
    """The 2027 edition on 2027.localhost (the default site) with a venue page, a program and
    header links; the groups (flushed by transactional tests) and an Editor."""
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    Site.objects.all().delete()
    Page.objects.child_of(root_page).delete()
    create_groups(django.apps.apps)
    home = make_edition(
        root_page,
        hostname="2027.localhost",
        name="DjangoCon US 2027",
        ticket_link="https://tickets.example.org/2027/",
        slug="home",
        default=True,
    )
    program = make_program(home, talks=2, photos=False)
    venue = StandardPage(title="Venue", slug="venue", intro="Where it happens.")
    home.add_child(instance=venue)
    venue.save_revision().publish()
    navigation = NavigationSettings.for_site(Site.objects.get(hostname="2027.localhost"))
    navigation.primary_links = [
        {"type": "link", "value": {"label": "Schedule", "page": program.program.pk, "url": ""}},
        {"type": "link", "value": {"label": "Venue", "page": venue.pk, "url": ""}},
    ]
    navigation.save()
    archived = make_edition(
        root_page,
        hostname="2026.localhost",
        name="DjangoCon US 2026",
        ticket_link="https://tickets.example.org/2026/",
        slug="home-2026",
        start=datetime.date(2026, 9, 14),
        end=datetime.date(2026, 9, 16),
    )
    ConferenceSettings.objects.filter(site__root_page=archived).update(phase=Phase.ARCHIVED)
    grant_section_permissions()
    user = django_user_model.objects.create_user("erin", password=PASSWORD)
    user.groups.add(Group.objects.get(name=EDITORS))
    return home


def test_an_editor_starts_2028_from_2027_and_it_answers_on_its_own_host(
    live_server, browser_context, edition_2027
):
    base = live_server.url
    port = urlsplit(base).port
    page = browser_context(width=1280, height=900)
    console = watch_csp(page)
    page.goto(base + "/admin/login/")
    page.get_by_label("Username").fill("erin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # Settings > Editions.
    page.get_by_role("button", name="Settings").click()
    page.get_by_role("link", name="Editions").click()
    expect(page).to_have_url(base + "/admin/editions/")
    row = page.get_by_role("row").filter(has_text="DjangoCon US 2027")
    expect(row).to_contain_text("2027.localhost")
    expect(row).to_contain_text("20 Sep 2027 – 22 Sep 2027")

    # Start a new edition: the form proposes 2027 a year on.
    page.get_by_role("link", name="Start a new edition").click()
    expect(page.get_by_label("Copy from")).to_have_value("2027.localhost")
    expect(page.get_by_role("textbox", name="Name*", exact=True)).to_have_value("DjangoCon US 2028")
    expect(page.get_by_label("Host name")).to_have_value("2028.localhost")
    expect(page.get_by_label("First day")).to_have_value("2028-09-20")
    expect(page.get_by_label("Last day")).to_have_value("2028-09-22")
    expect(page.get_by_label("Time zone")).to_have_value("America/New_York")
    screenshot(page, "start-edition")
    # Another edition to copy from: the form follows it, but for what the editor typed.
    page.get_by_label("Copy from").select_option("2026.localhost")
    expect(page.get_by_role("textbox", name="Name*", exact=True)).to_have_value("DjangoCon US 2027")
    expect(page.get_by_label("First day")).to_have_value("2027-09-14")
    page.get_by_label("Last day").fill("2027-09-17")
    page.get_by_label("Copy from").select_option("2027.localhost")
    expect(page.get_by_role("textbox", name="Name*", exact=True)).to_have_value("DjangoCon US 2028")
    expect(page.get_by_label("Host name")).to_have_value("2028.localhost")
    expect(page.get_by_label("Last day")).to_have_value("2027-09-17")
    page.get_by_label("Last day").fill("2028-09-22")
    assert violations(page, console) == []
    page.get_by_role("button", name="Start the edition").click()

    expect(page).to_have_url(base + "/admin/editions/")
    expect(page.locator(".messages")).to_contain_text("Started DjangoCon US 2028 at 2028.localhost")
    expect(page.get_by_role("row").filter(has_text="DjangoCon US 2028")).to_contain_text(
        "20 Sep 2028 – 22 Sep 2028"
    )

    # The new edition on its own host name.
    site = f"http://2028.localhost:{port}"
    visitor = browser_context(width=1280, height=900)
    assert visitor.goto(site + "/").status == 200
    expect(visitor.locator("h1")).to_have_text("DjangoCon US 2028")
    expect(visitor.locator(".hero__when")).to_contain_text("September 20–September 22, 2028")
    for path in ("/schedule/", "/presenters/", "/news/", "/venue/"):
        assert visitor.goto(site + path).status == 200, path
        expect(visitor.locator(".site-name")).to_have_text("DjangoCon US 2028")
        expect(visitor).to_have_title(re.compile(r" · DjangoCon US 2028$"))
    visitor.goto(site + "/schedule/")
    expect(visitor.locator(".schedule-zone")).to_contain_text("America/New_York")
    # Its header leads to its own pages; 2027's talks are not in it.
    visitor.goto(site + "/")
    header = visitor.locator(".site-header nav")
    expect(header.get_by_role("link", name="Schedule")).to_have_attribute("href", "/schedule/")
    visitor.goto(site + "/schedule/")
    expect(visitor.locator("main")).not_to_contain_text("Talk 000")

    conference = ConferenceSettings.objects.get(site__hostname="2028.localhost")
    assert (conference.start_date, conference.end_date) == (
        datetime.date(2028, 9, 20),
        datetime.date(2028, 9, 22),
    )

    # 2028's rooms and tracks are rows of its own: renaming its Room A in the admin leaves
    # 2027's as it was.
    site_2028, site_2027 = conference.site, Site.objects.get(hostname="2027.localhost")
    for model in (Room, Track):
        copies = list(model.objects.for_site(site_2028).values_list("pk", "name"))
        originals = list(model.objects.for_site(site_2027).values_list("pk", "name"))
        assert [name for _, name in copies] == [name for _, name in originals] != []
        assert not {pk for pk, _ in copies} & {pk for pk, _ in originals}
    room = Room.objects.for_site(site_2028).get(slug="room-a")
    page.goto(f"{base}/admin/snippets/program/room/edit/{room.pk}/")
    page.get_by_role("textbox", name="Name*", exact=True).fill("Main hall")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("Main hall")
    assert Room.objects.get(pk=room.pk).name == "Main hall"
    assert Room.objects.for_site(site_2027).get(slug="room-a").name == "Room A"
    visitor.goto(f"{base}/schedule/")
    expect(visitor.locator("main")).to_contain_text("Room A")
    expect(visitor.locator("main")).not_to_contain_text("Main hall")
