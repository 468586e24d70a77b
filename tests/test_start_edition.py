"""`manage.py start_edition`: an edition whole from the command line, or nothing at all."""

import io
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.models import Page, Revision, Site

from blog.models import NewsIndexPage
from home.models import ConferenceSettings, HomePage, StandardPage
from program.models import PresenterIndexPage, ProgramPage

pytestmark = pytest.mark.django_db


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
