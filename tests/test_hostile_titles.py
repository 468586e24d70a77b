"""Any title, whatever its characters, survives every export: the calendars (whole program, one
talk, one presenter), the frab JSON, the news feeds, the pages' JSON-LD and the download
headers. Titles saved through the models never keep line breaks or control characters."""

import json
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser

import pytest
from icalendar import Calendar
from wagtail.models import Page

from blog.models import AnnouncementPage
from home.models import StandardPage
from home.titles import normalize_title
from program.models import PresenterPage, ScheduleItem, TalkPage
from tests.factories.program import make_program

HOSTILE_TITLES = [
    "Line one\nline two",
    "Carriage\rreturn\r\nand both",
    "Tab\tvertical\x0bform\x0cunit\x1fescape\x1bdelete\x7f",
    "Quotes \" and ' and <b>tags</b> & ampersands; semi; colon: \\ backslash",
    "Long " + "x" * 250,
    "Unicode café ☕ 日本語 \u2028line\u2029para\u0085next \u202eRTL 👩‍💻",
]


class JsonLdScripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inside, self.scripts = False, []

    def handle_starttag(self, tag, attrs):
        self.inside = tag == "script" and ("type", "application/ld+json") in attrs
        if self.inside:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.scripts[-1] += data


def json_ld(response):
    assert response.status_code == 200
    parser = JsonLdScripts()
    parser.feed(response.content.decode())
    return [json.loads(script) for script in parser.scripts]


def calendar_of(response):
    assert response.status_code == 200, response.status_code
    assert "\n" not in response["Content-Disposition"]
    return Calendar.from_ical(response.content)


@pytest.fixture
def program(home_page):
    return make_program(home_page, talks=3)


def store_raw_title(page, title):
    """As a script or an old import might have: straight into the table, past any cleaning."""
    Page.objects.filter(pk=page.pk).update(title=title, draft_title=title)
    return type(page).objects.get(pk=page.pk)


@pytest.mark.parametrize("title", HOSTILE_TITLES, ids=range(len(HOSTILE_TITLES)))
def test_every_export_survives_a_stored_hostile_title(client, program, make_post, title):
    talk = store_raw_title(program.talks[0], title)
    presenter = store_raw_title(program.presenters[0], title)
    program_page = store_raw_title(program.program, title)
    ScheduleItem.objects.filter(page=program.program).update(title=title)
    post = store_raw_title(make_post("Plain title"), title)
    store_raw_title(post.get_parent(), title)

    for url in (
        f"/schedule/{talk.slug}/calendar/",
        f"/presenters/{presenter.slug}/calendar/",
        "/schedule/calendar/",
    ):
        calendar = calendar_of(client.get(url))
        assert "\n" not in str(calendar["X-WR-CALNAME"])
        summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
        assert normalize_title(title) in summaries or title in summaries

    response = client.get("/schedule/json/")
    assert response.status_code == 200
    schedule = json.loads(response.content)["schedule"]
    assert schedule["conference"]["title"]
    events = [
        event
        for day in schedule["conference"]["days"]
        for room in day["rooms"].values()
        for event in room
    ]
    assert talk.pk in {event["id"] for event in events}

    for url in ("/news/rss/", "/news/atom/"):
        response = client.get(url)
        assert response.status_code == 200, url
        ElementTree.fromstring(response.content)

    for page in (talk, presenter, program_page, post):
        for data in json_ld(client.get(page.url)):
            assert isinstance(data, dict | list)
    assert json_ld(client.get(talk.url)) and json_ld(client.get(post.url))


@pytest.mark.parametrize("title", HOSTILE_TITLES, ids=range(len(HOSTILE_TITLES)))
def test_saving_any_page_type_normalizes_its_title(program, make_post, home_page, title):
    expected = normalize_title(title)
    assert "\n" not in expected and "\r" not in expected and expected == expected.strip()
    assert not any(ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 for char in expected)

    talk = program.talks[0]
    talk.title = title
    talk.save_revision().publish()
    standard = StandardPage(title=title, slug="standard")
    home_page.add_child(instance=standard)
    post = make_post(title, slug="hostile-post")
    item = program.program.schedule_items.first()
    item.title = title
    item.save()

    assert TalkPage.objects.get(pk=talk.pk).title == expected
    assert TalkPage.objects.get(pk=talk.pk).draft_title == expected
    assert talk.get_latest_revision().content["title"] == expected
    assert StandardPage.objects.get(pk=standard.pk).title == expected
    assert AnnouncementPage.objects.get(pk=post.pk).title == expected
    assert ScheduleItem.objects.get(pk=item.pk).title == expected
    presenter = PresenterPage.objects.get(pk=program.presenters[0].pk)
    presenter.title = title
    presenter.save()
    assert PresenterPage.objects.get(pk=presenter.pk).title == expected


def test_normalize_title_keeps_ordinary_titles():
    assert normalize_title("  Keynote:  “Django” at 10\u00a0years  ") == (
        "Keynote: “Django” at 10\u00a0years"
    )
    assert normalize_title("A\n\n  B\tC") == "A B C"
