"""The rules of a schedule, called by `TalkPage.clean()` and `ScheduleItem.clean()` so that the
admin, the importer and scripts all obey them (the admin forms only show the errors)."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from home.edition import long_date

# Addresses the program's routes and feeds answer (ProgramPage, TalkPage and the news routes,
# the sitemap): a talk with one of these slugs would be hidden behind the route.
RESERVED_SLUGS = frozenset({"calendar", "json", "rss", "atom", "category", "xml"})
ENDS_BEFORE_START = "The end must be after the start."


def validate_slug_is_not_a_route(slug: str) -> None:
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            "This address is used by the schedule; choose another slug.", code="reserved_slug"
        )


def validate_ends_after_start(
    start: datetime.datetime | None,
    end: datetime.datetime | None,
    message: str = ENDS_BEFORE_START,
) -> None:
    if start and end and end <= start:
        raise ValidationError(message, code="ends_before_start")


def validate_inside_edition(conference, value: datetime.datetime | None) -> None:
    """`value` falls on one of the edition's days, in its zone: a conference day, a tutorial
    day or a sprint day (`ConferenceSettings.day_ranges`). Editions without both dates of
    their own accept any time."""
    ranges = conference.day_ranges() if conference and value else []
    if not ranges:
        return
    day = timezone.localtime(value, conference.tzinfo).date()
    if any(day in days for days in ranges):
        return
    if len(ranges) == 1:
        named = f"{ranges[0]}, {conference.time_zone}"
    else:
        named = "; ".join([*(f"{days.label} {days}" for days in ranges), conference.time_zone])
    raise ValidationError(
        f"This is on {long_date(day)}, outside the edition's dates ({named}).",
        code="outside_edition",
    )


def schedule_errors(conference, start, end, *, end_message: str | None = None) -> dict:
    """Every error of a slot's times, by field name (for `ValidationError(dict)`)."""
    errors = {}
    for name, value in (("start", start), ("end", end)):
        try:
            validate_inside_edition(conference, value)
        except ValidationError as error:
            errors[name] = list(error.messages)
    try:
        validate_ends_after_start(start, end, end_message or ENDS_BEFORE_START)
    except ValidationError as error:
        errors.setdefault("end", []).extend(error.messages)
    return errors
