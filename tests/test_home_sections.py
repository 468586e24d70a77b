"""What the home page and standard pages show from the edition itself: the keynotes, the next
deadline, the venue and the teams' emails; and a new edition's default navigation."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from editions.start import start_edition
from home.models import ConferenceSettings, NavigationSettings, StandardPage
from program.models import TalkPage
from tests.factories.program import make_program

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def conference_of(home):
    return ConferenceSettings.objects.get(site__root_page=home)


def keynote_titles(page):
    return [h.get_text(strip=True) for h in page.select(".keynotes .keynote__title")]


def test_the_home_page_shows_the_public_keynotes_with_their_presenters(client, home_page):
    program = make_program(home_page, talks=8)
    keynotes = [talk for talk in program.talks if talk.kind == "keynote"]
    assert [talk.title for talk in keynotes] == ["Talk 002", "Talk 007"]
    keynotes[1].unpublish()

    page = soup(client.get("/"))

    assert keynote_titles(page) == ["Talk 002"]
    keynote = page.select_one(".keynote")
    assert keynote.select_one("a")["href"] == "/schedule/talk-002/"
    names = [name.get_text(strip=True) for name in keynote.select(".person__name")]
    assert names == ["Presenter 002", "Presenter 001"]
    assert keynote.select("img")  # their photos


def test_no_keynote_means_no_keynotes_section(client, home_page):
    make_program(home_page, talks=2)
    assert soup(client.get("/")).select_one(".keynotes") is None


def home_queries(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured)


@pytest.mark.parametrize("talks", [5, 15, 40])
def test_the_keynotes_cost_the_same_queries_for_one_three_or_eight(client, home_page, talks):
    make_program(home_page, talks=talks)
    expected = {5: 1, 15: 3, 40: 8}[talks]
    assert TalkPage.objects.filter(kind="keynote").count() == expected
    home_queries(client)  # renditions are made on the first view
    assert home_queries(client) == HOME_QUERIES_WITH_KEYNOTES


# The home page's own (see tests/test_editions_query_counts.py, with the footer's sponsors)
# and the keynotes': the schedule page, its keynotes, their presenters, the photos and their
# renditions.
HOME_QUERIES_WITH_KEYNOTES = 16


def test_the_next_deadline_still_ahead_is_on_the_home_page(client, home_page):
    conference = conference_of(home_page)
    today = datetime.date.today()
    conference.cfp_deadline = today - datetime.timedelta(days=1)
    conference.grants_deadline = today + datetime.timedelta(days=10)
    conference.tickets_deadline = today + datetime.timedelta(days=40)
    conference.save()

    notice = soup(client.get("/")).select_one(".next-deadline")

    assert "Opportunity grant applications close" in notice.get_text(" ", strip=True)
    assert notice.select_one("time")["datetime"] == conference.grants_deadline.isoformat()


def test_no_deadline_ahead_means_no_notice(client, home_page):
    conference = conference_of(home_page)
    conference.cfp_deadline = datetime.date.today() - datetime.timedelta(days=1)
    conference.save()
    assert soup(client.get("/")).select_one(".next-deadline") is None


@pytest.fixture
def venue(home_page):
    conference = conference_of(home_page)
    conference.venue_name = "Riverside Hall"
    conference.venue_address = "1 River Road\nDurham, NC"
    conference.hotel_link = "https://hotel.example.org/rate/"
    conference.conduct_email = "conduct@example.org"
    conference.visa_email = "visas@example.org"
    conference.save()
    page = StandardPage(
        title="Venue",
        slug="venue",
        body=[
            ("venue_details", None),
            ("conduct_contact", None),
            ("contacts", None),
        ],
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_venue_block_shows_the_address_a_map_link_and_the_hotel(client, venue):
    page = soup(client.get("/venue/"))

    address = page.select_one(".venue-details address").get_text(" ", strip=True)
    assert address == "Riverside Hall 1 River Road Durham, NC"
    links = {a.get_text(strip=True): a["href"] for a in page.select(".venue-details a")}
    query = parse_qs(urlsplit(links["Open the address on a map"]).query)["query"]
    assert query == ["1 River Road\nDurham, NC"]
    assert links["Book the conference hotel"] == "https://hotel.example.org/rate/"


def test_the_conduct_and_contacts_blocks_show_the_editions_emails(client, venue):
    page = soup(client.get("/venue/"))

    conduct = page.select_one(".conduct-contact a")
    assert conduct["href"] == "mailto:conduct@example.org"
    contacts = dict(
        zip(
            [dt.get_text(strip=True) for dt in page.select(".contacts dt")],
            [dd.get_text(strip=True) for dd in page.select(".contacts dd")],
            strict=True,
        )
    )
    assert contacts == {
        "General questions": "team@example.org",
        "Code of conduct": "conduct@example.org",
        "Visa letters": "visas@example.org",
    }


def test_each_edition_shows_its_own_emails(client, venue, second_edition):
    other = conference_of(second_edition)
    other.conduct_email = "conduct-2026@example.org"
    other.save()
    copy = venue.copy(to=second_edition, keep_live=True, copy_revisions=False)
    assert copy.live

    page = soup(client.get("/venue/", headers={"host": "2026.example.org"}))

    assert page.select_one(".conduct-contact a")["href"] == "mailto:conduct-2026@example.org"


def test_a_new_edition_gets_links_to_its_sections(home_page):
    edition = start_edition(
        "2028.example.org", "Example 2028", datetime.date(2028, 9, 18), datetime.date(2028, 9, 20)
    )

    navigation = NavigationSettings.for_site(Site.objects.get(hostname="2028.example.org"))
    header = [
        (link.value["label"], link.value["page"].url_path) for link in navigation.primary_links
    ]
    root = edition.site.root_page.url_path
    assert header == [
        ("Schedule", root + "schedule/"),
        ("Presenters", root + "presenters/"),
        ("News", root + "news/"),
    ]
    assert any(line.startswith("link      header") for line in edition.report())
