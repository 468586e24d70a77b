"""The program's exports: iCalendar (whole program, one talk, one presenter) read back with the
icalendar library, and the frab/c3voc JSON that pretalx exports and conference apps read."""

import datetime

import pytest
from icalendar import Calendar

from program.models import TalkPage
from tests.factories.editions import ny
from tests.factories.program import make_program


@pytest.fixture
def program(home_page):
    data = make_program(home_page, talks=9)
    talk = data.talks[0]
    talk.video_url = "https://youtu.be/AbCdEfGhIjK"
    talk.slides_url = "https://slides.example/t0"
    talk.save()
    return data


def read_calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_by_uid(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_program_calendar_round_trips_every_talk_and_item(client, program):
    response = client.get("/schedule/calendar/")
    assert 'filename="schedule.ics"' in response["Content-Disposition"]
    calendar = read_calendar(response)
    assert str(calendar["X-WR-TIMEZONE"]) == "America/New_York"
    zones = [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")]
    assert zones == ["America/New_York"]
    events = events_by_uid(calendar)
    items = list(program.program.schedule_items.all())
    assert len(events) == len(program.talks) + len(items) == 11
    for talk in program.talks:
        event = events[f"talk-{talk.pk}@localhost"]
        assert event.decoded("DTSTART") == talk.start
        assert event.decoded("DTEND") == talk.end
        assert event["DTSTART"].params["TZID"] == "America/New_York"
        assert event.decoded("DTSTART").utcoffset() == datetime.timedelta(hours=-4)
        assert str(event["SUMMARY"]) == talk.title
        assert str(event["LOCATION"]) == talk.room.name
        assert str(event["URL"]) == f"http://localhost/schedule/{talk.slug}/"
        assert talk.presenter_links()[0].title in str(event["DESCRIPTION"])
    for item in items:
        event = events[f"schedule-item-{item.pk}@localhost"]
        assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (item.start, item.end)
        assert str(event["SUMMARY"]) == item.title
    games = next(item for item in items if item.title == "Board game night")
    assert str(events[f"schedule-item-{games.pk}@localhost"]["LOCATION"]) == "Room B"


def test_uids_are_stable(client, program):
    first = events_by_uid(read_calendar(client.get("/schedule/calendar/")))
    second = events_by_uid(read_calendar(client.get("/schedule/calendar/")))
    assert first.keys() == second.keys()


def test_talk_calendar(client, program):
    talk = program.talks[4]
    response = client.get(f"/schedule/{talk.slug}/calendar/")
    assert f'attachment; filename="{talk.slug}.ics"' == response["Content-Disposition"]
    calendar = read_calendar(response)
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"talk-{talk.pk}@localhost"
    assert event.decoded("DTSTART") == talk.start == ny(21, 9)
    assert event.decoded("DTEND") == talk.end
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["America/New_York"]


def test_presenter_calendar(client, program):
    # Presenter 004 gives talk 004 and co-presents talk 005.
    presenter = program.presenters[4]
    calendar = read_calendar(client.get(f"/presenters/{presenter.slug}/calendar/"))
    events = events_by_uid(calendar)
    assert set(events) == {
        f"talk-{program.talks[4].pk}@localhost",
        f"talk-{program.talks[5].pk}@localhost",
    }
    for talk in program.talks[4:6]:
        event = events[f"talk-{talk.pk}@localhost"]
        assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (talk.start, talk.end)


def test_only_live_talks_are_exported(client, program):
    program.talks[0].unpublish()
    events = events_by_uid(read_calendar(client.get("/schedule/calendar/")))
    assert f"talk-{program.talks[0].pk}@localhost" not in events
    assert f"talk-{program.talks[1].pk}@localhost" in events
    schedule = client.get("/schedule/json/").json()["schedule"]
    titles = [
        event["title"]
        for day in schedule["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    ]
    assert "Talk 000" not in titles and "Talk 001" in titles
    assert client.get(f"/schedule/{program.talks[0].slug}/calendar/").status_code == 404


def test_frab_json(client, program):
    response = client.get("/schedule/json/")
    assert response["Content-Type"] == "application/json"
    schedule = response.json()["schedule"]
    assert schedule["version"]
    conference = schedule["conference"]
    assert conference["title"] == "Test Conference 2027"
    assert conference["acronym"] == "test-conference-2027"
    assert (conference["start"], conference["end"]) == ("2027-09-20", "2027-09-22")
    assert conference["time_zone_name"] == "America/New_York"
    assert [room["name"] for room in conference["rooms"]] == ["Room A", "Room B", "Room C"]
    assert [track["name"] for track in conference["tracks"]] == ["Web", "Data"]
    assert conference["tracks"][0]["color"] == "#1d5fbf"
    days = conference["days"]
    assert [(day["index"], day["date"]) for day in days] == [
        (1, "2027-09-20"),
        (2, "2027-09-21"),
        (3, "2027-09-22"),
    ]
    assert days[0]["day_start"] == "2027-09-20T09:00:00-04:00"
    assert days[1]["day_end"] == "2027-09-21T22:00:00-04:00"  # the board game night
    for day in days:
        assert list(day["rooms"]) == ["Room A", "Room B", "Room C"]

    events = {
        event["slug"]: event
        for day in days
        for room, room_events in day["rooms"].items()
        for event in room_events
        if event["room"] == room
    }
    for talk in program.talks:
        event = events[talk.slug]
        start = datetime.datetime.fromisoformat(event["date"])
        hours, minutes = (int(part) for part in event["duration"].split(":"))
        assert start == talk.start
        assert start + datetime.timedelta(hours=hours, minutes=minutes) == talk.end
        assert event["start"] == start.strftime("%H:%M")
        assert event["room"] == talk.room.name
        assert event["url"] == f"http://localhost/schedule/{talk.slug}/"
        assert event["type"] == talk.get_kind_display()
        assert event["track"] == talk.track.name
        assert event["language"] == "en"
        assert event["abstract"] == talk.summary
        assert event["description"] == f"Abstract of talk {int(talk.slug[-3:])}."
        assert [person["name"] for person in event["persons"]] == [
            presenter.title for presenter in talk.presenter_links()
        ]
        for key in ("guid", "code", "subtitle", "links", "attachments", "do_not_record"):
            assert key in event
    first = events["talk-000"]
    assert first["date"] == "2027-09-20T09:00:00-04:00" and first["duration"] == "00:25"
    assert {"url": "https://youtu.be/AbCdEfGhIjK", "title": "Video", "type": "related"} in (
        first["links"]
    )
    person = events["talk-002"]["persons"][0]
    assert person["code"] == "presenter-002"
    assert person["url"] == "http://localhost/presenters/presenter-002/"
    assert person["avatar"].startswith("http://localhost/media/images/")
    assert person["avatar"].endswith(".fill-256x256.format-jpeg.jpg")
    assert set(person) >= {"code", "name", "avatar", "biography", "url"}
    # Schedule items with a room take part; the guid of each event is stable.
    assert any(event["title"] == "Board game night" for event in events.values())
    again = client.get("/schedule/json/").json()["schedule"]["conference"]["days"]
    assert again[0]["rooms"]["Room A"][0]["guid"] == days[0]["rooms"]["Room A"][0]["guid"]


def test_exports_follow_the_edition_zone(client, site, program):
    from home.models import ConferenceSettings

    conference = ConferenceSettings.for_site(site)
    conference.time_zone = "Europe/Amsterdam"
    conference.start_date, conference.end_date = (
        datetime.date(2027, 9, 20),
        datetime.date(2027, 9, 23),
    )
    conference.save()
    talk = TalkPage.objects.get(slug="talk-000")
    calendar = read_calendar(client.get("/schedule/calendar/"))
    event = events_by_uid(calendar)[f"talk-{talk.pk}@localhost"]
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event.decoded("DTSTART") == talk.start  # the same instant, 15:00 in Amsterdam
    assert event.decoded("DTSTART").hour == 15
    schedule = client.get("/schedule/json/").json()["schedule"]
    assert schedule["conference"]["time_zone_name"] == "Europe/Amsterdam"
    assert schedule["conference"]["days"][0]["rooms"]["Room A"][0]["start"] == "15:00"


def test_a_talk_without_a_room_is_listed_under_a_room_to_be_announced(client, program):
    talk = program.talks[4]
    talk.room = None
    talk.save_revision().publish()

    conference = client.get("/schedule/json/").json()["schedule"]["conference"]

    assert conference["rooms"][-1]["name"] == "Room to be announced"
    listed = [
        event["slug"]
        for day in conference["days"]
        for event in day["rooms"].get("Room to be announced", [])
    ]
    assert listed == [talk.slug]
