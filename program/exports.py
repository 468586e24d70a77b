"""The program as iCalendar (whole schedule, one talk, one presenter) and as frab/c3voc JSON,
the shape pretalx exports and conference apps read. Only live, public talks appear."""

import datetime
import uuid

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from icalendar import Calendar, Event
from wagtail.images import get_image_model
from wagtail.models import Site

from home.models import ConferenceSettings
from home.titles import normalize_title

PRODID = "-//Conference site//Program//EN"
AVATAR = "fill-256x256|format-jpeg"


def site_hostname(request):
    site = Site.find_for_request(request)
    return site.hostname if site else request.get_host().split(":")[0]


def absolute(request, url):
    """An address on the edition's own host (media may already live on another one)."""
    if not url or "//" in url:
        return url
    site = Site.find_for_request(request)
    return (site.root_url if site else request.build_absolute_uri("/").rstrip("/")) + url


def plain_text(stream):
    """A StreamField body as plain text, for calendar descriptions and JSON."""
    text = strip_tags(str(stream)) if stream else ""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def talk_uid(talk, host):
    return f"talk-{talk.pk}@{host}"


def item_uid(item, host):
    return f"schedule-item-{item.pk}@{host}"


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


def add_event(calendar, *, uid, start, end, summary, tz, stamp, description="", location="",
              url="", categories=()):  # fmt: skip
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp or timezone.now())
    event.add("dtstart", timezone.localtime(start, tz))
    event.add("dtend", timezone.localtime(end, tz))
    event.add("summary", normalize_title(summary))
    if description:
        event.add("description", description)
    if location:
        event.add("location", normalize_title(location))
    if url:
        event.add("url", url)
    if categories:
        event.add("categories", list(categories))
    calendar.add_component(event)


def add_talk(calendar, talk, request, conference, host):
    presenters = ", ".join(p.title for p in talk.presenter_links())
    description = "\n\n".join(
        part for part in (f"With {presenters}" if presenters else "", talk.summary) if part
    )
    add_event(
        calendar,
        uid=talk_uid(talk, host),
        start=talk.start,
        end=talk.end,
        summary=talk.title,
        tz=conference.tzinfo,
        stamp=talk.last_published_at,
        description=description,
        location=talk.room.name if talk.room else "",
        url=talk.get_full_url(request),
        categories=[talk.get_kind_display()] + ([talk.track.name] if talk.track else []),
    )


def program_calendar(program, request):
    conference = ConferenceSettings.for_request(request)
    host = site_hostname(request)
    calendar = new_calendar(conference.name, conference)
    for talk in program.talks():
        add_talk(calendar, talk, request, conference, host)
    for item in program.items():
        add_event(
            calendar,
            uid=item_uid(item, host),
            start=item.start,
            end=item.end,
            summary=item.title,
            tz=conference.tzinfo,
            stamp=program.last_published_at,
            location=item.room.name if item.room else conference.venue_name,
            url=item.link,
            categories=[item.get_kind_display()],
        )
    return finish(calendar, conference)


def talk_calendar(talk, request):
    conference = ConferenceSettings.for_request(request)
    calendar = new_calendar(f"{talk.title} · {conference.name}", conference)
    add_talk(calendar, talk, request, conference, site_hostname(request))
    return finish(calendar, conference)


def presenter_calendar(presenter, request):
    conference = ConferenceSettings.for_request(request)
    host = site_hostname(request)
    calendar = new_calendar(f"{presenter.title} · {conference.name}", conference)
    from .models import TalkPresenter, visible_presenter_links

    links = visible_presenter_links(
        TalkPresenter.objects.select_related("presenter").order_by("sort_order", "pk")
    )
    for talk in presenter.talks().prefetch_related(Prefetch("talk_presenters", queryset=links)):
        add_talk(calendar, talk, request, conference, host)
    return finish(calendar, conference)


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


def frab_event(*, guid, pk, code, start, end, room, slug, url, title, track, kind, abstract,
               description, persons, links, tz):  # fmt: skip
    local = timezone.localtime(start, tz)
    return {
        "guid": guid,
        "id": pk,
        "code": code,
        "logo": None,
        "date": local.isoformat(),
        "start": local.strftime("%H:%M"),
        "duration": hhmm(end - start),
        "room": room,
        "slug": slug,
        "url": url,
        "title": title,
        "subtitle": "",
        "track": track,
        "type": kind,
        "language": "en",
        "abstract": abstract,
        "description": description,
        "recording_license": "",
        "do_not_record": False,
        "persons": persons,
        "links": links,
        "attachments": [],
    }


def frab_schedule(program, request):
    conference = ConferenceSettings.for_request(request)
    tz = conference.tzinfo
    host = site_hostname(request)
    talks = list(
        program.talks().prefetch_related(
            # Photos and their avatar renditions for the persons' avatars.
            Prefetch(
                "talk_presenters__presenter__photo",
                queryset=get_image_model().objects.prefetch_renditions(AVATAR),
            )
        )
    )
    # Schedule items without a room (lunch for everyone) have no place in frab's room lists.
    items = [item for item in program.items() if item.room]

    events = []
    for talk in talks:
        links = []
        if talk.video_url:
            links.append({"url": talk.video_url, "title": "Video", "type": "related"})
        if talk.slides_url:
            links.append({"url": talk.slides_url, "title": "Slides", "type": "related"})
        url = talk.get_full_url(request)
        events.append(
            frab_event(
                guid=str(uuid.uuid5(uuid.NAMESPACE_URL, talk_uid(talk, host))),
                pk=talk.pk,
                code=f"T{talk.pk}",
                start=talk.start,
                end=talk.end,
                room=talk.room,
                slug=talk.slug,
                url=url,
                title=talk.title,
                track=talk.track.name if talk.track else None,
                kind=talk.get_kind_display(),
                abstract=talk.summary,
                description=plain_text(talk.abstract),
                persons=[person(p, request) for p in talk.presenter_links()],
                links=links,
                tz=tz,
            )
        )
    for item in items:
        events.append(
            frab_event(
                guid=str(uuid.uuid5(uuid.NAMESPACE_URL, item_uid(item, host))),
                pk=item.pk,
                code=f"S{item.pk}",
                start=item.start,
                end=item.end,
                room=item.room,
                slug=slugify(f"{item.title}-{item.pk}"),
                url=item.link or None,
                title=item.title,
                track=None,
                kind=item.get_kind_display(),
                abstract="",
                description="",
                persons=[],
                links=[],
                tz=tz,
            )
        )
    events.sort(key=lambda e: (e["date"], e["room"].sort_order, e["room"].name))

    rooms = sorted(
        {e["room"].pk: e["room"] for e in events if e["room"]}.values(),
        key=lambda r: (r.sort_order, r.name),
    )
    tracks = sorted(
        {t.track.pk: t.track for t in talks if t.track}.values(),
        key=lambda t: (t.sort_order, t.name),
    )
    dates = sorted({datetime.date.fromisoformat(e["date"][:10]) for e in events})
    if conference.start_date and conference.end_date:
        first, last = conference.start_date, conference.end_date
    else:
        first, last = (dates[0], dates[-1]) if dates else (None, None)
    day_list = []
    day_count = (last - first).days + 1 if first else 0
    for index in range(day_count):
        date = first + datetime.timedelta(days=index)
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

    published = [t.last_published_at for t in talks if t.last_published_at]
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
