"""What the admin proposes for the edition after a given one: the same conference a year on."""

import datetime
import re

from home.edition import ConferenceSettings

YEAR = re.compile(r"(?<!\d)20\d\d(?!\d)")


def one_year_later(day: datetime.date | None) -> datetime.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def edition_year(conference: ConferenceSettings) -> int | None:
    """The edition's year: that of its first day, else the one its name or host name gives."""
    if conference.start_date:
        return conference.start_date.year
    for text in (conference.name, conference.site.hostname):
        match = YEAR.search(text or "")
        if match:
            return int(match.group())
    return None


def next_edition(conference: ConferenceSettings) -> dict:
    """The form's values for the edition after `conference`: the year in its name and host
    name moved on by one, its dates a year later, its time zone. A host name without the year
    is left for the editor to choose (the source's own is taken)."""
    year = edition_year(conference)
    hostname = conference.site.hostname

    def next_year(text):
        return text.replace(str(year), str(year + 1)) if year else text

    return {
        "copy_from": hostname,
        "name": next_year(conference.name),
        "hostname": next_year(hostname) if year and str(year) in hostname else "",
        "start": one_year_later(conference.start_date),
        "end": one_year_later(conference.end_date),
        "time_zone": conference.time_zone,
    }
