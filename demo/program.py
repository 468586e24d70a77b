"""The demo program: three days, three rooms, three tracks, 47 sessions and 40 presenters.

Every name, company, title and bio here is invented for the demo. The builder is
deterministic and idempotent: it creates only what is missing, so a second run changes
nothing and editors' changes survive.
"""

import datetime
import hashlib
import io

from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model

from home.models import ConferenceSettings
from program.models import (
    ItemKind,
    PresenterIndexPage,
    PresenterPage,
    ProgramPage,
    Room,
    ScheduleItem,
    TalkKind,
    TalkPage,
    TalkPresenter,
    Track,
)

ROOMS = [
    ("Cardinal Hall", "cardinal-hall", 1, 600),
    ("Dogwood Room", "dogwood-room", 2, 180),
    ("Longleaf Room", "longleaf-room", 3, 140),
]
TRACKS = [
    ("Web and APIs", "web", "#1d5fbf", 1),
    ("Data and operations", "data-ops", "#a34d00", 2),
    ("Community and craft", "community", "#7a3db8", 3),
]

# name, pronouns, role, company, what they work on, an aside about them ({first} = first name)
PRESENTERS = [
    ("Amara Okafor", "she/her", "Staff engineer", "Brightwater Labs",
     "background jobs and the queues behind them",
     "{first} restores old road bicycles and rides them far too slowly."),
    ("Tomasz Wilk", "he/him", "Backend developer", "Saltmarsh Software",
     "database migrations on very large tables",
     "{first} bakes sourdough and keeps a spreadsheet of every loaf."),
    ("Priya Raman", "she/her", "Engineering manager", "Tidewell Health",
     "accessible forms for patient portals",
     "{first} sings second alto in a community choir."),
    ("Diego Ferreira", "he/him", "Freelance developer", "",
     "Django projects for small nonprofits",
     "{first} is learning the cello, to the neighbours' mixed delight."),
    ("Hana Kobayashi", "she/her", "Data engineer", "Orchard Analytics",
     "the pipelines that feed dashboards",
     "{first} grows chillies on a very small balcony."),
    ("Samuel Mensah", "he/him", "Developer advocate", "Quillfeather",
     "developer documentation",
     "{first} runs a monthly meetup for people new to Python."),
    ("Inês Carvalho", "she/her", "Security engineer", "Northbank Credit Union",
     "authentication and session hardening",
     "{first} climbs indoors and, on good days, outdoors."),
    ("Jonah Bergström", "he/him", "Site reliability engineer", "Meridian Transit Authority",
     "deployments that nobody notices",
     "{first} collects the transit maps of every city on the way."),
    ("Lucía Márquez", "she/her", "Frontend developer", "Copperleaf Media",
     "HTML-first interfaces",
     "{first} draws a small comic about programming every week."),
    ("Kwame Asante", "he/him", "CTO", "Pinecone Civic Tech",
     "open data for city councils",
     "{first} coaches a youth football team on Saturday mornings."),
    ("Mei-Lin Zhou", "she/they", "Research software engineer", "University of Eastport",
     "reproducible research platforms",
     "{first} knits, mostly socks, occasionally during meetings."),
    ("Oskar Lindqvist", "he/him", "Principal engineer", "Kestrel Robotics",
     "Python performance",
     "{first} builds mechanical keyboards and types on a different one each month."),
    ("Fatima Zahra Benali", "she/her", "Full-stack developer", "Foxglove Learning",
     "learning platforms for schools",
     "{first} translates technical articles into French and Arabic."),
    ("Rowan Ellis", "they/them", "Open source maintainer", "",
     "reusable Django apps",
     "{first} walks long-distance trails and writes release notes on the train home."),
    ("Gabriel Santos", "he/him", "Software engineer", "Lanternfish Data",
     "search with PostgreSQL",
     "{first} plays bass in a surf rock band."),
    ("Nadia Haddad", "she/her", "Product engineer", "Harbor & Pine",
     "payments and invoicing",
     "{first} is slowly reading every novel on a very long list."),
    ("Ethan Clarke", "he/him", "Junior developer", "Brightwater Labs",
     "tests and the Django test client",
     "{first} taught chemistry for eight years before changing careers."),
    ("Yuki Tanaka", "she/her", "Platform engineer", "Saltmarsh Software",
     "containers and build pipelines",
     "{first} photographs city rooftops at dawn."),
    ("Adebayo Adeyemi", "he/him", "Lead developer", "Tidewell Health",
     "multi-tenant Django",
     "{first} cooks big pots of jollof rice for friends."),
    ("Sofia Rossi", "she/her", "Designer and developer", "Copperleaf Media",
     "design systems",
     "{first} binds notebooks by hand."),
    ("Liam O'Brien", "he/him", "Consultant", "Harbor & Pine",
     "rescuing legacy projects",
     "{first} swims in the sea all year round."),
    ("Aisha Kamara", "she/her", "Machine learning engineer", "Orchard Analytics",
     "serving models from web applications",
     "{first} mentors at a coding bootcamp."),
    ("Mateo Álvarez", "he/him", "Backend developer", "Meridian Transit Authority",
     "real-time APIs",
     "{first} is a keen amateur astronomer."),
    ("Chloé Dubois", "she/her", "Accessibility specialist", "Foxglove Learning",
     "screen reader testing",
     "{first} does cryptic crosswords in ink."),
    ("Arjun Mehta", "he/him", "Engineering director", "Lanternfish Data",
     "growing engineering teams",
     "{first} plays competitive table tennis."),
    ("Zainab Yusuf", "she/her", "Software engineer", "Pinecone Civic Tech",
     "internationalization",
     "{first} speaks four languages and is working on a fifth."),
    ("Noah Fischer", "he/him", "DevOps engineer", "Kestrel Robotics",
     "observability",
     "{first} restores vintage radios."),
    ("Elena Popescu", "she/her", "Community organizer", "Eastport Python User Group",
     "welcoming meetups",
     "{first} hosts a podcast about community building."),
    ("Marcus Johnson", "he/him", "Staff engineer", "Quillfeather",
     "async Python",
     "{first} brews coffee with unreasonable precision."),
    ("Leila Ahmadi", "she/her", "Data scientist", "University of Eastport",
     "taking notebooks to production",
     "{first} paints watercolour landscapes."),
    ("Kai Nakamura", "they/them", "Security researcher", "",
     "software supply-chain security",
     "{first} plays viola in a community orchestra."),
    ("Rosa Jiménez", "she/her", "Tech lead", "Northbank Credit Union",
     "code review culture",
     "{first} volunteers at an animal shelter."),
    ("Tobias Weber", "he/him", "Software architect", "Saltmarsh Software",
     "modular monoliths",
     "{first} builds wooden furniture without screws."),
    ("Grace Liu", "she/her", "Computer science student", "University of Eastport",
     "first contributions to open source",
     "{first} organizes the university's weekly hack night."),
    ("Omar Farouk", "he/him", "Backend engineer", "Tidewell Health",
     "caching",
     "{first} runs a marathon every autumn."),
    ("Ingrid Nilsen", "she/her", "CMS developer", "Copperleaf Media",
     "content editing experiences",
     "{first} sails small boats on cold lakes."),
    ("David Kim", "he/him", "Founder", "Harbor & Pine",
     "running a small software business",
     "{first} is an enthusiastic but unskilled surfer."),
    ("Amelia Brown", "she/her", "QA engineer", "Brightwater Labs",
     "browser testing",
     "{first} plays board games competitively."),
    ("Ravi Shankar", "he/him", "Database administrator", "Lanternfish Data",
     "PostgreSQL tuning",
     "{first} grows bonsai trees, patiently."),
    ("Julia Novak", "she/her", "Developer", "Pinecone Civic Tech",
     "maps and GeoDjango",
     "{first} hikes with a paper map out of stubbornness."),
]  # fmt: skip

KIND_NOTES = {
    TalkKind.TALK: "The talk leaves ten minutes for questions at the end.",
    TalkKind.KEYNOTE: "Every attendee is welcome; the other rooms are closed during keynotes.",
    TalkKind.LIGHTNING: (
        "Sign up at the registration desk until lunch. Talks last five minutes, strictly."
    ),
    TalkKind.PANEL: "Questions from the audience are welcome throughout.",
    TalkKind.DEEP_DIVE: "A longer session with room for detail and plenty of code on screen.",
    TalkKind.WORKSHOP: "Bring a laptop with Python 3.11 or newer installed.",
    TalkKind.TUTORIAL: (
        "A hands-on session: bring a laptop with Python 3.11 or newer. Setup instructions "
        "are sent to registered attendees a week before."
    ),
    TalkKind.SPRINT: "No experience with contributing is needed, only curiosity.",
}

LEVEL_NOTES = {
    "all": "Everyone is welcome: no particular experience is assumed.",
    "beginner": "Made for people who are new to Django or to the topic.",
    "intermediate": "Assumes you have built and deployed at least one Django project.",
    "advanced": "Goes deep quickly; familiarity with the topic helps.",
}

# title, kind, track slug, tags, difficulty, presenter slugs, summary
TALKS = [
    ("Twenty years of shipping on Fridays", "keynote", "community", ["community", "career"],
     "all", ["kwame-asante"],
     "What two decades of small, boring releases taught one team about trust, tooling and "
     "going home on time."),
    ("Background jobs without the background anxiety", "talk", "web", ["async", "deployment"],
     "intermediate", ["amara-okafor"],
     "A tour of task queues, retries and idempotency, and how to sleep through a failed job."),
    ("Migrating a billion-row table while everyone watches", "talk", "data-ops",
     ["orm", "postgresql"], "advanced", ["tomasz-wilk", "ravi-shankar"],
     "Zero-downtime schema changes on very large tables, step by step, with the mistakes we "
     "made first."),
    ("Your first pull request to Django", "talk", "community", ["beginners", "open-source"],
     "beginner", ["grace-liu", "rowan-ellis"],
     "From finding a ticket to getting a review: the path two newcomers took, detours "
     "included."),
    ("Forms that everyone can fill in", "talk", "web", ["accessibility", "forms"], "beginner",
     ["priya-raman"],
     "Labels, errors and focus order: making Django forms work with keyboards and screen "
     "readers."),
    ("Postgres full-text search is probably enough", "talk", "data-ops",
     ["postgresql", "search"], "intermediate", ["gabriel-santos"],
     "When you can skip a search cluster, and how to rank, highlight and index results in "
     "PostgreSQL alone."),
    ("Documentation people actually read", "talk", "community", ["documentation"], "all",
     ["samuel-mensah"],
     "Tutorials, how-to guides and reference pages: writing each one for the reader who "
     "needs it."),
    ("HTML over the wire, in practice", "talk", "web", ["htmx", "frontend"], "intermediate",
     ["lucia-marquez"],
     "Interactive pages with htmx and Django templates, and knowing when to reach for "
     "JavaScript."),
    ("Observability on a shoestring", "talk", "data-ops", ["observability", "deployment"],
     "intermediate", ["noah-fischer"],
     "Logs, metrics and traces for a small team, with tools you can run yourself."),
    ("What the classroom taught the developer", "talk", "community", ["career"], "beginner",
     ["ethan-clarke"],
     "Lessons from a chemistry classroom that turned out to matter in code review, pairing "
     "and onboarding."),
    ("Sessions, cookies and the attacker next door", "talk", "web", ["security"],
     "intermediate", ["ines-carvalho"],
     "Session fixation, CSRF and cookie settings, with Django's defaults explained."),
    ("From notebook to production in one afternoon", "talk", "data-ops", ["data", "ml"],
     "intermediate", ["leila-ahmadi", "aisha-kamara"],
     "Turning a data scientist's notebook into a tested Django view without rewriting "
     "everything."),
    ("Running a meetup people come back to", "talk", "community", ["community"], "all",
     ["elena-popescu"],
     "Venues, formats, codes of conduct and the small gestures that make newcomers return."),
    ("Async views: where they help and where they hurt", "talk", "web",
     ["async", "performance"], "advanced", ["marcus-johnson"],
     "Benchmarks, pitfalls and a decision guide for async Django in real applications."),
    ("Profiling Python without guessing", "talk", "data-ops", ["performance"], "intermediate",
     ["oskar-lindqvist"],
     "Sampling profilers, flame graphs and how to read them before optimizing anything."),
    ("Design systems for teams of three", "talk", "community", ["design", "frontend"], "all",
     ["sofia-rossi"],
     "A component library that fits a small team: tokens, templates and a living style "
     "guide."),
    ("Multi-tenancy: schemas, rows or sites?", "talk", "web", ["orm", "architecture"],
     "advanced", ["adebayo-adeyemi"],
     "Three ways to serve many customers from one Django project, and what each costs "
     "later."),
    ("Caching you can reason about", "talk", "data-ops", ["performance", "caching"],
     "intermediate", ["omar-farouk"],
     "Per-view, fragment and low-level caching, invalidation strategies and how to test "
     "them."),
    ("Reviewing code with kindness and rigour", "talk", "community", ["career"], "all",
     ["rosa-jimenez"],
     "Review habits that catch bugs and keep colleagues: checklists, tone and when to pair "
     "instead."),
    ("Lightning talks: Monday", "lightning", "community", ["community"], "all", ["david-kim"],
     "Five-minute talks from anyone who signs up at the registration desk."),
    # Day two
    ("The web we want to leave behind", "keynote", "web", ["accessibility", "community"],
     "all", ["chloe-dubois"],
     "Accessibility, speed and longevity as the measures of a website worth building."),
    ("Real-time transit data with Django Channels", "talk", "web", ["async", "apis"],
     "intermediate", ["mateo-alvarez", "jonah-bergstrom"],
     "Streaming vehicle positions to thousands of riders, and keeping it running through "
     "rush hour."),
    ("Reproducible research with Django and containers", "talk", "data-ops",
     ["data", "deployment"], "intermediate", ["mei-lin-zhou"],
     "How a university lab packages its research platform so results can be rerun years "
     "later."),
    ("Translating an app into twelve languages", "talk", "community", ["i18n"],
     "intermediate", ["zainab-yusuf", "fatima-zahra-benali"],
     "Message catalogs, plural forms, right-to-left layouts and working with volunteer "
     "translators."),
    ("Designing APIs your future self will thank you for", "talk", "web", ["apis"],
     "intermediate", ["nadia-haddad"],
     "Versioning, pagination and error formats for APIs that outlive their first client."),
    ("Serving machine learning models from Django", "talk", "data-ops",
     ["ml", "performance"], "advanced", ["aisha-kamara"],
     "Loading, caching and monitoring models behind a plain Django view."),
    ("Maintaining a reusable app for ten years", "talk", "community", ["open-source"], "all",
     ["rowan-ellis"],
     "Deprecations, release notes, supported versions and saying no politely."),
    ("A tour of the ORM's query expressions", "talk", "web", ["orm"], "intermediate",
     ["tomasz-wilk"],
     "F, Q, Subquery, window functions and how to read the SQL they produce."),
    ("Builds that take seconds, not minutes", "talk", "data-ops",
     ["deployment", "containers"], "intermediate", ["yuki-tanaka"],
     "Layer caching, dependency locking and small images for Django projects."),
    ("Teaching Django to teenagers", "talk", "community", ["education", "beginners"],
     "beginner", ["fatima-zahra-benali"],
     "What a school coding club learned building its own website with Django."),
    ("Maps in minutes with GeoDjango", "talk", "web", ["gis"], "intermediate",
     ["julia-novak"],
     "Spatial fields, distance queries and tile maps for a community garden directory."),
    ("Your supply chain is bigger than you think", "talk", "data-ops", ["security"],
     "intermediate", ["kai-nakamura"],
     "Lock files, hashes, provenance and what to do when a dependency goes bad."),
    ("Bootstrapping a business on Django", "talk", "community", ["career", "business"], "all",
     ["david-kim"],
     "Ten years of running a small software company on a boring, reliable stack."),
    ("How we run Django in production", "panel", "data-ops", ["deployment", "observability"],
     "all", ["liam-obrien", "yuki-tanaka", "noah-fischer", "adebayo-adeyemi"],
     "Four teams compare their deployments, on-call rotations and the incidents that "
     "changed their minds."),
    ("Inside the template engine", "deep-dive", "web", ["templates", "performance"],
     "advanced", ["oskar-lindqvist"],
     "How Django compiles and renders templates, and where the time goes on a slow page."),
    ("Browser tests with Playwright", "workshop", "web", ["testing"], "intermediate",
     ["amelia-brown", "ethan-clarke"],
     "Write browser tests for a Django app that run in continuous integration."),
    ("Editing experiences editors enjoy", "talk", "web", ["wagtail", "cms"], "all",
     ["ingrid-nilsen"],
     "Page models, StreamField blocks and previews that make a content team's day easier."),
    ("Modular monoliths in practice", "talk", "data-ops", ["architecture"], "advanced",
     ["tobias-weber"],
     "Drawing boundaries inside one Django project before anyone says microservices."),
    ("Growing a team without losing the plot", "talk", "community", ["career", "leadership"],
     "all", ["arjun-mehta"],
     "Hiring, onboarding and keeping a shared understanding as a team doubles."),
    ("Lightning talks: Tuesday", "lightning", "community", ["community"], "all",
     ["samuel-mensah"],
     "Another round of five-minute talks, sign-ups at the registration desk."),
    # Day three
    ("Django from zero to deployed", "tutorial", "web", ["beginners", "deployment"],
     "beginner", ["diego-ferreira", "grace-liu"],
     "Build and deploy a small Django site in one morning, from startproject to a public "
     "address."),
    ("Test-driven Django", "tutorial", "web", ["testing"], "intermediate", ["amelia-brown"],
     "Write the test first for models, views and forms, and keep the suite fast."),
    ("Data pipelines with Django and PostgreSQL", "tutorial", "data-ops",
     ["data", "postgresql"], "intermediate", ["hana-kobayashi", "ravi-shankar"],
     "Load, clean and aggregate data with management commands, the ORM and a little SQL."),
    ("Sprint kickoff: your first contribution", "sprint", "community",
     ["open-source", "beginners"], "beginner", ["rowan-ellis", "elena-popescu"],
     "Set up Django's development environment and pick a first ticket with a mentor."),
    ("Accessible front ends with Django templates", "tutorial", "web",
     ["accessibility", "frontend"], "beginner", ["chloe-dubois", "priya-raman"],
     "Build a page that works with a keyboard, a screen reader and zoom, and test it."),
    ("Securing a Django project", "tutorial", "data-ops", ["security"], "intermediate",
     ["ines-carvalho"],
     "Run the deployment checks, fix what they find and add the headers they do not check."),
    ("The next twenty years", "keynote", "community", ["community"], "all", ["mei-lin-zhou"],
     "A closing look at where the community, the framework and the web might go next."),
]  # fmt: skip

C, D, L = "cardinal-hall", "dogwood-room", "longleaf-room"
# (day index, start, end, room slug) for each entry of TALKS, in the same order.
SLOTS_DAY = [
    ("09:00", "09:45", [C]),
    ("10:00", "10:40", [C, D, L]),
    ("11:00", "11:40", [C, D, L]),
    ("11:50", "12:30", [C, D, L]),
    ("13:30", "14:10", [C, D, L]),
    ("14:20", "15:00", [C, D, L]),
    ("15:30", "16:10", [C, D, L]),
    ("16:20", "17:00", [C]),
]
SLOTS_DAY_TWO = [
    ("09:00", "09:45", [C]),
    ("10:00", "10:40", [C, D, L]),
    ("11:00", "11:40", [C, D, L]),
    ("11:50", "12:30", [C, D, L]),
    ("13:30", "14:10", [C, D, L]),
    ("14:20", "15:20", [C, D, L]),
    ("15:40", "16:20", [C, D, L]),
    ("16:30", "17:15", [C]),
]
SLOTS_DAY_THREE = [
    ("09:00", "12:00", [C, D, L]),
    ("13:00", "13:45", [C]),
    ("13:00", "16:00", [D, L]),
    ("16:15", "17:00", [C]),
]


def slot_list():
    slots = []
    for day, day_slots in enumerate([SLOTS_DAY, SLOTS_DAY_TWO, SLOTS_DAY_THREE]):
        for start, end, rooms in day_slots:
            slots.extend((day, start, end, room) for room in rooms)
    return slots


# kind, title, day index, start, end, room slug or None, link
SCHEDULE_ITEMS = [
    ("registration", "Registration and breakfast", 0, "08:00", "09:00", None, ""),
    ("break", "Coffee break", 0, "10:40", "11:00", None, ""),
    ("meal", "Lunch", 0, "12:30", "13:30", None, ""),
    ("break", "Afternoon break", 0, "15:00", "15:30", None, ""),
    ("social", "Opening reception", 0, "18:30", "21:00", None, ""),
    ("meal", "Breakfast", 1, "08:00", "09:00", None, ""),
    ("break", "Coffee break", 1, "10:40", "11:00", None, ""),
    ("meal", "Lunch", 1, "12:30", "13:30", None, ""),
    ("break", "Afternoon break", 1, "15:20", "15:40", None, ""),
    ("social", "Board game night", 1, "19:00", "22:00", D, ""),
    ("meal", "Breakfast", 2, "08:00", "09:00", None, ""),
    ("meal", "Lunch", 2, "12:00", "13:00", None, ""),
    ("sprint", "Open sprint room", 2, "13:45", "16:00", C, ""),
]


def paragraph(html):
    return {"type": "paragraph", "value": html}


def presenter_slug(name):
    return slugify(name)


def at(conference, day, hhmm):
    first = conference.start_date or datetime.date(2027, 9, 20)
    hour, minute = (int(part) for part in hhmm.split(":"))
    date = first + datetime.timedelta(days=day)
    return datetime.datetime(
        date.year, date.month, date.day, hour, minute, tzinfo=conference.tzinfo
    )


def child(parent, model, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def build_rooms_and_tracks(site):
    """The edition's own rooms and tracks, where it has none of that slug."""
    rooms = {}
    for name, slug, order, capacity in ROOMS:
        rooms[slug], _ = Room.objects.get_or_create(
            site=site,
            slug=slug,
            defaults={"name": name, "sort_order": order, "capacity": capacity},
        )
    tracks = {}
    for name, slug, colour, order in TRACKS:
        tracks[slug], _ = Track.objects.get_or_create(
            site=site, slug=slug, defaults={"name": name, "colour": colour, "sort_order": order}
        )
    return rooms, tracks


def portrait(name):
    """A square placeholder portrait: the initials on a colour derived from the name."""
    digest = hashlib.sha256(name.encode()).digest()
    background = (40 + digest[0] % 120, 60 + digest[1] % 120, 70 + digest[2] % 120)
    image = PillowImage.new("RGB", (400, 400), background)
    draw = ImageDraw.Draw(image)
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    font = ImageFont.load_default(size=160)
    draw.text((200, 200), initials, fill=(255, 255, 255), font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer


def build_photo(name):
    slug = presenter_slug(name)
    return get_image_model().objects.create(
        title=f"{name}, placeholder portrait",
        description=f"Portrait of {name}",
        file=ImageFile(portrait(name), name=f"presenter-{slug}.png"),
    )


def bio(name, role, company, focus, aside):
    first = name.split()[0]
    where = f" at {company}" if company else ", working independently"
    return [
        paragraph(f"<p>{first} is a {role.lower()}{where}, focused these days on {focus}.</p>"),
        paragraph(f"<p>{aside.format(first=first)}</p>"),
    ]


def build_presenters(home):
    index = child(home, PresenterIndexPage, "presenters")
    if index is None:
        index = publish(
            home,
            PresenterIndexPage(
                title="Presenters",
                slug="presenters",
                intro="The people who give this year's talks, tutorials and keynotes.",
            ),
        )
    presenters = {}
    for number, (name, pronouns, role, company, focus, aside) in enumerate(PRESENTERS):
        slug = presenter_slug(name)
        page = child(index, PresenterPage, slug)
        if page is None:
            handle = slug.replace("-", "")
            page = publish(
                index,
                PresenterPage(
                    title=name,
                    slug=slug,
                    pronouns=pronouns,
                    role=role,
                    company=company,
                    photo=build_photo(name),
                    bio=bio(name, role, company, focus, aside),
                    website_url=f"https://{slug}.example/" if number % 2 == 0 else "",
                    mastodon_url=f"https://social.example/@{handle}" if number % 3 == 0 else "",
                    bluesky_url=(
                        f"https://bsky.app/profile/{handle}.example" if number % 4 == 1 else ""
                    ),
                ),
            )
        presenters[slug] = page
    return index, presenters


def build_talks(program, conference, rooms, tracks, presenters):
    for (title, kind, track, tags, difficulty, people, summary), (day, start, end, room) in zip(
        TALKS, slot_list(), strict=True
    ):
        slug = slugify(title)
        if child(program, TalkPage, slug):
            continue
        talk = TalkPage(
            title=title,
            slug=slug,
            kind=kind,
            track=tracks[track],
            room=rooms[room],
            difficulty=difficulty,
            start=at(conference, day, start),
            end=at(conference, day, end),
            summary=summary,
            abstract=[
                paragraph(f"<p>{LEVEL_NOTES[difficulty]}</p>"),
                paragraph(f"<p>{KIND_NOTES[kind]}</p>"),
            ],
            talk_presenters=[
                TalkPresenter(presenter=presenters[person], sort_order=order)
                for order, person in enumerate(people)
            ],
        )
        talk.tags.add(*tags)
        publish(program, talk)


def build_program_page(home, conference, rooms):
    program = child(home, ProgramPage, "schedule")
    if program:
        return program, False
    program = ProgramPage(
        title="Schedule",
        slug="schedule",
        intro="Three days of talks, tutorials and sprints. Select a session for the details.",
        schedule_items=[
            ScheduleItem(
                kind=ItemKind(kind),
                title=title,
                start=at(conference, day, start),
                end=at(conference, day, end),
                room=rooms[room] if room else None,
                link=link,
                sort_order=order,
            )
            for order, (kind, title, day, start, end, room, link) in enumerate(SCHEDULE_ITEMS)
        ],
    )
    return publish(home, program), True


def build_program(home):
    """Create the demo program under `home` where it is missing. Returns the program page."""
    site = home.get_site()
    conference = ConferenceSettings.for_site(site)
    rooms, tracks = build_rooms_and_tracks(site)
    program, _ = build_program_page(home, conference, rooms)
    _, presenters = build_presenters(home)
    build_talks(program, conference, rooms, tracks, presenters)
    return program
