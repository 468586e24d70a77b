"""The schedule page: talks and schedule items grouped by day and start time, filtered in
Python from one fetch so the page takes the same number of queries however big it is, and
built from plain rows rather than page objects so that a big program stays quick."""

import datetime
from dataclasses import dataclass, field
from itertools import groupby

from django.urls import reverse
from django.utils import timezone

from home.models import ConferenceSettings, Phase

from .forms import ScheduleFilterForm
from .models import ItemKind, TalkKind


@dataclass(frozen=True)
class Tag:
    pk: int
    name: str
    slug: str


@dataclass(frozen=True)
class Person:
    """A presenter as the schedule shows them: a name, and a link while their page is public."""

    title: str
    url: str = ""


class PageUrls:
    """Page URLs from `url_path`, the way `Page.get_url(request)` builds them, for the rows
    of a values() query: instantiating 150 talks and their presenters as Page objects only to
    ask for their URLs costs more than the rest of the schedule page together."""

    def __init__(self, request):
        from wagtail.models import Site

        site = Site.find_for_request(request)
        # The request's own site first: Wagtail prefers it when a page is under several.
        self.roots = sorted(
            (
                (root.root_path, root.root_url, root.site_id == getattr(site, "pk", None))
                for root in Site.get_site_root_paths()
            ),
            key=lambda root: not root[2],
        )
        self.serve_root = reverse("wagtail_serve", args=("",))
        self.single_site = len(self.roots) == 1

    def __call__(self, url_path):
        for root_path, root_url, current in self.roots:
            if url_path.startswith(root_path):
                path = self.serve_root + url_path[len(root_path) :]
                return path if current or self.single_site else root_url + path
        return ""


def people_from_rows(rows, page_url):
    """Presenters from the JSON of ProgramPage.schedule_talks(), in the talk's order."""
    rows = sorted(rows or [], key=lambda row: (row["order"], row["pk"]))
    return [Person(row["title"], page_url(row["url_path"]) if row["live"] else "") for row in rows]


def tags_from_rows(rows):
    return sorted(
        (Tag(row["pk"], row["name"], row["slug"]) for row in rows or []), key=lambda t: t.name
    )


@dataclass
class Entry:
    """One line of the schedule: a talk or a schedule item, with its times already in the
    edition's zone."""

    title: str
    start: datetime.datetime
    end: datetime.datetime
    room: object
    kind: str
    kind_label: str
    is_talk: bool
    url: str = ""
    presenters: list = field(default_factory=list)
    track: object = None
    tags: list = field(default_factory=list)

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


ROOM_FIELDS = ("name", "slug", "sort_order")
TRACK_FIELDS = ("name", "slug", "colour", "sort_order")


def related(row, name, model, fields, known):
    """The room or track a values() row names, as one unsaved instance per pk, shared by
    every talk that names it."""
    pk = row[f"{name}_id"]
    if pk is None:
        return None
    if pk not in known:
        known[pk] = model(pk=pk, **{field: row[f"{name}__{field}"] for field in fields})
    return known[pk]


def talk_entries(program, tz, page_url):
    """The schedule's talks from one values() query, rooms and tracks included."""
    from .models import Room, Track

    rooms, tracks = {}, {}
    kind_labels = dict(TalkKind.choices)
    columns = ["title", "url_path", "start", "end", "kind", "presenter_rows", "tag_rows"]
    columns += ["room_id", *(f"room__{field}" for field in ROOM_FIELDS)]
    columns += ["track_id", *(f"track__{field}" for field in TRACK_FIELDS)]
    return [
        Entry(
            title=row["title"],
            start=timezone.localtime(row["start"], tz),
            end=timezone.localtime(row["end"], tz),
            room=related(row, "room", Room, ROOM_FIELDS, rooms),
            kind=row["kind"],
            kind_label=kind_labels.get(row["kind"], row["kind"]),
            is_talk=True,
            url=page_url(row["url_path"]),
            presenters=people_from_rows(row["presenter_rows"], page_url),
            track=related(row, "track", Track, TRACK_FIELDS, tracks),
            tags=tags_from_rows(row["tag_rows"]),
        )
        for row in program.schedule_talks().values(*columns)
    ]


def item_entry(item, tz):
    return Entry(
        title=item.title,
        start=timezone.localtime(item.start, tz),
        end=timezone.localtime(item.end, tz),
        room=item.room,
        kind=item.kind,
        kind_label=item.get_kind_display(),
        is_talk=False,
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
    # Entries hold local times already (talk_entries, item_entry).
    for date, day_entries in groupby(
        sorted(entries, key=lambda e: e.start), key=lambda e: e.start.date()
    ):
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
    talks = talk_entries(program, tz, PageUrls(request))
    items = [item_entry(item, tz) for item in program.items()]
    everything = talks + items

    # The filter choices come from the whole program, so a filter never empties its own list.
    days = sorted({e.start.date() for e in everything})
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
        shown = [e for e in shown if e.start.date().isoformat() == selected["day"]]

    context = {
        "conference": conference,
        "tz": tz,
        "zone_abbreviation": (everything[0].start.tzname() if everything else ""),
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
