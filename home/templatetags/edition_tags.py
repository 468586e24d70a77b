"""Links between editions: which edition a page belongs to, the notice on an archived one,
the footer's list of the others, the 404's "same page in the current edition" and a page's
namesakes (same type, same slug) in other editions. Every tag reads the one list
`all_editions` keeps on the request, so their cost does not grow with the editions."""

import datetime
from dataclasses import dataclass

from django import template
from django.http import HttpRequest
from wagtail.models import Page

from home.edition import ConferenceSettings, Phase, all_editions, current_edition, edition_url
from home.visibility import visible_to_visitors

register = template.Library()


@register.filter
def edition_label(conference: ConferenceSettings) -> str:
    """The edition's name, with its year when the name does not say it already."""
    year = str(conference.start_date.year) if conference.start_date else ""
    return conference.name if year in conference.name else f"{conference.name} {year}"


def url_in_edition(
    edition: ConferenceSettings, url_path: str, request: HttpRequest | None = None
) -> str:
    """The public address of the page at `url_path` inside `edition`'s tree."""
    root_path = edition.site.root_page.url_path
    return edition_url(edition, request, url_path[len(root_path) - 1 :])


@register.simple_tag(takes_context=True)
def edition_home_url(context, edition: ConferenceSettings) -> str:
    """The address of another edition's home page, for the visitor of this one."""
    return edition_url(edition, context.get("request"))


def edition_of_path(editions: list[ConferenceSettings], url_path: str):
    """The edition whose tree holds `url_path` (the deepest root, should one nest in another)."""
    holding = [e for e in editions if url_path.startswith(e.site.root_page.url_path)]
    return max(holding, key=lambda e: len(e.site.root_page.url_path), default=None)


@dataclass
class EditionLinks:
    this: ConferenceSettings
    current: ConferenceSettings | None
    others: list[ConferenceSettings]

    @property
    def is_archived(self) -> bool:
        return self.this.phase == Phase.ARCHIVED

    @property
    def all_older(self) -> bool:
        """Whether every other edition is older than this one (they are then "past")."""
        start = self.this.start_date
        return bool(start) and all(o.start_date and o.start_date < start for o in self.others)


@register.simple_tag(takes_context=True)
def edition_links(context, conference: ConferenceSettings) -> EditionLinks:
    request = context.get("request")
    editions = all_editions(request)
    current = current_edition(request)
    if current is not None and current.site_id == conference.site_id:
        current = None  # no notice pointing a visitor to where they are
    others = [e for e in editions if e.site_id != conference.site_id]
    return EditionLinks(this=conference, current=current, others=others)


@register.simple_tag(takes_context=True)
def same_path_in_current_edition(context, conference: ConferenceSettings) -> str:
    """The address of the requested path in the current edition when a visitor may see a
    page there and the request is not on that edition already; else ""."""
    request = context.get("request")
    current = current_edition(request) if request is not None else None
    if current is None or current.site_id == conference.site_id:
        return ""
    rest = request.path if request.path.endswith("/") else request.path + "/"
    url_path = current.site.root_page.url_path + rest.lstrip("/")
    if not visible_to_visitors(Page.objects.filter(url_path=url_path)).exists():
        return ""
    return url_in_edition(current, url_path, request)


@dataclass
class EditionPage:
    edition: ConferenceSettings
    url: str

    @property
    def label(self) -> str:
        start = self.edition.start_date
        return str(start.year) if start else self.edition.name


@register.simple_tag(takes_context=True)
def same_page_in_other_editions(context, page: Page) -> list[EditionPage]:
    """Pages of `page`'s type with its slug in the other editions (a presenter who spoke in
    several years), that visitors may see, oldest edition first."""
    request = context.get("request")
    editions = all_editions(request)
    own = edition_of_path(editions, page.url_path)
    namesakes = visible_to_visitors(
        type(page).objects.filter(slug=page.slug).exclude(pk=page.pk)
    ).values_list("url_path", flat=True)
    found = []
    for url_path in namesakes:
        edition = edition_of_path(editions, url_path)
        if edition is not None and edition != own:
            found.append(EditionPage(edition, url_in_edition(edition, url_path, request)))
    return sorted(found, key=lambda p: p.edition.start_date or datetime.date.max)
