"""The demo news: an index, four announcements and one recap, all written for the demo, each
with a cover drawn here (a stage, a room of chairs, a laptop, a skyline, a badge).

Deterministic and idempotent: pages are found by slug and only created when missing, so a
second run changes nothing and editors' changes survive.
"""

import datetime
import io
import random

from django.apps import apps
from django.core.files.images import ImageFile
from django.utils.text import slugify
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


PAPER, INK = (250, 246, 236), (33, 37, 48)


def png(picture):
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    return buffer


def person(draw, x, y, scale, colour, head=(224, 172, 105)):
    """A seen-from-behind or standing figure: a head on rounded shoulders."""
    draw.rounded_rectangle(
        (x - 26 * scale, y, x + 26 * scale, y + 60 * scale), radius=int(20 * scale), fill=colour
    )
    draw.ellipse((x - 15 * scale, y - 32 * scale, x + 15 * scale, y - 2 * scale), fill=head)


def stage(draw, rng, width, height):
    """A stage: a screen with a slide, a lectern, a speaker, and the first rows of heads."""
    draw.rectangle((0, 0, width, height), fill=(38, 42, 66))
    draw.rectangle((0, 430, width, height), fill=(92, 58, 44))  # stage floor
    draw.rectangle((300, 60, 900, 380), fill=PAPER)  # screen
    draw.rectangle((340, 100, 700, 140), fill=(29, 95, 191))  # slide title
    for row in range(4):
        draw.rectangle((340, 175 + row * 45, 340 + rng.randrange(260, 500), 195 + row * 45),
                       fill=(150, 160, 176))  # fmt: skip
    draw.polygon([(930, 330), (1030, 330), (1010, 470), (950, 470)], fill=(60, 40, 32))
    person(draw, 860, 330, 1.6, rng.choice([(170, 46, 52), (46, 112, 82), (236, 180, 50)]))
    for x in range(40, width, 90):  # the audience's heads, from behind
        shade = (18 + x % 30, 20, 30 + x % 40)
        draw.ellipse((x, 520 + x % 3 * 8, x + 70, 600 + x % 3 * 8), fill=shade)
        draw.rectangle((x - 10, 590, x + 80, height), fill=shade)


def lightning_stage(draw, rng, width, height):
    """The lightning-talk stage: a speaker and a big five-minute clock running out."""
    stage(draw, rng, width, height)
    draw.rectangle((300, 60, 900, 380), fill=(255, 214, 90))
    draw.polygon([(640, 90), (540, 240), (610, 240), (560, 360), (690, 200), (620, 200),
                  (680, 90)], fill=INK)  # fmt: skip
    draw.ellipse((60, 80, 260, 280), fill=PAPER, outline=INK, width=10)
    draw.pieslice((80, 100, 240, 260), -90, -90 + rng.randrange(250, 330), fill=(179, 0, 107))


def chairs(draw, rng, width, height):
    """A room set up for a talk: rows of chairs in perspective, a few already taken."""
    draw.rectangle((0, 0, width, height), fill=(222, 232, 238))
    draw.rectangle((0, 250, width, height), fill=(176, 150, 118))  # floor
    draw.rectangle((420, 40, 780, 220), fill=(40, 44, 60))  # screen, switched off
    seat = rng.choice([(29, 95, 191), (170, 46, 52), (46, 112, 82)])
    for row in range(5):
        scale = 0.6 + row * 0.25
        y = 270 + row * 70
        chair_width, gap = int(70 * scale), int(24 * scale)
        count = width // (chair_width + gap) + 1
        for column in range(count):
            x = column * (chair_width + gap) - row * 17
            draw.rectangle((x, y, x + chair_width, y + int(38 * scale)), fill=seat)  # back
            draw.rectangle((x, y + int(38 * scale), x + chair_width, y + int(52 * scale)),
                           fill=tuple(c // 2 for c in seat))  # fmt: skip
            if rng.random() < 0.12:
                person(draw, x + chair_width // 2, y - int(10 * scale), scale * 0.9,
                       rng.choice([(236, 180, 50), (120, 70, 150), (230, 120, 60)]))  # fmt: skip


def laptop(draw, rng, width, height):
    """A laptop on a sprint table, code on its screen, and a cup of coffee beside it."""
    draw.rectangle((0, 0, width, height), fill=(204, 226, 214))
    draw.rectangle((0, 470, width, height), fill=(150, 110, 80))  # table
    draw.rounded_rectangle((300, 70, 900, 440), radius=18, fill=INK)
    draw.rectangle((330, 100, 870, 410), fill=(24, 28, 38))
    colours = [(255, 140, 120), (140, 200, 255), (180, 230, 140), (250, 210, 110)]
    for line in range(11):
        indent = rng.choice((0, 0, 30, 60))
        x = 350 + indent
        for _ in range(rng.randrange(1, 4)):
            length = rng.randrange(40, 150)
            draw.rectangle((x, 115 + line * 26, x + length, 129 + line * 26),
                           fill=rng.choice(colours))  # fmt: skip
            x += length + 14
    draw.polygon([(250, 440), (950, 440), (1010, 490), (190, 490)], fill=(170, 174, 184))
    draw.rounded_rectangle((1010, 350, 1110, 470), radius=12, fill=PAPER)  # cup
    draw.arc((1080, 375, 1140, 435), -90, 90, fill=PAPER, width=12)
    for x in (1035, 1065):
        draw.arc((x - 15, 270, x + 15, 340), 90, 270, fill=(120, 130, 130), width=6)


def skyline(draw, rng, width, height):
    """A city at dusk across the river: towers with lit windows and their reflection."""
    for band in range(8):  # the sky, darker towards the top
        sky = (250 - band * 12, 170 - band * 10, 120 + band * 8)
        draw.rectangle((0, band * 50, width, band * 50 + 50), fill=sky)
    draw.ellipse((880, 90, 1000, 210), fill=(255, 226, 150))
    x = 0
    while x < width:
        building_width = rng.randrange(70, 150)
        top = rng.randrange(140, 360)
        shade = rng.choice([(44, 48, 72), (60, 56, 90), (36, 40, 58)])
        draw.rectangle((x, top, x + building_width, 470), fill=shade)
        for wy in range(top + 16, 450, 34):
            for wx in range(x + 12, x + building_width - 20, 28):
                if rng.random() < 0.55:
                    draw.rectangle((wx, wy, wx + 12, wy + 16), fill=(255, 214, 120))
        x += building_width + rng.randrange(4, 18)
    draw.rectangle((0, 470, width, height), fill=(40, 70, 110))  # river
    for y in range(490, height, 24):
        start = rng.randrange(0, 200)
        for wx in range(start, width, 260):
            draw.line((wx, y, wx + 90, y), fill=(120, 150, 190), width=4)


def badge(draw, rng, width, height):
    """A conference badge on its lanyard: photo, name lines and a code to scan."""
    draw.rectangle((0, 0, width, height), fill=(200, 232, 214))
    strap = (11, 93, 59)
    draw.polygon([(420, 0), (470, 0), (610, 180), (580, 200)], fill=strap)
    draw.polygon([(780, 0), (730, 0), (590, 180), (620, 200)], fill=strap)
    draw.rounded_rectangle((440, 180, 760, 600), radius=22, fill=PAPER, outline=INK, width=6)
    draw.rectangle((440, 180, 760, 250), fill=strap)
    draw.ellipse((550, 270, 650, 370), fill=(198, 134, 66))
    draw.rectangle((490, 395, 710, 420), fill=INK)
    draw.rectangle((520, 435, 680, 452), fill=(120, 124, 134))
    for row in range(6):
        for column in range(6):
            if rng.random() < 0.5:
                draw.rectangle((545 + column * 18, 470 + row * 18, 561 + column * 18,
                                486 + row * 18), fill=INK)  # fmt: skip


SCENES = {
    "stage": stage,
    "lightning": lightning_stage,
    "chairs": chairs,
    "laptop": laptop,
    "skyline": skyline,
    "badge": badge,
}


def cover(title, scene):
    """A drawn illustration (SCENES) for a post, generated so the demo needs no binary files;
    its details are seeded by the title, so every run draws the same picture."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    width, height = 1200, 630
    picture = PillowImage.new("RGB", (width, height))
    rng = random.Random(title)  # noqa: S311 (a drawing, not a secret)
    SCENES[scene](ImageDraw.Draw(picture), rng, width, height)
    slug = slugify(title)
    return Image.objects.create(title=title, file=ImageFile(png(picture), name=f"news-{slug}.png"))


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

    # model, slug, fields, tags, cover (image title, scene, alt text)
    posts = [
        (
            AnnouncementPage,
            "tickets-on-sale",
            {
                "title": "Tickets are on sale",
                "author": "The organizing team",
                "date": datetime.datetime(2027, 3, 2, 14, tzinfo=UTC),
                "category": categories["tickets"],
                "excerpt": "Registration is open, with group and student rates from day one.",
                "body": [
                    paragraph(
                        "<p>Registration for {{ site.name }} opened this morning, and the first "
                        "hundred badges are already spoken for. Every ticket covers lunch, "
                        "coffee and snacks on all three days, plus the opening reception on "
                        "Monday evening.</p>"
                    ),
                    heading("What a ticket includes"),
                    markdown(
                        "| Ticket | Talks | Tutorials | Sprints |\n"
                        "|---|---|---|---|\n"
                        "| Individual | yes | extra | yes |\n"
                        "| Student | yes | extra | yes |\n"
                        "| Sprints only | no | no | yes |\n\n"
                        "Need an invoice with your company's tax number, or a purchase order "
                        "signed first? Write to {{ site.contact_us_email }} and someone from "
                        "the team will reply within two working days."
                    ),
                    heading("Group and student rates"),
                    paragraph(
                        "<p>Teams of five or more get a tenth off every ticket in the same "
                        "order. Students and people between jobs pay the reduced rate on "
                        "their word: we ask for no proof.</p>"
                    ),
                    {
                        "type": "call_to_action",
                        "value": {"label": "Buy your ticket", "url": "{{ site.ticket_link }}"},
                    },
                ],
            },
            ["tickets", "registration"],
            ("Tickets on sale", "badge", "A conference badge hanging from a green lanyard"),
        ),
        (
            AnnouncementPage,
            "opportunity-grants",
            {
                "title": "Opportunity grants are open",
                "author": "Grants committee",
                "date": datetime.datetime(2027, 3, 16, 14, tzinfo=UTC),
                "category": categories["tickets"],
                "excerpt": "Free tickets and help with travel and lodging, for people who "
                "could not otherwise come.",
                "body": [
                    markdown(
                        "Last year the grants fund brought forty-one people to the conference, "
                        "from eleven countries. This year three sponsors have doubled their "
                        "contribution, so we hope to welcome even more.\n\n"
                        "A grant can cover a **free ticket**, a share of your **travel** and up "
                        "to four **hotel nights** at the conference rate.\n\n"
                        "## Who can apply\n\n"
                        "- first-time attendees and first-time speakers\n"
                        "- people from groups under-represented in tech\n"
                        "- students, volunteers of open-source projects and people between "
                        "jobs\n\n"
                        "## How to apply\n\n"
                        "Fill in the [application form]({{ site.opportunity_grant_application }})"
                        " before April 30; it takes about ten minutes. The committee reads "
                        "every application anonymously and answers everyone within three "
                        "weeks, whatever the decision."
                    ),
                ],
            },
            ["grants"],
            ("Opportunity grants", "skyline", "A city skyline at dusk across a river"),
        ),
        (
            AnnouncementPage,
            "keynotes-announced",
            {
                "title": "Our keynote speakers",
                "author": "Program committee",
                "date": datetime.datetime(2027, 5, 4, 14, tzinfo=UTC),
                "category": categories["program"],
                "excerpt": "Kwame Asante, Chloé Dubois and Mei-Lin Zhou open the talk days "
                "and close the conference.",
                "body": [
                    paragraph(
                        "<p>Kwame Asante of Pinecone Civic Tech opens Monday with twenty years "
                        "of releasing software on Fridays. On Tuesday, Chloé Dubois asks what "
                        "kind of web we will hand to the people who come after us. Mei-Lin "
                        "Zhou closes the conference on Wednesday afternoon with a look at the "
                        "next twenty years.</p>"
                    ),
                    {
                        "type": "quote",
                        "value": {
                            "quote": "We picked three people whose work we kept recommending to "
                            "each other over lunch.",
                            "attribution": "Program committee",
                        },
                    },
                    paragraph(
                        "<p>All three keynotes are captioned live, recorded and published on "
                        "the video channel within a week. The other rooms stay closed during "
                        "keynotes, so nobody has to choose.</p>"
                    ),
                    paragraph(
                        "<p>Coming from out of town? The group rate at the hotel next door "
                        "ends four weeks before the first day.</p>"
                    ),
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
            ("Keynotes", "stage", "A speaker at a lectern in front of a large screen"),
        ),
        (
            AnnouncementPage,
            "volunteers-wanted",
            {
                "title": "Volunteers wanted",
                "author": "Volunteer team",
                "date": datetime.datetime(2027, 7, 6, 14, tzinfo=UTC),
                "category": categories["community"],
                "excerpt": "Session chairs, registration desk and sprint helpers: two-hour shifts.",
                "body": [
                    markdown(
                        "About sixty volunteers keep the rooms on time, the badges sorted and "
                        "the coffee flowing. Most of them are attendees who give two hours "
                        "and make a dozen new friends in the process.\n\n"
                        "1. Pick a role: registration desk, session chair, captions helper or "
                        "sprint mentor.\n"
                        "2. Tell us which half-days suit you; nobody works more than two "
                        "shifts.\n"
                        "3. Come to the briefing on Sunday evening, where we hand out the "
                        "green lanyards and the pizza.\n\n"
                        "Write to {{ site.contact_us_email }} to sign up. Volunteering does "
                        "not replace a ticket, but the grants committee is glad to hear from "
                        "you: [apply here]({{ site.opportunity_grant_application }})."
                    ),
                ],
            },
            ["volunteering"],
            ("Volunteers wanted", "chairs", "Rows of empty chairs waiting for an audience"),
        ),
    ]
    for model, slug, fields, tags, picture in posts:
        _post_with_tags(index, model, slug, fields, tags, picture)

    _post_with_tags(
        index,
        RecapPage,
        "our-week-in-review",
        {
            "title": "Our week in review",
            "author": "A first-time attendee",
            "date": datetime.datetime(2027, 9, 27, 14, tzinfo=UTC),
            "category": categories["community"],
            "excerpt": "Three days of talks, tutorials and sprints, seen by someone who had "
            "never been before.",
            "body": recap_body(home),
        },
        ["recap", "sprints"],
        ("Week in review", "laptop", "A laptop showing code beside a cup of coffee"),
    )
    return index


def recap_body(home):
    talk = first_talk(home)
    body = [
        paragraph(
            "<p>I nearly did not come: I knew nobody, and I had only used Django at work for "
            "a year. By the Monday coffee break I had been invited to two lunch tables and "
            "one board game night.</p>"
        ),
        heading("Monday"),
        markdown(
            "### Monday morning talks\n\n"
            "The opening keynote set the tone: small releases, boring tooling, going home "
            "on time. Straight after, the talk on background jobs had people photographing "
            "its retry checklist.\n\n"
            "### Monday afternoon talks\n\n"
            "I stayed in the Dogwood Room for the billion-row migration story, which got "
            "the loudest laugh of the day when the first attempt locked the table.\n\n"
            "```python\n# the query half the room copied down\n"
            "Talk.objects.select_related('room').prefetch_related('presenters')\n```"
        ),
        heading("Tuesday"),
        paragraph(
            "<p>The lightning talks closed the day: eleven speakers, one poem about "
            "migrations, and a live demo that worked on the first try to loud applause.</p>"
        ),
        {
            "type": "image",
            "value": {
                "image": cover("Lightning talks", "lightning").pk,
                "alt_text": "Drawing of a lightning-talk stage with a countdown clock",
                "caption": "Five minutes each, and the clock is not negotiable.",
                "credit": "Illustration: demo content",
            },
        },
        heading("Wednesday"),
        heading("Sprints", level="h3"),
        markdown(
            "I spent the afternoon in the sprint room with a mentor who had answered my "
            "question in the hallway on Monday. By four o'clock my first documentation fix "
            "was under review, next to [tickets](#monday-morning-talks) from the talks."
        ),
    ]
    if talk is not None:
        body.insert(3, {"type": "talk", "value": {"talk": talk.pk, "note": "Standing room."}})
    return body


def _post_with_tags(index, model, slug, fields, tags, picture):
    """Create the post when the index has none of that slug; its cover is drawn only then."""
    if model.objects.child_of(index).filter(slug=slug).exists():
        return
    title, scene, alt = picture
    page = model(slug=slug, cover_image=cover(title, scene), cover_alt=alt, **fields)
    for tag in tags:
        page.tags.add(tag)
    index.add_child(instance=page)
    page.save_revision().publish()
