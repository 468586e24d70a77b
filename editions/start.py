"""Starting an edition: its home page with the standard children, its Site and its
ConferenceSettings, and from the edition it is copied from its standard pages, settings links,
navigation, rooms, tracks and news categories. The one way to do it, used by the admin,
`start_edition`, the importer and the demo. (A layer above program/ and blog/, whose index
pages it creates.)"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from slugify import slugify
from wagtail.models import Page, Site

from blog.models import NewsIndexPage
from home.edition import ConferenceSettings, Phase, validate_time_zone
from home.models import HomePage, StandardPage
from program.models import PresenterIndexPage, ProgramPage

from .navigation import CopiedLink, copy_navigation, default_navigation
from .rows import COPIED_MODELS, CopiedRow, copy_rows

# The settings a new edition takes from the one it is copied from: everything but what makes
# it itself (name, dates and deadlines, zone, phase) and the social card image.
NOT_COPIED_SETTINGS = frozenset(
    {
        "id",
        "site",
        "name",
        "time_zone",
        "phase",
        "default_social_image",
        *ConferenceSettings.DATE_FIELDS,
        *ConferenceSettings.DEADLINE_FIELDS,
    }
)
STANDARD_CHILDREN = (
    (ProgramPage, "schedule", "Schedule"),
    (PresenterIndexPage, "presenters", "Presenters"),
    (NewsIndexPage, "news", "News"),
)


@dataclass(frozen=True)
class Refusal:
    """Why an edition cannot be started, and which of start_edition's arguments is at fault
    (hostname, end, time_zone or copy_from), so a form can show it beside that field."""

    field: str
    message: str

    def __str__(self):
        return self.message


class EditionRefused(Exception):
    """The edition cannot be started as asked; nothing was written."""

    def __init__(self, refusal: Refusal):
        super().__init__(refusal.message)
        self.field = refusal.field


@dataclass
class StartedEdition:
    site: Site
    conference: ConferenceSettings
    pages: list = field(default_factory=list)
    links: list[CopiedLink] = field(default_factory=list)
    rows: list[CopiedRow] = field(default_factory=list)

    def report(self):
        """What was made, a line each."""
        conference = self.conference
        dates = (
            f"{conference.start_date:%Y-%m-%d} to {conference.end_date:%Y-%m-%d}"
            if conference.start_date and conference.end_date
            else "no dates"
        )
        lines = [
            f"site      {self.site.hostname}:{self.site.port} ({self.site.site_name})",
            f"settings  {conference.name}, {dates}, {conference.time_zone}, {conference.phase}",
        ]
        root = self.site.root_page.url_path
        for page in self.pages:
            path = "/" + page.url_path[len(root) :]
            lines.append(f"page      {path}  {page.specific_class._meta.verbose_name}")
        lines.extend(link.report_line() for link in self.links)
        lines.extend(row.report_line() for row in self.rows)
        return lines

    def summary(self):
        """What was made, in a sentence for the admin's message."""
        made = [f"{len(self.pages)} pages"]
        kept = [link for link in self.links if not link.dropped]
        dropped = [f'"{link.label}"' for link in self.links if link.dropped]
        if self.links:
            made.append(f"{len(kept)} navigation links")
        for model, kind in COPIED_MODELS:
            count = sum(1 for row in self.rows if row.kind == kind)
            if count:
                made.append(f"{count} {model._meta.verbose_name_plural}")
        sentence = f"Started {self.conference.name} at {self.site.hostname}: {', '.join(made)}."
        if dropped:
            sentence += f" Links to pages not copied were left out: {', '.join(dropped)}."
        return sentence


def refusal(hostname, start, end, time_zone, copy_from):
    """Why the edition cannot be started (a Refusal), or None."""
    if not hostname or "/" in hostname or ":" in hostname:
        return Refusal(
            "hostname", f"{hostname!r} is not a host name (give one such as 2028.example.org)."
        )
    if Site.objects.filter(hostname=hostname).exists():
        return Refusal(
            "hostname", f"The host name {hostname} is taken: another edition answers on it."
        )
    if start and end and end < start:
        return Refusal(
            "end", f"The edition would end ({end:%Y-%m-%d}) before it starts ({start:%Y-%m-%d})."
        )
    try:
        validate_time_zone(time_zone)
    except ValidationError as error:
        return Refusal("time_zone", error.messages[0])
    if copy_from and not Site.objects.filter(hostname=copy_from).exists():
        return Refusal("copy_from", f"No edition answers on {copy_from} to copy from.")
    return None


def free_root_slug(hostname):
    """A slug for the home page, unique among the tree root's children."""
    root = Page.get_first_root_node()
    base = slugify(hostname, max_length=60) or "edition"
    taken = set(Page.objects.child_of(root).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def start_edition(
    hostname: str,
    name: str,
    start: datetime.date | None,
    end: datetime.date | None,
    time_zone: str = "America/New_York",
    copy_from: str | None = None,
    *,
    port: int = 80,
    phase: str = Phase.UPCOMING,
    home_fields: dict | None = None,
) -> StartedEdition:
    """A new edition answering on `hostname`: a HomePage with a schedule, a presenters index
    and a news index, its Site and its ConferenceSettings; from `copy_from` (a host name) when
    given, its standard pages, its settings' links, its navigation (see navigation.py) and
    its rooms, tracks and news categories (rows.py).
    Raises EditionRefused, writing nothing, when the host name is taken, the dates are
    backwards or the zone is unknown."""
    problem = refusal(hostname, start, end, time_zone, copy_from)
    if problem:
        raise EditionRefused(problem)
    source = Site.objects.get(hostname=copy_from) if copy_from else None
    home = HomePage(title=name, slug=free_root_slug(hostname), **(home_fields or {}))
    publish_child(Page.get_first_root_node(), home)
    pages = [home]
    for model, slug, title in STANDARD_CHILDREN:
        pages.append(publish_child(home, model(title=title, slug=slug)))
    if source is not None:
        for page in StandardPage.objects.child_of(source.root_page):
            # Only the page and its own subpages: a copy keeps its text, never its history.
            copy = page.copy(to=home, recursive=True, keep_live=page.live, copy_revisions=False)
            pages.append(copy)
    site = Site.objects.create(hostname=hostname, port=port, root_page=home, site_name=name)
    conference = ConferenceSettings(site=site)
    if source is not None:
        copied = ConferenceSettings.for_site(source)
        for model_field in ConferenceSettings._meta.concrete_fields:
            if model_field.name not in NOT_COPIED_SETTINGS:
                setattr(conference, model_field.attname, getattr(copied, model_field.attname))
    conference.name, conference.start_date, conference.end_date = name, start, end
    conference.time_zone, conference.phase = time_zone, phase
    conference.full_clean(exclude=["site"])
    conference.save()
    edition = StartedEdition(site=site, conference=conference, pages=pages)
    if source is not None:
        edition.links = copy_navigation(source, site)
        edition.rows = copy_rows(source, site)
    else:
        edition.links = default_navigation(site)
    return edition
