"""The admin's Editions: the listing, the "Start a new edition" form and who may use them; what
the form proposes; and that every team has its part of a new edition's tree."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from wagtail.models import Page, Revision, Site
from wagtail.test.utils.form_data import nested_form_data, streamfield

from blog.models import AnnouncementPage, NewsIndexPage
from editions.proposal import next_edition, one_year_later
from editions.start import start_edition
from editorial.roles import COMMUNICATION_TEAM, EDITORS, PROGRAM_TEAM
from home.models import ConferenceSettings, Phase
from program.models import ProgramPage
from tests.factories.editions import make_edition
from tests.factories.program import make_program

pytestmark = pytest.mark.django_db

EDITIONS_URL = "/admin/editions/"
START_URL = "/admin/editions/start/"


def member_of(django_user_model, group_name, username):
    user = django_user_model.objects.create_user(username, password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(member_of(django_user_model, EDITORS, "editor"))
    return client


@pytest.fixture
def communication(client, django_user_model):
    client.force_login(member_of(django_user_model, COMMUNICATION_TEAM, "comms"))
    return client


@pytest.fixture
def edition_2026(home_page, root_page):
    """An archived edition whose name and host name carry its year (the 2027 one is
    `localhost`, the default site, and upcoming)."""
    home = make_edition(
        root_page,
        hostname="2026.example.org",
        name="Test Conference 2026",
        ticket_link="https://tickets.example.org/2026/",
        slug="home-2026",
        start=datetime.date(2026, 9, 14),
        end=datetime.date(2026, 9, 16),
    )
    ConferenceSettings.objects.filter(site__root_page=home).update(phase=Phase.ARCHIVED)
    return home


def counts():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        Site.objects.count(),
        ConferenceSettings.objects.count(),
    )


def denied(response):
    """Wagtail answers a refused admin view with 403, or a redirect to the dashboard with a
    "permission denied" message."""
    if response.status_code == 403:
        return True
    if response.status_code == 302:
        messages = [str(m) for m in response.wsgi_request._messages]
        return any("permission" in m.lower() for m in messages)
    return False


def form_values(html):
    """The form's fields: input values, the selected option of each select."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.select_one("form#w-editor-form")
    values = {field["name"]: field.get("value", "") for field in form.select("input[name]")}
    for select in form.select("select[name]"):
        chosen = select.select_one("option[selected]")
        values[select["name"]] = chosen["value"] if chosen else None
    values.pop("csrfmiddlewaretoken")
    return values


def field_errors(html):
    """The error messages shown beside each field, by field name."""
    soup = BeautifulSoup(html, "html.parser")
    errors = {}
    for wrapper in soup.select("[data-field-wrapper]"):
        control = wrapper.select_one("[name]")
        messages = [e.get_text(" ", strip=True) for e in wrapper.select(".error-message")]
        if control is not None and messages:
            errors[control["name"]] = " ".join(messages)
    return errors


def valid_form(**changes):
    return {
        "copy_from": "localhost",
        "name": "Test Conference 2028",
        "hostname": "2028.example.org",
        "start": "2028-09-18",
        "end": "2028-09-20",
        "time_zone": "America/Chicago",
        **changes,
    }


# --- The listing --------------------------------------------------------------------------


def test_an_editor_sees_every_edition_with_its_address_dates_phase_and_settings(
    editor, edition_2026
):
    html = editor.get("/admin/").content.decode()
    assert EDITIONS_URL in html  # the Settings menu's item
    response = editor.get(EDITIONS_URL)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    rows = []
    for row in soup.select("table tbody tr"):
        cells = row.select("td")
        rows.append(
            {
                "name": cells[0].select_one(".title-wrapper a").get_text(strip=True),
                "buttons": {a.get_text(strip=True): a["href"] for a in cells[0].select("ul a")},
                "address": (cells[1].a.get_text(strip=True), cells[1].a["href"]),
                "dates": cells[2].get_text(strip=True),
                "phase": cells[3].get_text(strip=True),
            }
        )
    site_2027 = Site.objects.get(hostname="localhost")
    site_2026 = Site.objects.get(hostname="2026.example.org")
    assert rows == [
        {
            "name": "Test Conference 2027",
            "buttons": {
                "Conference settings": f"/admin/settings/home/conferencesettings/{site_2027.pk}/",
                "Start the next edition from it": f"{START_URL}?copy_from=localhost",
            },
            "address": ("localhost", "http://localhost/"),
            "dates": "20 Sep 2027 – 22 Sep 2027",
            "phase": "Upcoming",
        },
        {
            "name": "Test Conference 2026",
            "buttons": {
                "Conference settings": f"/admin/settings/home/conferencesettings/{site_2026.pk}/",
                "Start the next edition from it": f"{START_URL}?copy_from=2026.example.org",
            },
            "address": ("2026.example.org", "http://2026.example.org/"),
            "dates": "14 Sep 2026 – 16 Sep 2026",
            "phase": "Archived",
        },
    ]
    start_button = soup.select_one(f'a[href="{START_URL}"]')
    assert start_button.get_text(strip=True) == "Start a new edition"


@pytest.mark.parametrize("count", [1, 3, 10])
def test_the_listing_takes_as_many_queries_for_any_number_of_editions(
    editor, home_page, root_page, count, django_assert_num_queries
):
    for year in range(2027 - count + 1, 2027):
        make_edition(
            root_page,
            hostname=f"{year}.example.org",
            name=f"Test Conference {year}",
            ticket_link="",
            slug=f"home-{year}",
            start=datetime.date(year, 9, 1),
            end=datetime.date(year, 9, 3),
        )
    assert editor.get(EDITIONS_URL).status_code == 200  # warms the session and menu caches
    with django_assert_num_queries(LISTING_QUERIES):
        response = editor.get(EDITIONS_URL)
    assert len(BeautifulSoup(response.content, "html.parser").select("tbody tr")) == count


# The session, the user, their profile and permissions, the request's Site and edition (the
# admin's time zone), every edition at once, and the menu's page, image and document
# permission checks: the same however many editions there are.
LISTING_QUERIES = 12


def test_the_communication_team_may_neither_list_nor_start_editions(communication, home_page):
    assert EDITIONS_URL not in communication.get("/admin/").content.decode()
    assert denied(communication.get(EDITIONS_URL))
    assert denied(communication.get(START_URL))
    before = counts()
    assert denied(communication.post(START_URL, valid_form()))
    assert counts() == before


# --- The form -----------------------------------------------------------------------------


def test_the_form_proposes_the_current_edition_a_year_on(editor, edition_2026):
    response = editor.get(START_URL)
    assert response.status_code == 200
    # localhost carries no year: the editor chooses the host name.
    assert form_values(response.content.decode()) == {
        "copy_from": "localhost",
        "name": "Test Conference 2028",
        "hostname": "",
        "start": "2028-09-20",
        "end": "2028-09-22",
        "time_zone": "America/New_York",
    }
    soup = BeautifulSoup(response.content, "html.parser")
    options = [o.get_text(strip=True) for o in soup.select("select[name=copy_from] option")]
    assert options == [
        "Test Conference 2027 (localhost)",
        "Test Conference 2026 (2026.example.org)",
    ]
    # What start-edition.js fills in when another edition is chosen; no inline script.
    proposals = soup.select_one("script#edition-proposals")
    assert proposals["type"] == "application/json"
    assert "2027.example.org" in proposals.string
    scripts = soup.select("script:not([src]):not([type='application/json'])")
    assert scripts == []
    assert soup.select_one("script[src*='editions/js/start-edition']") is not None


def test_the_form_proposes_the_chosen_edition_a_year_on(editor, edition_2026):
    html = editor.get(f"{START_URL}?copy_from=2026.example.org").content.decode()
    assert form_values(html) == {
        "copy_from": "2026.example.org",
        "name": "Test Conference 2027",
        "hostname": "2027.example.org",
        "start": "2027-09-14",
        "end": "2027-09-16",
        "time_zone": "America/New_York",
    }


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"hostname": "localhost"}, "hostname", "The host name localhost is taken"),
        ({"hostname": "LocalHost"}, "hostname", "The host name localhost is taken"),
        ({"hostname": "2028.example.org/x"}, "hostname", "is not a host name"),
        ({"end": "2028-09-17"}, "end", "would end (2028-09-17) before it starts (2028-09-18)"),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "Mars/Olympus is not a time zone name"),
        ({"copy_from": "nowhere.example.org"}, "copy_from", "Select a valid choice"),
    ],
)
def test_a_refusal_shows_beside_its_field_and_nothing_is_written(
    editor, home_page, changes, field, message
):
    before = counts()
    response = editor.post(START_URL, valid_form(**changes))
    assert response.status_code == 200
    errors = field_errors(response.content.decode())
    assert list(errors) == [field] and message in errors[field], errors
    assert counts() == before


def test_a_valid_form_starts_the_edition_and_says_what_was_made(editor, home_page):
    make_program(home_page, talks=1, photos=False, items=False)
    response = editor.post(START_URL, valid_form(), follow=True)
    assert response.redirect_chain == [(EDITIONS_URL, 302)]
    site = Site.objects.get(hostname="2028.example.org")
    conference = ConferenceSettings.for_site(site)
    assert (conference.name, conference.start_date, conference.end_date) == (
        "Test Conference 2028",
        datetime.date(2028, 9, 18),
        datetime.date(2028, 9, 20),
    )
    assert (conference.time_zone, conference.phase) == ("America/Chicago", Phase.UPCOMING)
    # Copied from 2027: its links.
    assert conference.ticket_link == "https://tickets.example.org/2027/"
    soup = BeautifulSoup(response.content, "html.parser")
    message = soup.select_one(".messages .success")
    text = message.get_text(" ", strip=True)
    assert "Started Test Conference 2028 at 2028.example.org: 4 pages, 3 rooms, 2 tracks." in text
    buttons = {a.get_text(strip=True): a["href"] for a in message.select("a")}
    assert buttons["Edit"] == f"/admin/pages/{site.root_page_id}/edit/"
    assert "2028.example.org" in [r.get_text(strip=True) for r in soup.select("tbody td a")]
    assert editor.get("/", HTTP_HOST="2028.example.org").status_code == 200


# --- What the form proposes ---------------------------------------------------------------


def conference(name, hostname, start=None, end=None):
    return ConferenceSettings(
        name=name, start_date=start, end_date=end, site=Site(hostname=hostname)
    )


def test_the_proposal_moves_the_year_in_the_name_host_name_and_dates():
    proposal = next_edition(
        conference(
            "DjangoCon US 2027",
            "2027.djangocon.us",
            datetime.date(2027, 9, 20),
            datetime.date(2027, 9, 24),
        )
    )
    assert proposal == {
        "copy_from": "2027.djangocon.us",
        "name": "DjangoCon US 2028",
        "hostname": "2028.djangocon.us",
        "start": datetime.date(2028, 9, 20),
        "end": datetime.date(2028, 9, 24),
        "time_zone": "America/New_York",
    }


def test_a_name_without_its_year_stays_and_a_host_name_without_it_is_left_to_choose():
    proposal = next_edition(conference("DjangoCon US", "djangocon.us", datetime.date(2027, 9, 20)))
    assert (proposal["name"], proposal["hostname"]) == ("DjangoCon US", "")
    assert (proposal["start"], proposal["end"]) == (datetime.date(2028, 9, 20), None)


def test_without_dates_the_year_comes_from_the_name():
    proposal = next_edition(conference("PyCon 2031", "pycon-2031.example.org"))
    assert proposal["name"] == "PyCon 2032" and proposal["hostname"] == "pycon-2032.example.org"
    assert (proposal["start"], proposal["end"]) == (None, None)


def test_29_february_moves_to_the_28th():
    assert one_year_later(datetime.date(2028, 2, 29)) == datetime.date(2029, 2, 28)


# --- Every team's part of the new edition -------------------------------------------------


def publish_post_form(title, slug):
    fields = {
        "title": title,
        "slug": slug,
        "author": "Team",
        "excerpt": "",
        "cover_alt": "",
        "tags": "",
        "body": streamfield([]),
    }
    return {**nested_form_data(fields), "action-publish": "publish"}


def test_the_communication_team_writes_the_new_editions_news_and_not_the_schedule(
    client, django_user_model, home_page
):
    make_program(home_page, talks=1, photos=False, items=False)
    start_edition("2028.example.org", "Test Conference 2028", None, None, copy_from="localhost")
    new_home = Site.objects.get(hostname="2028.example.org").root_page
    news = NewsIndexPage.objects.child_of(new_home).get()
    client.force_login(member_of(django_user_model, COMMUNICATION_TEAM, "comms"))
    response = client.post(
        f"/admin/pages/add/blog/announcementpage/{news.pk}/",
        publish_post_form("Tickets for 2028", "tickets-2028"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    post = AnnouncementPage.objects.get(slug="tickets-2028")
    assert post.live and post.get_parent().pk == news.pk
    assert client.get("/news/tickets-2028/", HTTP_HOST="2028.example.org").status_code == 200
    # 2027's schedule and talks, and 2028's schedule, are the program team's.
    schedule_2027 = ProgramPage.objects.child_of(home_page).get()
    talk_2027 = schedule_2027.get_children().get()
    for page in (schedule_2027, talk_2027, ProgramPage.objects.child_of(new_home).get()):
        assert denied(client.get(f"/admin/pages/{page.pk}/edit/")), page


@pytest.mark.parametrize(
    ("group_name", "section"),
    [
        (EDITORS, "home"),
        (COMMUNICATION_TEAM, "news"),
        (PROGRAM_TEAM, "schedule"),
        (PROGRAM_TEAM, "presenters"),
    ],
)
def test_every_team_may_edit_its_section_of_the_new_edition(
    django_user_model, home_page, group_name, section
):
    start_edition("2028.example.org", "Test Conference 2028", None, None, copy_from="localhost")
    new_home = Site.objects.get(hostname="2028.example.org").root_page
    page = new_home if section == "home" else new_home.get_children().get(slug=section)
    user = member_of(django_user_model, group_name, "member")
    permissions = page.permissions_for_user(user)
    assert permissions.can_edit() and permissions.can_publish()
