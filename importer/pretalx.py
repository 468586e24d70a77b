"""Read a pretalx schedule export (the frab / c3voc JSON shape) into plain records."""

import datetime
import re

from slugify import slugify

from .errors import ImportProblem

DURATION = re.compile(r"^(?:(?P<days>\d+):)?(?P<hours>\d{1,2}):(?P<minutes>\d{2})$")
BREAK_TYPES = {"break", "lunch", "meal", "registration", "social", "social event", "coffee"}
KIND_BY_TYPE = {
    "talk": "talk",
    "tutorial": "tutorial",
    "workshop": "workshop",
    "keynote": "keynote",
    "lightning talk": "lightning",
    "lightning talks": "lightning",
    "panel": "panel",
    "sprint": "sprint",
    "deep dive": "deep-dive",
}


def parse_duration(path, code, value):
    match = DURATION.match(str(value or "").strip())
    if not match:
        raise ImportProblem(path, f"talk {code}: {value!r} is not HH:MM", field="duration")
    return datetime.timedelta(
        days=int(match.group("days") or 0),
        hours=int(match.group("hours")),
        minutes=int(match.group("minutes")),
    )


def read_schedule(path, data):
    """(conference, rooms, tracks, talks, breaks, persons) of one pretalx export."""
    try:
        conference = data["schedule"]["conference"]
        days = conference["days"]
    except (KeyError, TypeError):
        raise ImportProblem(path, "no schedule.conference.days", field="schedule") from None
    acronym = str(conference.get("acronym") or slugify(str(conference.get("title") or "")))
    rooms = [room["name"] for room in conference.get("rooms", []) if room.get("name")]
    tracks = [track["name"] for track in conference.get("tracks", []) if track.get("name")]
    talks, breaks, persons = [], [], {}
    for day in days:
        for room_name, events in (day.get("rooms") or {}).items():
            if room_name not in rooms:
                rooms.append(room_name)
            for event in events:
                code = str(event.get("code") or event.get("guid") or "")
                if not code:
                    raise ImportProblem(path, "an event has neither code nor guid", field="code")
                try:
                    start = datetime.datetime.fromisoformat(str(event["date"]))
                except (KeyError, ValueError):
                    raise ImportProblem(
                        path, f"talk {code}: {event.get('date')!r} is not a date", field="date"
                    ) from None
                end = start + parse_duration(path, code, event.get("duration"))
                kind = str(event.get("type") or "talk").strip().lower()
                body = "\n\n".join(
                    part.strip()
                    for part in (event.get("abstract"), event.get("description"))
                    if part and part.strip()
                )
                record = {
                    "code": code,
                    "title": str(event.get("title") or "").strip(),
                    "subtitle": str(event.get("subtitle") or "").strip(),
                    "start": start,
                    "end": end,
                    "room": str(event.get("room") or room_name),
                    "track": str(event.get("track") or ""),
                    "kind": KIND_BY_TYPE.get(kind, "other"),
                    "body": body,
                    "slug": slugify(str(event.get("title") or code), max_length=80),
                    "url": str(event.get("url") or ""),
                    "person_codes": [],
                }
                if not record["title"]:
                    raise ImportProblem(path, f"talk {code} has no title", field="title")
                if kind in BREAK_TYPES:
                    breaks.append(record)
                    continue
                for person in event.get("persons") or []:
                    person_code = str(person.get("code") or slugify(person.get("name", "")))
                    name = str(person.get("public_name") or person.get("name") or "").strip()
                    if not name:
                        raise ImportProblem(
                            path, f"talk {code}: a person has no name", field="persons"
                        )
                    persons.setdefault(
                        person_code,
                        {
                            "code": person_code,
                            "name": name,
                            "slug": slugify(name, max_length=80),
                            "biography": str(person.get("biography") or "").strip(),
                        },
                    )
                    record["person_codes"].append(person_code)
                talks.append(record)
    return {
        "acronym": acronym,
        "title": str(conference.get("title") or ""),
        "version": str(data["schedule"].get("version") or ""),
        "time_zone": str(conference.get("time_zone_name") or ""),
        "start": conference.get("start"),
        "end": conference.get("end"),
        "rooms": rooms,
        "tracks": tracks,
        "talks": talks,
        "breaks": breaks,
        "persons": persons,
    }
