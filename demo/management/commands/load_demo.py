"""Loads the demo edition. Deterministic and idempotent: it creates what is missing and never
touches what exists, so a second `make run` keeps what editors changed."""

import datetime
import os
import re

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page, Site

from demo.news import build_news
from demo.people import build_people
from demo.program import build_program
from demo.sponsors import build_demo_sponsors
from editions.navigation import default_navigation
from editions.start import start_edition
from home.models import ConferenceSettings, HomePage, Phase, StandardPage
from importer.sources import load_documents

EDITION_HOSTNAME = "localhost"
DEMO_CONTENT = settings.BASE_DIR / "demo" / "content"
# The real documents the project is tested against live beside the repository, never in it.
SEEDS = settings.BASE_DIR.parent / "shared" / "seeds"
# Each seed goes to the edition of its year, answering on its own host name (browsers send
# *.localhost to this machine), each with its own settings.
SEED_EDITIONS = {
    2023: {
        "hostname": "2023.localhost",
        "name": "DjangoCon US 2023",
        "start": datetime.date(2023, 10, 16),
        "end": datetime.date(2023, 10, 20),
        "venue_name": "Durham Convention Center",
        "ticket_link": "https://tickets.example.org/djangocon-us-2023/",
    },
    2024: {
        "hostname": "2024.localhost",
        "name": "DjangoCon US 2024",
        "start": datetime.date(2024, 9, 22),
        "end": datetime.date(2024, 9, 27),
        "venue_name": "Durham Convention Center",
        "ticket_link": "https://tickets.example.org/djangocon-us-2024/",
    },
}
YEAR = re.compile(r"\b(20\d\d)\b")


def paragraph(html):
    return {"type": "paragraph", "value": html}


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level, "anchor": ""}}


def get_or_create_child(parent, model, slug, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def build_home():
    """Put a HomePage at the root of the default site, replacing Wagtail's welcome page."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site, False

    root = Page.get_first_root_node()
    welcome = Page.objects.child_of(root).filter(slug="home").first()
    if welcome and not welcome.get_children().exists():
        # Deleting the welcome page also deletes the Site rooted at it; a new one follows.
        welcome.delete()
    home = HomePage(
        title="Home",
        slug="home",
        tagline="Three days of talks, tutorials and sprints for the Django community.",
        intro=(
            "Join Djangonauts from around the world for a week of learning, sharing and "
            "building together. Everyone is welcome, from first-time attendees to core "
            "developers."
        ),
        body=[
            heading("Why come"),
            paragraph(
                "<p>Hear how teams build and run Django in production, learn something new in "
                "a hands-on tutorial, and spend the sprint days contributing to the projects "
                "you use every day.</p>"
            ),
        ],
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.root_page = EDITION_HOSTNAME, 80, home
    site.site_name = "Demo edition"
    site.save()
    return site, True


def build_settings(site):
    conference = ConferenceSettings.for_site(site)
    if conference.start_date is None:
        conference.name = "Django Community Conference 2027"
        conference.start_date = datetime.date(2027, 9, 20)
        conference.end_date = datetime.date(2027, 9, 22)
        conference.time_zone = "America/New_York"
        conference.phase = Phase.UPCOMING
        conference.venue_name = "Riverside Convention Center"
        conference.venue_address = "100 Riverside Avenue\nDurham, NC"
        conference.ticket_link = "https://tickets.example.org/django-community-2027/"
        conference.cfp_link = "https://cfp.example.org/django-community-2027/"
        conference.hotel_link = "https://hotel.example.org/group-rate/"
        conference.opportunity_grant_link = "https://example.org/opportunity-grants/"
        conference.photos_link = "https://photos.example.org/django-community-2027/"
        conference.youtube_link = "https://video.example.org/django-community/"
        conference.contact_email = "hello@conference.example.org"
        conference.conduct_email = "conduct@conference.example.org"
        conference.program_email = "program@conference.example.org"
        conference.sponsors_email = "sponsors@conference.example.org"
        conference.grants_email = "grants@conference.example.org"
        conference.visa_email = "visas@conference.example.org"
        conference.sponsorship_prospectus_link = "https://example.org/sponsorship-2027.pdf"
        conference.cfp_deadline = datetime.date(2027, 4, 30)
        conference.grants_deadline = datetime.date(2027, 6, 15)
        conference.tickets_deadline = datetime.date(2027, 9, 13)
        conference.mastodon_url = "https://fosstodon.example/@djangocommunityconf"
        conference.github_url = "https://github.com/example/conference-site"
        conference.save()
    return conference


def build_standard_pages(home):
    code_of_conduct, _ = get_or_create_child(
        home,
        StandardPage,
        "code-of-conduct",
        title="Code of conduct",
        intro="Everyone at the conference deserves a harassment-free experience.",
        body=[
            heading("Our promise"),
            paragraph(
                "<p>We welcome people of every background and experience level. Organizers, "
                "speakers, sponsors and attendees all follow this code, online and in person."
                "</p>"
            ),
            heading("Reporting a problem"),
            paragraph(
                "<p>Organizers and volunteers wear green lanyards: stop any of us, at any "
                "hour of the conference. Every report is handled in confidence, and you decide "
                "what happens next.</p>"
            ),
            {"type": "conduct_contact", "value": None},
        ],
    )
    venue, _ = get_or_create_child(
        home,
        StandardPage,
        "venue",
        title="Venue and travel",
        intro="Where the conference happens and how to get there.",
        body=[
            {"type": "venue_details", "value": None},
            heading("Getting there"),
            paragraph(
                "<p>The convention center is a ten-minute walk from the train station. Step-free "
                "entrances are on the river side of the building.</p>"
            ),
            heading("Staying nearby"),
            paragraph(
                "<p>The conference hotel next door holds a group rate until four weeks before "
                "the first day.</p>"
            ),
            heading("Accessibility"),
            paragraph(
                "<p>Every room has step-free access, reserved front-row seats and live "
                "captions on the main screen. A quiet room on the first floor stays open from "
                "breakfast to the last talk.</p>"
            ),
            heading("Practical information"),
            paragraph(
                "<p>Badges are collected at the river-side entrance from 8 am. Lunch is "
                "served every day with vegetarian, vegan and gluten-free choices; tell us "
                "about any other needs when you register.</p>"
            ),
            {"type": "contacts", "value": None},
        ],
    )
    return [venue, code_of_conduct]


def seed_year(path):
    """The year a seed belongs to: that of its date, else the one its title names."""
    data = load_documents(path)[0].data
    for value in (data.get("date"), data.get("title")):
        match = YEAR.search(str(value or ""))
        if match:
            return int(match.group(1))
    return None


def build_seed_edition(year):
    """The archived edition a year's seeds go to; None when it exists already."""
    spec = SEED_EDITIONS[year]
    if Site.objects.filter(hostname=spec["hostname"]).exists():
        return None
    edition = start_edition(
        spec["hostname"],
        spec["name"],
        spec["start"],
        spec["end"],
        time_zone="America/New_York",
        phase=Phase.ARCHIVED,
        home_fields={"tagline": f"The {year} edition, archived."},
    )
    conference = edition.conference
    conference.venue_name, conference.ticket_link = spec["venue_name"], spec["ticket_link"]
    conference.save()
    return edition.site


class Command(BaseCommand):
    help = (
        "Creates the demo editions: the invented 2027 one, and one per seed year (idempotent: "
        "existing content is left as it is)."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        site, created = build_home()
        home = site.root_page.specific
        build_settings(site)
        build_standard_pages(home)
        build_program(home)
        build_news(home)
        build_people(home)
        build_demo_sponsors(home)
        # Last: the header and footer link to the sections made above.
        default_navigation(site)
        if created:
            call_command(
                "import_content", str(DEMO_CONTENT), site=site.hostname, stdout=self.stdout
            )
        self.import_seeds()
        port = os.environ.get("PORT", "8000")
        for edition in Site.objects.order_by("-is_default_site", "hostname"):
            conference = ConferenceSettings.for_site(edition)
            self.stdout.write(
                f"{conference.name} ({conference.phase}): http://{edition.hostname}:{port}/"
            )

    def import_seeds(self):
        """Each seed into the edition of its year, when that edition is new."""
        if not SEEDS.is_dir():
            return
        by_year = {}
        for path in sorted(SEEDS.iterdir()):
            by_year.setdefault(seed_year(path), []).append(path)
        for year, paths in sorted(by_year.items(), key=lambda item: str(item[0])):
            if year not in SEED_EDITIONS:
                self.stderr.write(f"No demo edition for {', '.join(map(str, paths))}: skipped.")
                continue
            site = build_seed_edition(year)
            if site is not None:
                call_command(
                    "import_content", *map(str, paths), site=site.hostname, stdout=self.stdout
                )
