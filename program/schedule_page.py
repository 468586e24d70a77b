"""The schedule page: slots grouped by day and start time, filtered in Python from one fetch
so the page takes the same number of queries however big it is, and built from plain rows
rather than page objects so that a big program stays quick (program.schedule_data)."""

import datetime
from dataclasses import dataclass
from itertools import groupby

from django.utils import timezone

from home.models import Phase

from .enums import ItemKind, TalkKind
from .forms import ScheduleFilterForm
from .schedule_data import ScheduleData, Slot


@dataclass
class Row:
    start: datetime.datetime
    end: datetime.datetime
    cells: list  # (room, slots) per room column; a single (None, slots) when it spans
    spans: bool


@dataclass
class Day:
    date: datetime.date
    rooms: list
    rows: list

    @property
    def anchor(self) -> str:
        return f"day-{self.date.isoformat()}"


def unique(values, key):
    seen = {}
    for value in values:
        if value is not None:
            seen.setdefault(key(value), value)
    return list(seen.values())


def build_days(slots: list[Slot]) -> list[Day]:
    """Sections per local day; rows per start time; rooms as columns."""
    days = []
    # Slots hold local times already (ScheduleData.local).
    for date, day_slots in groupby(
        sorted(slots, key=lambda e: e.start), key=lambda e: e.start.date()
    ):
        day_slots = list(day_slots)
        rooms = sorted(
            unique((e.room for e in day_slots), key=lambda r: r.pk),
            key=lambda r: (r.sort_order, r.name),
        )
        rows = []
        for start, same_time in groupby(day_slots, key=lambda e: e.start):
            same_time = sorted(same_time, key=lambda e: e.room_key)
            roomless = [e for e in same_time if e.room is None]
            placed = [e for e in same_time if e.room is not None]
            end = max(e.end for e in same_time)
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


def now_and_next(slots: list[Slot], now: datetime.datetime) -> tuple[list, list]:
    current = [e for e in slots if e.start <= now < e.end]
    upcoming = [e for e in slots if e.start > now]
    if upcoming:
        soonest = min(e.start for e in upcoming)
        upcoming = [e for e in upcoming if e.start == soonest]
    return current, upcoming


def schedule_context(program, request) -> dict:
    data = ScheduleData(request, program)
    conference = data.conference
    talks = data.page_talk_slots()
    items = data.item_slots()
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
        "tz": data.tz,
        "zone_abbreviation": (everything[0].start.tzname() if everything else ""),
        "days": build_days(shown),
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
