"""The program as iCalendar (whole schedule, one talk, one presenter) and as frab/c3voc JSON,
the shape pretalx exports and conference apps read. Both write the slots of
program.schedule_data, so they show the same talks and items as the schedule page; only
live, public talks appear. Nothing here imports the models."""

import datetime
import sys
import uuid
from types import SimpleNamespace

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from icalendar import Calendar, Event
from wagtail.images import get_image_model
from wagtail.models import Site

from home.edition import DayRange
from home.titles import normalize_title

from .schedule_data import ScheduleData, Slot, plain_text

PRODID = "-//Conference site//Program//EN"
AVATAR = "fill-256x256|format-jpeg"


def absolute(request, url):
    """An address on the edition's own host (media may already live on another one)."""
    if not url or "//" in url:
        return url
    site = Site.find_for_request(request)
    return (site.root_url if site else request.build_absolute_uri("/").rstrip("/")) + url


def new_calendar(name, conference):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # One line whatever a title holds: a title stored before titles were normalized would
    # otherwise break the content line (and the response with it).
    calendar.add("x-wr-calname", normalize_title(name))
    calendar.add("x-wr-timezone", conference.time_zone)
    return calendar


def finish(calendar, conference):
    """Add the VTIMEZONE of the edition's zone, with transitions only around the edition."""
    today = timezone.now().date()
    first = conference.start_date or today
    last = conference.end_date or today
    calendar.add_missing_timezones(
        first_date=datetime.date(first.year - 1, 1, 1),
        last_date=datetime.date(last.year + 1, 12, 31),
    )
    return calendar


def add_slot(calendar, slot: Slot, conference):
    """One VEVENT. A talk says who gives it; an item without a room (lunch) is at the venue."""
    event = Event()
    event.add("uid", slot.uid)
    event.add("dtstamp", slot.published or timezone.now())
    event.add("dtstart", slot.start)
    event.add("dtend", slot.end)
    event.add("summary", normalize_title(slot.title))
    names = ", ".join(person.title for person in slot.presenters)
    description = "\n\n".join(
        part for part in (f"With {names}" if names else "", slot.summary) if part
    )
    if description:
        event.add("description", description)
    location = slot.room.name if slot.room else ("" if slot.is_talk else conference.venue_name)
    if location:
        event.add("location", normalize_title(location))
    if slot.url:
        event.add("url", slot.url)
    categories = [slot.kind_label] + ([slot.track.name] if slot.track else [])
    event.add("categories", categories)
    calendar.add_component(event)


def program_calendar(program, request):
    data = ScheduleData(request, program)
    calendar = new_calendar(data.conference.name, data.conference)
    for slot in data.export_talk_slots() + data.item_slots():
        add_slot(calendar, slot, data.conference)
    return finish(calendar, data.conference)


def talk_calendar(talk, request):
    data = ScheduleData(request)
    calendar = new_calendar(f"{talk.title} · {data.conference.name}", data.conference)
    add_slot(calendar, data.talk_slot(talk), data.conference)
    return finish(calendar, data.conference)


def presenter_calendar(presenter, request):
    data = ScheduleData(request)
    calendar = new_calendar(f"{presenter.title} · {data.conference.name}", data.conference)
    for slot in data.export_talk_slots(presenter.talks_with_presenters()):
        add_slot(calendar, slot, data.conference)
    return finish(calendar, data.conference)


def ics_response(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# -- frab / c3voc JSON ------------------------------------------------------------------


def hhmm(delta):
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def person(presenter, request):
    photo = presenter.photo
    return {
        "id": presenter.pk,
        "code": presenter.slug,
        "name": presenter.title,
        "public_name": presenter.title,
        "avatar": absolute(request, photo.get_rendition(AVATAR).url) if photo else None,
        "biography": plain_text(presenter.bio),
        "url": presenter.get_full_url(request) if presenter.live else None,
    }


def frab_event(slot: Slot, request):
    return {
        "guid": str(uuid.uuid5(uuid.NAMESPACE_URL, slot.uid)),
        "id": slot.pk,
        "code": slot.code,
        "logo": None,
        "date": slot.start.isoformat(),
        "start": slot.start.strftime("%H:%M"),
        "duration": hhmm(slot.end - slot.start),
        "room": slot.room,
        "slug": slot.slug,
        "url": slot.url or None,
        "title": slot.title,
        "subtitle": "",
        "track": slot.track.name if slot.track else None,
        "type": slot.kind_label,
        "language": "en",
        "abstract": slot.summary,
        "description": slot.description,
        "recording_license": "",
        "do_not_record": False,
        "persons": [person(presenter.page, request) for presenter in slot.presenters],
        "links": [{"url": url, "title": title, "type": "related"} for title, url in slot.links],
        "attachments": [],
    }


# frab files every event under a room: a talk not given one yet is listed under this one
# rather than left out (or breaking the export).
ROOM_TO_BE_ANNOUNCED = SimpleNamespace(
    pk=0,
    name="Room to be announced",
    slug="room-to-be-announced",
    sort_order=sys.maxsize,
    capacity=None,
)


def frab_schedule(program, request):
    data = ScheduleData(request, program)
    conference = data.conference
    host = data.host
    talks = data.export_talk_slots(
        program.talks().prefetch_related(
            # Photos and their avatar renditions for the persons' avatars.
            Prefetch(
                "talk_presenters__presenter__photo",
                queryset=get_image_model().objects.prefetch_renditions(AVATAR),
            )
        )
    )
    # Schedule items without a room (lunch for everyone) have no place in frab's room lists.
    items = [slot for slot in data.item_slots() if slot.room]
    events = [frab_event(slot, request) for slot in talks + items]
    for event in events:
        event["room"] = event["room"] or ROOM_TO_BE_ANNOUNCED
    events.sort(key=lambda e: (e["date"], e["room"].sort_order, e["room"].name))

    rooms = sorted(
        {e["room"].pk: e["room"] for e in events if e["room"]}.values(),
        key=lambda r: (r.sort_order, r.name),
    )
    tracks = sorted(
        {slot.track.pk: slot.track for slot in talks if slot.track}.values(),
        key=lambda t: (t.sort_order, t.name),
    )
    # The edition's days (tutorials, conference, sprints), else every day its events span.
    days = conference.schedule_days()
    if not days:
        dates = sorted({datetime.date.fromisoformat(e["date"][:10]) for e in events})
        days = DayRange("", dates[0], dates[-1]).days() if dates else []
    first, last = (days[0], days[-1]) if days else (None, None)
    day_count = len(days)
    day_list = []
    for index, date in enumerate(days):
        todays = [e for e in events if e["date"][:10] == date.isoformat()]
        starts = [datetime.datetime.fromisoformat(e["date"]) for e in todays]
        ends = [
            datetime.datetime.fromisoformat(e["date"])
            + datetime.timedelta(hours=int(e["duration"][:2]), minutes=int(e["duration"][3:]))
            for e in todays
        ]
        day_list.append(
            {
                "index": index + 1,
                "date": date.isoformat(),
                "day_start": min(starts).isoformat() if starts else None,
                "day_end": max(ends).isoformat() if ends else None,
                "rooms": {
                    room.name: [{**e, "room": room.name} for e in todays if e["room"].pk == room.pk]
                    for room in rooms
                },
            }
        )

    published = [slot.published for slot in talks if slot.published]
    version = (
        max(published).astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M") if published else "0"
    )
    return {
        "schedule": {
            "version": version,
            "base_url": program.get_full_url(request),
            "conference": {
                "acronym": slugify(conference.name),
                "title": conference.name,
                "start": first.isoformat() if first else None,
                "end": last.isoformat() if last else None,
                "daysCount": day_count,
                "timeslot_duration": "00:05",
                "time_zone_name": conference.time_zone,
                "url": program.get_full_url(request),
                "rooms": [
                    {
                        "name": room.name,
                        "slug": room.slug,
                        "guid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"room-{room.pk}@{host}")),
                        "capacity": room.capacity,
                    }
                    for room in rooms
                ],
                "tracks": [
                    {"name": track.name, "slug": track.slug, "color": track.colour or None}
                    for track in tracks
                ],
                "days": day_list,
            },
        },
    }
