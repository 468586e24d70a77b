from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html, format_html_join

from home.mixins import edition_site_id

register = template.Library()


@register.simple_tag(takes_context=True)
def track_colours_url(context):
    """The address of the track colours of the edition being served (program.views): one per
    edition, also in a preview, which the admin's host serves."""
    site_id = edition_site_id(context.get("page"), context.get("request"))
    return reverse("track-colours", args=[site_id or 0])


@register.simple_tag(takes_context=True)
def subpage_url(context, page, name):
    """The URL of a route of a routable program page (its calendar, its JSON), without
    requiring wagtail.contrib.routable_page in INSTALLED_APPS for its template tags."""
    base = page.get_url(context.get("request")) or ""
    return base + page.reverse_subpage(name)


def clock(moment):
    """ "2:30 PM", as the `time:"g:i A"` filter writes it (moment is already local)."""
    return f"{moment.hour % 12 or 12}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


@register.simple_tag
def schedule_entry(entry):
    """One talk or break of the schedule (program.schedule_data.Slot). Written in Python rather than
    as an included template: the schedule shows a few hundred of them, and an include each
    was most of the page's rendering time."""
    classes = f"entry entry--{entry.kind}"
    if not entry.is_talk:
        classes += " entry--item"
    if entry.track is not None and entry.track.colour:
        classes += f" track-{entry.track.pk}"
    if entry.url:
        title = format_html('<a href="{}">{}</a>', entry.url, entry.title)
    else:
        title = conditional_escape(entry.title)
    meta = [
        format_html(
            '<time datetime="{}">{}</time>–<time datetime="{}">{}</time>',
            entry.start.isoformat(),
            clock(entry.start),
            entry.end.isoformat(),
            clock(entry.end),
        )
    ]
    if entry.is_talk:
        meta.append(conditional_escape(entry.kind_label))
    if entry.room is not None:
        meta.append(format_html('<span class="entry__room">{}</span>', entry.room.name))
    if entry.track is not None:
        meta.append(conditional_escape(entry.track.name))
    people = ""
    if entry.presenters:
        people = format_html(
            '\n    <p class="entry__people">{}</p>',
            format_html_join(
                ", ",
                "{}",
                (
                    (
                        format_html('<a href="{}">{}</a>', person.url, person.title)
                        if person.url
                        else person.title,
                    )
                    for person in entry.presenters
                ),
            ),
        )
    return format_html(
        '<div class="{}">\n    <p class="entry__title">{}</p>\n'
        '    <p class="entry__meta">{}</p>{}\n</div>',
        classes,
        title,
        format_html_join(" · ", "{}", ((part,) for part in meta)),
        people,
    )
