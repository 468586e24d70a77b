"""The schedule page: talks and schedule items grouped by day and start time, filtered in
Python from one fetch so the page takes the same number of queries however big it is."""

import datetime
from dataclasses import dataclass, field
from itertools import groupby

from django.utils import timezone

from home.models import ConferenceSettings, Phase

from .forms import ScheduleFilterForm
from .models import ItemKind, PresenterPage, TalkKind


@dataclass(frozen=True)
class Tag:
    pk: int
    name: str
    slug: str


def presenters_from_rows(rows):
    """Unsaved PresenterPage objects from the JSON of ProgramPage.schedule_talks(): enough to
    show a name and build the page's URL (from url_path, without a query)."""
    rows = sorted(rows or [], key=lambda row: (row["order"], row["pk"]))
    return [
        PresenterPage(
            id=row["pk"],
            page_ptr_id=row["pk"],
            title=row["title"],
            slug=row["slug"],
            url_path=row["url_path"],
            live=bool(row["live"]),
        )
        for row in rows
    ]


def tags_from_rows(rows):
    return sorted(
        (Tag(row["pk"], row["name"], row["slug"]) for row in rows or []), key=lambda t: t.name
    )


@dataclass
class Entry:
    """One line of the schedule: a talk page or a schedule item."""

    title: str
    start: datetime.datetime
    end: datetime.datetime
    room: object
    kind: str
    kind_label: str
    url: str = ""
    talk: object = None
    presenters: list = field(default_factory=list)
    track: object = None
    tags: list = field(default_factory=list)

    @property
    def is_talk(self):
        return self.talk is not None

    @property
    def room_key(self):
        room = self.room
        return (room.sort_order, room.name, room.pk) if room else (0, "", 0)


@dataclass
class Row:
    start: datetime.datetime
    end: datetime.datetime
    cells: list  # (room, entries) per room column; a single (None, entries) when it spans
    spans: bool


@dataclass
class Day:
    date: datetime.date
    rooms: list
    rows: list

    @property
    def anchor(self):
        return f"day-{self.date.isoformat()}"


def talk_entry(talk, request):
    return Entry(
        title=talk.title,
        start=talk.start,
        end=talk.end,
        room=talk.room,
        kind=talk.kind,
        kind_label=talk.get_kind_display(),
        url=talk.get_url(request),
        talk=talk,
        presenters=presenters_from_rows(talk.presenter_rows),
        track=talk.track,
        tags=tags_from_rows(talk.tag_rows),
    )


def item_entry(item):
    return Entry(
        title=item.title,
        start=item.start,
        end=item.end,
        room=item.room,
        kind=item.kind,
        kind_label=item.get_kind_display(),
        url=item.link,
    )


def unique(values, key):
    seen = {}
    for value in values:
        if value is not None:
            seen.setdefault(key(value), value)
    return list(seen.values())


def build_days(entries, tz):
    """Sections per local day; rows per start time; rooms as columns."""
    days = []
    local_day = lambda entry: timezone.localtime(entry.start, tz).date()  # noqa: E731
    for date, day_entries in groupby(sorted(entries, key=lambda e: e.start), key=local_day):
        day_entries = list(day_entries)
        rooms = sorted(
            unique((e.room for e in day_entries), key=lambda r: r.pk),
            key=lambda r: (r.sort_order, r.name),
        )
        rows = []
        for start, slot in groupby(day_entries, key=lambda e: e.start):
            slot = sorted(slot, key=lambda e: e.room_key)
            roomless = [e for e in slot if e.room is None]
            placed = [e for e in slot if e.room is not None]
            end = max(e.end for e in slot)
            if roomless:
                rows.append(Row(start, end, [(None, roomless)], spans=True))
            if len(placed) == 1 and not roomless:
                # The only thing happening then (a keynote, lightning talks): a full-width row.
                rows.append(Row(start, end, [(None, placed)], spans=True))
            elif placed:
                cells = [(room, [e for e in placed if e.room.pk == room.pk]) for room in rooms]
                rows.append(Row(start, end, cells, spans=False))
        days.append(Day(date, rooms, rows))
    return days


def now_and_next(entries, now):
    current = [e for e in entries if e.start <= now < e.end]
    upcoming = [e for e in entries if e.start > now]
    if upcoming:
        soonest = min(e.start for e in upcoming)
        upcoming = [e for e in upcoming if e.start == soonest]
    return current, upcoming


def schedule_context(program, request):
    conference = ConferenceSettings.for_request(request)
    tz = conference.tzinfo
    talks = [talk_entry(talk, request) for talk in program.schedule_talks()]
    items = [item_entry(item) for item in program.items()]
    everything = talks + items

    # The filter choices come from the whole program, so a filter never empties its own list.
    days = sorted({timezone.localtime(e.start, tz).date() for e in everything})
    tracks = sorted(
        unique((e.track for e in talks), key=lambda t: t.pk), key=lambda t: (t.sort_order, t.name)
    )
    present_kinds = {e.kind for e in talks}
    kinds = [(value, label) for value, label in TalkKind.choices if value in present_kinds]
    tags = sorted(
        unique((tag for e in talks for tag in e.tags), key=lambda t: t.pk), key=lambda t: t.name
    )
    form = ScheduleFilterForm(request.GET, days=days, tracks=tracks, kinds=kinds, tags=tags)
    selected = form.selected

    shown = talks
    if "track" in selected:
        shown = [e for e in shown if e.track and e.track.slug == selected["track"]]
    if "kind" in selected:
        shown = [e for e in shown if e.kind == selected["kind"]]
    if "tag" in selected:
        shown = [e for e in shown if any(t.slug == selected["tag"] for t in e.tags)]
    # Breaks belong to the flow of a day, but not to a list of, say, tutorials only.
    if not selected.keys() & {"track", "kind", "tag"}:
        shown = shown + items
    if "day" in selected:
        shown = [
            e
            for e in shown
            if timezone.localtime(e.start, tz).date().isoformat() == selected["day"]
        ]

    context = {
        "conference": conference,
        "tz": tz,
        "zone_abbreviation": (
            timezone.localtime(everything[0].start, tz).tzname() if everything else ""
        ),
        "days": build_days(shown, tz),
        "filter_form": form,
        "filtered": bool(selected),
        "shown_count": sum(1 for e in shown if e.is_talk),
        "talk_count": len(talks),
        "item_kinds": ItemKind,
    }
    if conference.phase == Phase.LIVE:
        context["now"], context["next"] = now_and_next(everything, timezone.now())
        context["live"] = True
    return context


def track_colours_css(request):
    """The tracks' colours as a stylesheet (`.track-<pk>`): the Content Security Policy allows
    no style attributes, so pages name a class instead of writing the colour inline."""
    from django.http import HttpResponse
    from django.views.decorators.cache import patch_cache_control

    from .models import Track, hex_colour

    rules = []
    for pk, colour in Track.objects.exclude(colour="").values_list("pk", "colour"):
        if hex_colour.regex.fullmatch(colour):
            rules.append(f".track-{pk} {{ --track: {colour}; }}")
    response = HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")
    patch_cache_control(response, public=True, max_age=300)
    return response
