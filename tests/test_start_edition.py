"""`manage.py start_edition`: an edition whole from the command line, or nothing at all."""

import io
import subprocess
import sys
from datetime import date
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from wagtail.models import Page, Revision, Site

from blog.models import BlogCategory, NewsIndexPage
from editions.navigation import copy_navigation, remap_links
from editions.rows import copy_rows
from editions.start import start_edition
from home.models import ConferenceSettings, HomePage, NavigationSettings, StandardPage
from program.models import PresenterIndexPage, ProgramPage, Room, Track
from tests.factories.program import make_program

pytestmark = pytest.mark.django_db

# The source's navigation, its linked pages' paths, the new tree's paths, the save (and the
# page cache's bookkeeping of the change): the same with any number of links.
NAVIGATION_COPY_QUERIES = 4
# Rooms, tracks and news categories: a read and one insert each, however many rows.
ROWS_COPY_QUERIES = 6


def start(*args):
    out = io.StringIO()
    call_command("start_edition", *args, stdout=out)
    return out.getvalue()


def counts():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        Site.objects.count(),
        ConferenceSettings.objects.count(),
    )


@pytest.fixture
def venue_2027(home_page):
    venue = StandardPage(title="Venue and travel", slug="venue", intro="Where it happens.")
    home_page.add_child(instance=venue)
    venue.save_revision().publish()
    conference = ConferenceSettings.objects.get(site__root_page=home_page)
    conference.hotel_link = "https://hotel.example.org/2027/"
    conference.save()
    return venue


def test_start_edition_from_another_makes_the_whole_edition(client, venue_2027):
    output = start(
        "2028.example.org",
        "--name=Test Conference 2028",
        "--start=2028-09-18",
        "--end=2028-09-20",
        "--from=localhost",
        "--time-zone=America/Chicago",
    )
    site = Site.objects.get(hostname="2028.example.org")
    home = site.root_page.specific
    assert isinstance(home, HomePage) and home.title == "Test Conference 2028"
    children = {page.slug: page.specific_class for page in home.get_children()}
    assert children == {
        "schedule": ProgramPage,
        "presenters": PresenterIndexPage,
        "news": NewsIndexPage,
        "venue": StandardPage,
    }
    conference = ConferenceSettings.for_site(site)
    assert (conference.name, str(conference.start_date), str(conference.end_date)) == (
        "Test Conference 2028",
        "2028-09-18",
        "2028-09-20",
    )
    assert (conference.time_zone, conference.phase) == ("America/Chicago", "upcoming")
    # Links come from 2027; the copy of the venue is 2028's own page.
    assert conference.hotel_link == "https://hotel.example.org/2027/"
    copy = StandardPage.objects.child_of(home).get(slug="venue")
    assert copy.pk != venue_2027.pk and copy.intro == "Where it happens."
    for path in ("/", "/schedule/", "/presenters/", "/news/", "/venue/"):
        response = client.get(path, HTTP_HOST="2028.example.org")
        assert response.status_code == 200, path
    assert "Test Conference 2028" in client.get("/", HTTP_HOST="2028.example.org").text
    # The 2027 edition is left as it was.
    assert ConferenceSettings.objects.get(site__hostname="localhost").name == "Test Conference 2027"
    for expected in ("2028.example.org:80", "/schedule/", "/news/", "/venue/", "America/Chicago"):
        assert expected in output


def test_a_taken_hostname_is_refused_and_nothing_is_written(home_page):
    before = counts()
    with pytest.raises(CommandError, match="The host name localhost is taken") as error:
        start("localhost", "--name=Again", "--start=2028-09-18", "--end=2028-09-20")
    assert "Nothing was written." in str(error.value)
    assert counts() == before


def test_backwards_dates_are_refused_and_nothing_is_written(home_page):
    before = counts()
    with pytest.raises(CommandError, match=r"would end \(2028-09-17\) before it starts"):
        start("2028.example.org", "--name=Backwards", "--start=2028-09-18", "--end=2028-09-17")
    assert counts() == before
    assert not Site.objects.filter(hostname="2028.example.org").exists()


def test_an_unknown_time_zone_is_refused_and_nothing_is_written(home_page):
    before = counts()
    with pytest.raises(CommandError, match="Mars/Olympus is not a time zone name"):
        start(
            "2028.example.org",
            "--name=Elsewhere",
            "--start=2028-09-18",
            "--end=2028-09-20",
            "--time-zone=Mars/Olympus",
        )
    assert counts() == before


def test_the_command_exits_non_zero_with_its_message(home_page, tmp_path):
    """Run as a process, as an operator would: the refusal is on stderr, the status is 1."""
    env = {
        "DJANGO_SETTINGS_MODULE": "site_config.settings.test",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{connection.settings_dict['NAME']}",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "start_edition",
            "2028.example.org",
            "--name=X",
            "--start=2028-09-18",
            "--end=2028-09-01",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "before it starts" in result.stderr and "Nothing was written." in result.stderr


# --- What an edition copies from the one it starts from ---------------------------------


def link(label, *, page=None, url=""):
    return {
        "type": "link",
        "value": {"label": label, "page": page.pk if page else None, "url": url},
    }


@pytest.fixture
def navigation_2027(venue_2027, home_page, second_edition):
    """2027's header and footer: its own pages, a talk, an address, another edition's home."""
    program = make_program(home_page, talks=1, photos=False, items=False)
    travel = StandardPage(title="Travel", slug="travel")
    venue_2027.add_child(instance=travel)
    navigation = NavigationSettings.for_site(Site.objects.get(hostname="localhost"))
    navigation.primary_links = [
        link("Home", page=home_page),
        link("Schedule", page=program.program),
        link("Keynote", page=program.talks[0]),
        link("Tickets", url="{{ site.ticket_link }}"),
    ]
    navigation.footer_links = [
        link("Travel", page=travel),
        link("Last year", page=second_edition),
        link("Code of conduct", url="/code-of-conduct/"),
    ]
    navigation.save()
    return SimpleNamespace(navigation=navigation, program=program, travel=travel)


def links_of(stream):
    """(label, page path or None, url) of each link of a navigation field."""
    rows = []
    for block in stream:
        page = block.value["page"]
        rows.append((block.value["label"], page.url_path if page else None, block.value["url"]))
    return rows


def test_the_navigation_leads_to_the_new_editions_own_pages(navigation_2027, second_edition):
    output = start(
        "2028.example.org",
        "--name=Test Conference 2028",
        "--start=2028-09-18",
        "--end=2028-09-20",
        "--from=localhost",
    )
    site = Site.objects.get(hostname="2028.example.org")
    root = site.root_page.url_path
    navigation = NavigationSettings.objects.get(site=site)
    assert links_of(navigation.primary_links) == [
        ("Home", root, ""),
        ("Schedule", root + "schedule/", ""),
        ("Tickets", None, "{{ site.ticket_link }}"),
    ]
    assert links_of(navigation.footer_links) == [
        ("Travel", root + "venue/travel/", ""),
        ("Last year", second_edition.url_path, ""),
        ("Code of conduct", None, "/code-of-conduct/"),
    ]
    # Every page link is one of 2028's but the one to another edition, left as it was.
    linked = [b.value["page"] for b in [*navigation.primary_links, *navigation.footer_links]]
    assert [p.get_site().hostname for p in linked if p] == ["2028.example.org"] * 3 + [
        "2026.example.org"
    ]
    for line in (
        'link      header "Schedule" -> /schedule/',
        'link      footer "Travel" -> /venue/travel/',
        'link      header "Tickets" -> {{ site.ticket_link }}',
        'dropped   header "Keynote": /schedule/talk-000/ is not in the new edition',
    ):
        assert line in output
    # The header renders with 2028's addresses.
    html = Client().get("/", HTTP_HOST="2028.example.org").content.decode()
    header = BeautifulSoup(html, "html.parser").select_one("header nav")
    hrefs = [a["href"] for a in header.select("a")]
    assert "/schedule/" in hrefs and "https://tickets.example.org/2027/" in hrefs
    # 2027's navigation is left as it was.
    before = NavigationSettings.objects.get(site__hostname="localhost")
    assert [b.value["label"] for b in before.primary_links] == [
        "Home",
        "Schedule",
        "Keynote",
        "Tickets",
    ]


def test_links_to_pages_not_copied_are_dropped_and_addresses_stay():
    """The remapping alone, on stream data: no database."""
    source_root = SimpleNamespace(url_path="/home/")
    items = [
        link("Venue", page=SimpleNamespace(pk=1)),
        link("A talk", page=SimpleNamespace(pk=2)),
        link("Gone", page=SimpleNamespace(pk=3)),
        link("Elsewhere", page=SimpleNamespace(pk=4)),
        link("Tickets", url="https://tickets.example.org/"),
    ]
    page_paths = {1: "/home/venue/", 2: "/home/schedule/a-talk/", 4: "/home-2026/"}
    new_pages = {"/": 10, "/venue/": 11, "/schedule/": 12}
    copied_items, report = remap_links(items, "footer", source_root, page_paths, new_pages)
    assert [(i["value"]["label"], i["value"]["page"]) for i in copied_items] == [
        ("Venue", 11),
        ("Elsewhere", 4),
        ("Tickets", None),
    ]
    assert all("id" not in item for item in copied_items)
    assert [(c.label, c.target, c.dropped) for c in report] == [
        ("Venue", "/venue/", False),
        ("A talk", "/schedule/a-talk/", True),
        ("Gone", "its page (deleted)", True),
        ("Elsewhere", "/home-2026/ (another edition's page)", False),
        ("Tickets", "https://tickets.example.org/", False),
    ]


@pytest.mark.parametrize("count", [1, 3, 12])
def test_copying_the_navigation_takes_as_many_queries_for_any_number_of_links(
    home_page, count, django_assert_num_queries
):
    pages = []
    for number in range(count):
        page = StandardPage(title=f"Page {number}", slug=f"page-{number}")
        home_page.add_child(instance=page)
        pages.append(page)
    source = Site.objects.get(hostname="localhost")
    navigation = NavigationSettings.for_site(source)
    navigation.primary_links = [link(page.title, page=page) for page in pages]
    navigation.footer_links = [
        link(f"Away {n}", url=f"https://example.org/{n}") for n in range(count)
    ]
    navigation.save()
    edition = start_edition("2028.example.org", "2028", None, None, copy_from="localhost")
    NavigationSettings.objects.filter(site=edition.site).delete()
    source = Site.objects.select_related("root_page").get(hostname="localhost")
    site = Site.objects.select_related("root_page").get(pk=edition.site.pk)
    with django_assert_num_queries(NAVIGATION_COPY_QUERIES):
        report = copy_navigation(source, site)
    assert len(report) == 2 * count and not any(c.dropped for c in report)


def test_the_new_edition_gets_rooms_tracks_and_categories_of_its_own(home_page, second_edition):
    make_program(home_page, talks=1, photos=False, items=False)
    source = Site.objects.get(hostname="localhost")
    BlogCategory.objects.create(site=source, name="Community", slug="community")
    # Another edition's rows stay out of it.
    elsewhere = Site.objects.get(hostname="2026.example.org")
    Room.objects.create(site=elsewhere, name="Hall 2026", slug="hall")
    output = start(
        "2028.example.org",
        "--name=Test Conference 2028",
        "--start=2028-09-18",
        "--end=2028-09-20",
        "--from=localhost",
    )
    site = Site.objects.get(hostname="2028.example.org")
    for model, names in (
        (Room, ["Room A", "Room B", "Room C"]),
        (Track, ["Web", "Data"]),
        (BlogCategory, ["Community"]),
    ):
        copies = list(model.objects.for_site(site))
        originals = list(model.objects.for_site(source))
        assert [row.name for row in copies] == names == [row.name for row in originals]
        assert not {row.pk for row in copies} & {row.pk for row in originals}
    web_2028 = Track.objects.for_site(site).get(slug="web")
    assert web_2028.colour == "#1d5fbf"
    # Its own rows: a change to 2028's room leaves 2027's as it was.
    Room.objects.for_site(site).filter(slug="room-a").update(name="Main hall", capacity=400)
    room_2027 = Room.objects.for_site(source).get(slug="room-a")
    assert (room_2027.name, room_2027.capacity) == ("Room A", None)
    for line in ("room      Room A", "track     Data", "category  Community"):
        assert line in output
    assert "Hall 2026" not in output


@pytest.mark.parametrize("count", [1, 3, 10])
def test_copying_the_rows_takes_as_many_queries_for_any_number_of_them(
    home_page, count, django_assert_num_queries
):
    source = Site.objects.get(hostname="localhost")
    for number in range(count):
        Room.objects.create(site=source, name=f"Room {number}", slug=f"room-{number}")
        Track.objects.create(site=source, name=f"Track {number}", slug=f"track-{number}")
        BlogCategory.objects.create(site=source, name=f"Kind {number}", slug=f"kind-{number}")
    site = start_edition("2028.example.org", "2028", None, None).site
    with django_assert_num_queries(ROWS_COPY_QUERIES):
        copied = copy_rows(source, site)
    assert len(copied) == 3 * count
    assert Room.objects.for_site(site).count() == count


def test_a_new_edition_keeps_the_look_and_contacts_but_not_the_days_or_deadlines(home_page):
    conference = ConferenceSettings.objects.get(site__root_page=home_page)
    conference.start_date, conference.end_date = date(2027, 9, 20), date(2027, 9, 22)
    conference.sprint_start_date, conference.sprint_end_date = date(2027, 9, 23), date(2027, 9, 24)
    conference.cfp_deadline = date(2027, 4, 1)
    conference.conduct_email, conference.accent_colour = "conduct@example.org", "#0b5d3b"
    conference.full_clean(exclude=["site"])
    conference.save()
    source = Site.objects.get(root_page=home_page).hostname

    edition = start_edition(
        "2028.example.org", "Example 2028", date(2028, 9, 18), date(2028, 9, 20), copy_from=source
    )

    copied = edition.conference
    assert (copied.conduct_email, copied.accent_colour) == ("conduct@example.org", "#0b5d3b")
    assert (copied.sprint_start_date, copied.sprint_end_date, copied.cfp_deadline) == (
        None,
        None,
        None,
    )
