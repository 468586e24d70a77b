"""The demo news: an index, four announcements and one recap, all written for the demo.

Deterministic and idempotent: pages are found by slug and only created when missing, so a
second run changes nothing and editors' changes survive.
"""

import datetime
import io

from django.apps import apps
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from blog.models import AnnouncementPage, BlogCategory, NewsIndexPage, RecapPage

UTC = datetime.UTC
CATEGORIES = [
    ("Tickets", "tickets", "Registration, prices and grants."),
    ("Program", "program", "Talks, tutorials, keynotes and sprints."),
    ("Community", "community", "Volunteers, sponsors and everyone else."),
]


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level, "anchor": ""}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def markdown(text):
    return {"type": "markdown", "value": text}


def cover(title, colors):
    """A simple two-tone banner, generated so the demo needs no binary files."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    picture = PillowImage.new("RGB", (1200, 630), colors[0])
    draw = ImageDraw.Draw(picture)
    for step in range(0, 1200, 40):
        draw.rectangle([step, 630 - step // 2, step + 20, 630], fill=colors[1])
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    slug = title.lower().replace(" ", "-")
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"news-{slug}.png"))


def child(parent, model, slug, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def first_talk(home):
    """A talk of the demo program, if the program app built one (never required)."""
    try:
        TalkPage = apps.get_model("program", "TalkPage")
    except LookupError:
        return None
    return TalkPage.objects.descendant_of(home).live().order_by("start", "pk").first()


def build_news(home):
    index = child(
        home,
        NewsIndexPage,
        "news",
        title="News",
        intro="Announcements from the organizers, and recaps from the community.",
    )
    site = home.get_site()
    categories = {}
    for name, slug, description in CATEGORIES:
        categories[slug], _ = BlogCategory.objects.get_or_create(
            site=site, slug=slug, defaults={"name": name, "description": description}
        )

    posts = [
        (
            AnnouncementPage,
            "tickets-on-sale",
            {
                "title": "Tickets are on sale",
                "author": "The organizing team",
                "date": datetime.datetime(2027, 3, 2, 14, tzinfo=UTC),
                "category": categories["tickets"],
                "excerpt": "Early-bird prices last until the end of May. Group and student rates.",
                "cover_image": cover("Tickets on sale", ((11, 93, 59), (111, 211, 164))),
                "cover_alt": "Green banner with rising stripes",
                "body": [
                    paragraph(
                        "<p>Registration for {{ site.name }} is open. Early-bird tickets cost "
                        "less until the end of May, and every ticket includes lunch on all "
                        "three days.</p>"
                    ),
                    heading("What a ticket includes"),
                    markdown(
                        "| Ticket | Talks | Tutorials | Sprints |\n"
                        "|---|---|---|---|\n"
                        "| Individual | yes | extra | yes |\n"
                        "| Student | yes | extra | yes |\n"
                        "| Sprints only | no | no | yes |\n\n"
                        "Questions about invoices? Write to {{ site.contact_us_email }}."
                    ),
                    {
                        "type": "call_to_action",
                        "value": {"label": "Buy your ticket", "url": "{{ site.ticket_link }}"},
                    },
                ],
            },
            ["tickets", "registration"],
        ),
        (
            AnnouncementPage,
            "opportunity-grants",
            {
                "title": "Opportunity grants are open",
                "author": "Grants committee",
                "date": datetime.datetime(2027, 3, 16, 14, tzinfo=UTC),
                "category": categories["tickets"],
                "excerpt": "Help with tickets, travel and lodging for people who could not come.",
                "body": [
                    markdown(
                        "We set aside part of every sponsorship for **opportunity grants**: "
                        "free tickets and help with travel and lodging.\n\n"
                        "## Who can apply\n\n"
                        "- first-time attendees and speakers\n"
                        "- people from groups under-represented in tech\n"
                        "- students and people between jobs\n\n"
                        "## How to apply\n\n"
                        "Fill in the [application form]({{ site.opportunity_grant_application }})"
                        " before April 30. You will hear from us within three weeks."
                    ),
                ],
            },
            ["grants"],
        ),
        (
            AnnouncementPage,
            "keynotes-announced",
            {
                "title": "Our keynote speakers",
                "author": "Program committee",
                "date": datetime.datetime(2027, 5, 4, 14, tzinfo=UTC),
                "category": categories["program"],
                "excerpt": "Two keynotes open and close the talk days.",
                "cover_image": cover("Keynotes", ((10, 82, 163), (140, 196, 255))),
                "cover_alt": "Blue banner with rising stripes",
                "body": [
                    paragraph(
                        "<p>Two invited speakers open and close the talk days. Both keynotes "
                        "are recorded and published on the video channel.</p>"
                    ),
                    {
                        "type": "quote",
                        "value": {
                            "quote": "A framework lasts when its community keeps showing up.",
                            "attribution": "Program committee",
                        },
                    },
                    paragraph("<p>Book the conference hotel before the group rate ends.</p>"),
                    {
                        "type": "call_to_action",
                        "value": {
                            "label": "Reserve a room",
                            "url": "{{ site.hotel_reservation_link }}",
                            "style": "secondary",
                        },
                    },
                ],
            },
            ["keynote"],
        ),
        (
            AnnouncementPage,
            "volunteers-wanted",
            {
                "title": "Volunteers wanted",
                "author": "Volunteer team",
                "date": datetime.datetime(2027, 7, 6, 14, tzinfo=UTC),
                "category": categories["community"],
                "excerpt": "Session chairs, registration desk and sprint helpers.",
                "body": [
                    markdown(
                        "The conference runs on volunteers. A two-hour shift is a great way "
                        "to meet people.\n\n"
                        "1. Pick a role: registration, session chair or sprint helper.\n"
                        "2. Tell us which days suit you.\n"
                        "3. Join the volunteer briefing the evening before.\n\n"
                        "Write to {{ site.contact_us_email }} to sign up. Still need a ticket? "
                        "[Get one here]({{ site.ticket_link }})."
                    ),
                ],
            },
            ["volunteering"],
        ),
    ]
    for model, slug, fields, tags in posts:
        _post_with_tags(index, model, slug, fields, tags)

    talk = first_talk(home)
    recap_body = [
        paragraph(
            "<p>Three days, three rooms, and a hallway that never emptied. Here is what we "
            "saw, ate and learned.</p>"
        ),
        heading("Monday"),
        markdown(
            "### Monday morning talks\n\n"
            "The first morning was about testing and deployment. The room was full before "
            "the doors officially opened.\n\n"
            "### Monday afternoon talks\n\n"
            "After lunch the database track took over, with a tutorial on query plans and "
            "a talk about zero-downtime migrations.\n\n"
            "```python\n# the one-liner everybody photographed\n"
            "Talk.objects.select_related('room').prefetch_related('presenters')\n```"
        ),
        heading("Tuesday"),
        paragraph(
            "<p>Lightning talks closed the day: eleven speakers, five minutes each, and one "
            "live demo that worked on the first try.</p>"
        ),
        {
            "type": "image",
            "value": {
                "image": cover("Lightning talks", ((179, 0, 107), (255, 143, 208))).pk,
                "alt_text": "Pink banner standing in for a photo of the lightning talks",
                "caption": "The lightning talk queue, just before the buzzer.",
                "credit": "Illustration: demo content",
            },
        },
        heading("Wednesday"),
        heading("Sprints", level="h3"),
        markdown(
            "The sprint room hosted first-time contributors all day. Mentors paired with "
            "newcomers on documentation fixes, tests and [tickets](#monday-morning-talks) "
            "people had talked about on Monday."
        ),
    ]
    if talk is not None:
        recap_body.insert(3, {"type": "talk", "value": {"talk": talk.pk, "note": "Full room."}})
    _post_with_tags(
        index,
        RecapPage,
        "our-week-in-review",
        {
            "title": "Our week in review",
            "author": "A first-time attendee",
            "date": datetime.datetime(2027, 9, 27, 14, tzinfo=UTC),
            "category": categories["community"],
            "excerpt": "Three days of talks and one of sprints, day by day.",
            "body": recap_body,
        },
        ["recap", "sprints"],
    )
    return index


def _post_with_tags(index, model, slug, fields, tags):
    if model.objects.child_of(index).filter(slug=slug).exists():
        return
    page = model(slug=slug, **fields)
    for tag in tags:
        page.tags.add(tag)
    index.add_child(instance=page)
    page.save_revision().publish()
