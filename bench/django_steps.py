"""The Django half of `make bench`: build the large conference, and measure pages in-process.

    python bench/django_steps.py build
    python bench/django_steps.py measure   # JSON on stdout: queries, HTML and CSS bytes
    python bench/django_steps.py hostile   # JSON on stdout: a hostile recap's render time

Run by bench/run.py with the production settings and the bench database in the environment.
Everything is deterministic: the same run builds the same conference.
"""

import datetime
import gzip
import io
import json
import os
import random
import re
import sys
import time
import zoneinfo
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings.production")

EDITIONS = (2023, 2024, 2025, 2026, 2027)
TALKS_PER_EDITION = 150
PRESENTERS_PER_EDITION = 120  # 600 in all
POSTS_PER_EDITION = 100  # 500 in all, every one with a cover image
RECAPS_PER_EDITION = 20
IMAGES = 60
DAYS, ROOMS, SLOTS = 3, 5, 10  # 3 x 5 x 10 = 150 talks
NY = zoneinfo.ZoneInfo("America/New_York")
MEASURED_HOST = "2027.bench.example.org"

WORDS_TEXT = (
    "django wagtail python async orm query template cache deploy test security community "
    "sprint keynote tutorial database postgres index migration admin editor schedule talk "
    "performance accessibility api rest graphql htmx frontend backend mentor volunteer"
)
WORDS = WORDS_TEXT.split()


def host(year):
    return f"{year}.bench.example.org"


def sentence(rng, words=14):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng, sentences=4):
    return " ".join(sentence(rng, rng.randint(8, 18)) for _ in range(sentences))


def abstract_markdown(rng):
    return (
        f"{paragraph(rng)}\n\n## What you will learn\n\n"
        + "\n".join(f"- {sentence(rng, 6)}" for _ in range(4))
        + f"\n\n{paragraph(rng, 3)} Tickets: {{{{ site.ticket_link }}}}\n"
    )


def recap_markdown(rng, sections=8):
    parts = [paragraph(rng, 5)]
    for number in range(sections):
        parts.append(f"## Day {number // 3 + 1}: {sentence(rng, 4)[:-1]}")
        parts.append(paragraph(rng, 5))
        parts.append(f"### Highlights {number}")
        parts.append("\n".join(f"1. {sentence(rng, 7)}" for _ in range(3)))
        parts.append(paragraph(rng, 3))
    return "\n\n".join(parts)


def make_images(rng):
    from django.core.files.images import ImageFile
    from PIL import Image, ImageDraw, ImageFilter
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    images = []
    for number in range(IMAGES):
        picture = Image.new("RGB", (160, 120), tuple(rng.randrange(256) for _ in range(3)))
        draw = ImageDraw.Draw(picture)
        for _ in range(40):
            x, y, r = rng.randrange(160), rng.randrange(120), rng.randrange(4, 30)
            colour = tuple(rng.randrange(256) for _ in "rgb")
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        picture = picture.filter(ImageFilter.GaussianBlur(2)).resize((1200, 800))
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=80)
        images.append(
            get_image_model().objects.create(
                title=f"Photo {number:02d}",
                description=f"Photo {number} of the conference",
                file=ImageFile(buffer, name=f"bench-{number:02d}.jpg"),
            )
        )
    return images


def build():
    import django

    django.setup()
    from django.db import transaction
    from django.db.models.signals import post_save
    from wagtail.models import Page, Site
    from wagtail.search import signal_handlers as search_signals
    from wagtail.search.index import get_indexed_models

    # The search index is not what this measures; building it would double the build time.
    for model in get_indexed_models():
        post_save.disconnect(search_signals.post_save_signal_handler, sender=model)

    started = time.monotonic()
    rng = random.Random(2027)
    with transaction.atomic():
        for site in Site.objects.all():
            site.delete()
        for page in Page.objects.filter(depth=2):
            page.delete()
        images = make_images(rng)
        for year in EDITIONS:
            build_edition(year, rng, images)
    print(f"built {len(EDITIONS)} editions in {time.monotonic() - started:.0f} s", file=sys.stderr)


def make_edition_rows(site):
    """The rooms, tracks and news categories of one edition (each edition has its own)."""
    from blog.models import BlogCategory
    from program.models import Room, Track

    rooms = [
        Room.objects.create(
            site=site, name=f"Hall {letter}", slug=f"hall-{letter.lower()}", sort_order=i
        )
        for i, letter in enumerate("ABCDE")
    ]
    tracks = [
        Track.objects.create(site=site, name=name, slug=name.lower(), colour=colour, sort_order=i)
        for i, (name, colour) in enumerate(
            [("Web", "#1d5fbf"), ("Data", "#a34d00"), ("Community", "#0b5d3b")]
        )
    ]
    categories = [
        BlogCategory.objects.create(site=site, name=name, slug=name.lower())
        for name in ("Program", "Tickets", "Sponsors", "Community")
    ]
    return {"rooms": rooms, "tracks": tracks, "categories": categories}


def build_edition(year, rng, images):
    from wagtail.models import Page, Site

    from blog.models import AnnouncementPage, NewsIndexPage, RecapPage
    from home.models import ConferenceSettings, HomePage, NavigationSettings, StandardPage
    from program.models import (
        PresenterIndexPage,
        PresenterPage,
        ProgramPage,
        ScheduleItem,
        TalkPage,
        TalkPresenter,
    )

    root = Page.get_first_root_node()
    home = HomePage(
        title=f"BenchCon {year}",
        slug=f"benchcon-{year}",
        tagline="The conference for people who build the web with Django",
        intro=paragraph(rng, 2),
        body=[("markdown", recap_markdown(rng, 2))],
    )
    root.add_child(instance=home)
    site = Site.objects.create(
        hostname=host(year),
        port=80,
        root_page=home,
        is_default_site=year == EDITIONS[-1],
        site_name=f"BenchCon {year}",
    )
    ConferenceSettings.objects.create(
        site=site,
        name=f"BenchCon {year}",
        start_date=datetime.date(year, 9, 20),
        end_date=datetime.date(year, 9, 22),
        time_zone="America/New_York",
        phase="upcoming" if year == EDITIONS[-1] else "archived",
        venue_name="The Convention Center",
        ticket_link=f"https://tickets.example.org/{year}/",
        contact_email="team@example.org",
        mastodon_url="https://social.example.org/@benchcon",
        github_url="https://github.example.org/benchcon",
    )
    rows = make_edition_rows(site)
    program = ProgramPage(title="Schedule", slug="schedule", intro=paragraph(rng, 1))
    home.add_child(instance=program)
    presenters_index = PresenterIndexPage(title="Presenters", slug="presenters")
    home.add_child(instance=presenters_index)
    news = NewsIndexPage(title="News", slug="news", intro="What is new at the conference.")
    home.add_child(instance=news)
    venue = StandardPage(title="Venue", slug="venue", intro=paragraph(rng, 1))
    home.add_child(instance=venue)
    NavigationSettings.objects.create(
        site=site,
        primary_links=[
            ("link", {"label": "Schedule", "page": program}),
            ("link", {"label": "Presenters", "page": presenters_index}),
            ("link", {"label": "News", "page": news}),
            ("link", {"label": "Venue", "page": venue}),
            ("link", {"label": "Tickets", "url": f"https://tickets.example.org/{year}/"}),
        ],
        footer_links=[
            ("link", {"label": "Code of conduct", "page": venue}),
            ("link", {"label": "News", "page": news}),
        ],
    )

    presenters = []
    for number in range(PRESENTERS_PER_EDITION):
        presenter = PresenterPage(
            title=f"Presenter {year}-{number:03d}",
            slug=f"presenter-{number:03d}",
            role=rng.choice(["Engineer", "Maintainer", "Designer", "Researcher"]),
            company=f"Company {number % 37}",
            photo=images[number % len(images)],
            bio=[("paragraph", f"<p>{paragraph(rng, 2)}</p>")],
            github_url=f"https://github.example.org/p{number}",
            mastodon_url=f"https://social.example.org/@p{number}",
        )
        presenters_index.add_child(instance=presenter)
        presenters.append(presenter)

    kinds = ["talk", "talk", "talk", "tutorial", "keynote", "lightning", "panel"]
    number = 0
    for day in range(DAYS):
        for slot in range(SLOTS):
            start = datetime.datetime(year, 9, 20 + day, 9, 0, tzinfo=NY) + datetime.timedelta(
                minutes=45 * slot
            )
            for room in rows["rooms"][:ROOMS]:
                people = [presenters[number % len(presenters)]]
                if number % 4 == 3:
                    people.append(presenters[(number * 7 + 1) % len(presenters)])
                talk = TalkPage(
                    title=f"Talk {number:03d}: {sentence(rng, 5)[:-1]}",
                    slug=f"talk-{number:03d}",
                    kind=kinds[number % len(kinds)],
                    summary=sentence(rng, 20),
                    abstract=[("markdown", abstract_markdown(rng))],
                    start=start,
                    end=start + datetime.timedelta(minutes=40),
                    room=room,
                    track=rows["tracks"][number % len(rows["tracks"])],
                    difficulty=rng.choice(["all", "beginner", "intermediate", "advanced"]),
                    talk_presenters=[
                        TalkPresenter(presenter=person, sort_order=order)
                        for order, person in enumerate(people)
                    ],
                )
                talk.tags.add("python", f"topic-{number % 6}")
                program.add_child(instance=talk)
                number += 1
        ScheduleItem.objects.create(
            page=program,
            kind="meal",
            title="Lunch",
            start=datetime.datetime(year, 9, 20 + day, 12, 30, tzinfo=NY),
            end=datetime.datetime(year, 9, 20 + day, 13, 30, tzinfo=NY),
        )

    for number in range(POSTS_PER_EDITION):
        recap = number % (POSTS_PER_EDITION // RECAPS_PER_EDITION) == 0
        model = RecapPage if recap else AnnouncementPage
        image = images[(number * 3 + year) % len(images)]
        if recap:
            body = [
                ("markdown", recap_markdown(rng)),
                ("image", {"image": image, "alt_text": "The hallway", "caption": "Day one"}),
                ("markdown", recap_markdown(rng, 4)),
            ]
        else:
            body = [
                ("paragraph", f"<p>{paragraph(rng, 3)}</p>"),
                ("markdown", abstract_markdown(rng)),
            ]
        post = model(
            title=f"{'Recap' if recap else 'News'} {number:03d}: {sentence(rng, 5)[:-1]}",
            slug=f"post-{number:03d}",
            author=f"Author {number % 9}",
            date=datetime.datetime(year, 3, 1, 12, tzinfo=NY) + datetime.timedelta(days=number),
            category=rows["categories"][number % len(rows["categories"])],
            cover_image=image,
            cover_alt=f"Photo {image.pk} of the conference",
            excerpt=sentence(rng, 24),
            body=body,
        )
        post.tags.add(f"tag-{number % 5}")
        news.add_child(instance=post)


def measured_pages():
    from wagtail.models import Site

    from blog.models import RecapPage
    from program.models import PresenterPage, TalkPage

    site = Site.objects.get(hostname=MEASURED_HOST)
    home = site.root_page
    talk = TalkPage.objects.descendant_of(home).order_by("path")[75]
    presenter = PresenterPage.objects.descendant_of(home).order_by("path")[60]
    recap = RecapPage.objects.descendant_of(home).order_by("-date").first()
    return {
        "home": "/",
        "schedule": "/schedule/",
        "talk": talk.get_url_parts()[2],
        "presenter": presenter.get_url_parts()[2],
        "news": "/news/",
        "recap": recap.get_url_parts()[2],
    }


def stylesheet_bytes(client, html):
    """The stylesheets a page links to, raw and gzipped (level 6, as a server would)."""
    from django.conf import settings

    raw = gz = 0
    for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html):
        if href.startswith(settings.STATIC_URL):
            body = (Path(settings.STATIC_ROOT) / href[len(settings.STATIC_URL) :]).read_bytes()
        else:
            body = client.get(href).content
        raw += len(body)
        gz += len(gzip.compress(body, 6))
    return raw, gz


def measure():
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=MEASURED_HOST)
    results = {}
    for name, path in measured_pages().items():
        for _ in range(2):  # renditions, the site lookup, the caches
            assert client.get(path).status_code == 200, path
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        # Now: the next request through the client (a stylesheet) empties Django's query log.
        count = len(queries.captured_queries)
        html = response.content
        css_raw, css_gzip = stylesheet_bytes(client, html.decode())
        results[name] = {
            "path": path,
            "queries": count,
            "html_bytes": len(html),
            "html_gzip_bytes": len(gzip.compress(html, 6)),
            "css_bytes": css_raw,
            "css_gzip_bytes": css_gzip,
        }
    json.dump(results, sys.stdout, indent=1)


# -- hostile content -------------------------------------------------------------------------

HOSTILE_RENDERS = 7


def hostile_recap_markdown(rng, size):
    """A recap made of the worst text the markdown bounds still let through (text.markdown:
    MAX_NESTING `[`, `[!` and `(` left open in every paragraph, brackets nested to the bound,
    quotes as deep as allowed, MAX_OPEN_TAGS unclosed tags, many `<`, `*` and `_`, long lines),
    cut to `size` characters at a paragraph's end."""
    from text.markdown import MAX_NESTING, MAX_OPEN_TAGS

    words = " ".join(rng.choice(WORDS) for _ in range(60))
    depth = MAX_NESTING
    kinds = [
        "[" * depth + words,
        "[!" * depth + words,
        ("[" * depth + "x" + "]" * depth + " ") * 20,
        "[a](" * depth + words,
        "> " * depth + words,
        "<a " * (MAX_OPEN_TAGS // 8) + words,  # 8 paragraphs of these in a cycle of 80
        " ".join(f"{n} < {n + 1} <b>{word}</b>" for n, word in enumerate(words.split())),
        " ".join(f"*{word}* **{word}** _{word}_" for word in words.split()),
        "*" * 300 + "_" * 300 + "<" * 300,
        # A line of about 12,000 characters after `[` left open: each is read to its end.
        "[!" * depth + (words + " ") * 30,
    ]
    parts, total, number = [], 0, 0
    while True:
        part = kinds[number % len(kinds)]
        if total + len(part) + 2 > size:
            parts.append(part[: max(size - total - 2, 0)])
            return "\n\n".join(parts)[:size]
        parts.append(part)
        total += len(part) + 2
        number += 1


def ordinary_recap_markdown(rng, size):
    parts, total = [], 0
    while True:
        part = recap_markdown(rng)
        if total + len(part) + 2 > size:
            return ("\n\n".join(parts) + "\n\n" + paragraph(rng, 40))[:size]
        parts.append(part)
        total += len(part) + 2


def uncached_body_render(text):
    """What an uncached page does with a markdown body: plan it (the back-to-top check, the
    headings) and render it, with the per-process and fragment caches missed."""
    from home.blocks import OWN_BACK_TO_TOP
    from text.markdown import PAGE_ANCHORS, _render, markdown_headings, render_markdown

    _render.cache_clear()
    started = time.perf_counter()
    OWN_BACK_TO_TOP.search(text)
    markdown_headings(text, PAGE_ANCHORS)
    _render.cache_clear()
    # A variable no template uses makes a fresh fragment-cache key: a miss, as after an edit.
    render_markdown(text, {"bench_run": time.perf_counter_ns()}, PAGE_ANCHORS)
    return time.perf_counter() - started


def hostile():
    import django

    django.setup()
    from text.markdown import markdown_problem

    rng = random.Random(14)
    ordinary = ordinary_recap_markdown(rng, 60_000)
    hostile_text = hostile_recap_markdown(rng, len(ordinary))
    assert markdown_problem(hostile_text) is None, markdown_problem(hostile_text)
    assert markdown_problem(ordinary) is None
    times = {"ordinary": [], "hostile": []}
    for _ in range(HOSTILE_RENDERS):  # in turn, so both meet the same moments of the machine
        times["ordinary"].append(uncached_body_render(ordinary))
        times["hostile"].append(uncached_body_render(hostile_text))
    result = {name: round(sorted(runs)[len(runs) // 2] * 1000, 1) for name, runs in times.items()}
    result["ordinary_chars"], result["hostile_chars"] = len(ordinary), len(hostile_text)
    result["ratio"] = round(result["hostile"] / result["ordinary"], 2)
    result["renders"] = HOSTILE_RENDERS
    json.dump(result, sys.stdout, indent=1)


if __name__ == "__main__":
    {"build": build, "measure": measure, "hostile": hostile}[sys.argv[1]]()
