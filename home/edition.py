"""The edition: one ConferenceSettings per Site (dates, place, links), the `{{ site.X }}`
variables it answers, and how to find the one a page or a template belongs to."""

import datetime
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.http import HttpRequest
from django.utils.dateformat import format as format_date
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page

from text.site_variables import link_is_safe, unknown_variables, validate_link

from .colours import contrast_errors

# Each `{{ site.X }}` name content may use, and the ConferenceSettings field that answers it:
# the one mapping the renderer, the admin's "unknown variable" warning and the importer read.
SITE_VARIABLE_FIELDS = {
    "name": "name",
    "ticket_link": "ticket_link",
    "cfp_application": "cfp_link",
    "cfp_link": "cfp_link",
    "hotel_reservation_link": "hotel_link",
    "contact_us_email": "contact_email",
    "opportunity_grant_application": "opportunity_grant_link",
    "photos_link": "photos_link",
    "youtube_link": "youtube_link",
    "phase": "phase",
    "conduct_email": "conduct_email",
    "program_team_email": "program_email",
    "sponsors_email": "sponsors_email",
    "opportunity_grants_email": "grants_email",
    "visa_email": "visa_email",
    "sponsorship_prospectus": "sponsorship_prospectus_link",
}


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            "%(value)s is not a time zone name; use one such as America/New_York.",
            params={"value": value},
        )


def long_date(day: datetime.date) -> str:
    """A date as the admin's messages write it: Monday 16 October 2023."""
    return format_date(day, "l j F Y")


@dataclass(frozen=True)
class DayRange:
    """Consecutive days of an edition: its conference days, its tutorial or its sprint days."""

    label: str
    first: datetime.date
    last: datetime.date

    def __contains__(self, day: datetime.date) -> bool:
        return self.first <= day <= self.last

    def days(self) -> list[datetime.date]:
        count = (self.last - self.first).days + 1
        return [self.first + datetime.timedelta(days=n) for n in range(count)]

    def __str__(self) -> str:
        first, last = long_date(self.first), long_date(self.last)
        return first if self.first == self.last else f"{first} to {last}"


validate_hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", "Use a colour written as # and six hex digits, such as #0b5d3b."
)


def image_field(label, help_text):
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


def colour_field(label, help_text):
    return models.CharField(
        label, max_length=7, blank=True, validators=[validate_hex_colour], help_text=help_text
    )


class Phase(models.TextChoices):
    UPCOMING = "upcoming", "Upcoming"
    LIVE = "live", "Live"
    ARCHIVED = "archived", "Archived"


@register_setting(icon="date")
class ConferenceSettings(BaseSiteSetting):
    """What makes an edition itself: dates, place, links. One per Site."""

    name = models.CharField(max_length=255, default="Conference")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    time_zone = models.CharField(
        max_length=64,
        default="America/New_York",
        validators=[validate_time_zone],
        help_text="Every time on the site is shown in this zone, e.g. America/New_York.",
    )
    phase = models.CharField(max_length=16, choices=Phase.choices, default=Phase.UPCOMING)
    tutorial_start_date = models.DateField(
        "first tutorial day",
        null=True,
        blank=True,
        help_text="Tutorials before the talks; leave both days empty if there are none.",
    )
    tutorial_end_date = models.DateField(
        "last tutorial day",
        null=True,
        blank=True,
        help_text="The first again for one day; at the latest the edition's last day.",
    )
    sprint_start_date = models.DateField(
        "first sprint day",
        null=True,
        blank=True,
        help_text="Sprints after the talks; leave both days empty if there are none.",
    )
    sprint_end_date = models.DateField(
        "last sprint day",
        null=True,
        blank=True,
        help_text="The first again for one day.",
    )
    venue_name = models.CharField(max_length=255, blank=True)
    venue_address = models.TextField(blank=True)
    ticket_link = models.URLField(blank=True)
    cfp_link = models.URLField("call for proposals link", blank=True)
    hotel_link = models.URLField(blank=True)
    opportunity_grant_link = models.URLField(blank=True)
    photos_link = models.URLField(blank=True)
    youtube_link = models.URLField("video channel link", blank=True)
    sponsorship_prospectus_link = models.URLField(blank=True)
    contact_email = models.EmailField(blank=True)
    conduct_email = models.EmailField(
        "code of conduct email",
        blank=True,
        help_text="Where attendees report a code of conduct concern; shown on the code of "
        "conduct page.",
    )
    program_email = models.EmailField("program team email", blank=True)
    sponsors_email = models.EmailField(blank=True)
    grants_email = models.EmailField("opportunity grants email", blank=True)
    visa_email = models.EmailField(
        "visa letters email", blank=True, help_text="Where attendees ask for a visa letter."
    )
    cfp_deadline = models.DateField(
        "call for proposals closes", null=True, blank=True, help_text="The last day to submit."
    )
    grants_deadline = models.DateField(
        "opportunity grants close", null=True, blank=True, help_text="The last day to apply."
    )
    tickets_deadline = models.DateField(
        "ticket sales end", null=True, blank=True, help_text="The last day to buy a ticket."
    )
    mastodon_url = models.URLField("Mastodon", blank=True)
    bluesky_url = models.URLField("Bluesky", blank=True)
    github_url = models.URLField("GitHub", blank=True)
    linkedin_url = models.URLField("LinkedIn", blank=True)
    x_url = models.URLField("X", blank=True)
    default_social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when a page without an image of its own is shared; otherwise a "
        "card with the edition's name and dates is generated.",
    )
    logo = image_field(
        "logo",
        "Shown in the header on a light background. PNG, WebP, AVIF or JPEG (SVG is refused "
        "for security: export a PNG at twice the size you need).",
    )
    logo_dark = image_field(
        "logo for dark mode", "Shown instead of the logo when the visitor uses a dark theme."
    )
    icon = image_field(
        "icon",
        "A square image (512 × 512 pixels or more): the favicon and the icons phones "
        "show for the site are made from it.",
    )
    hero_image = image_field("home page image", "A wide photo shown behind the home page's title.")
    accent_colour = colour_field(
        "accent colour", "Buttons and links, e.g. #0b5d3b. Leave empty for the site's own."
    )
    accent_text_colour = colour_field(
        "text on the accent colour", "The text of buttons, e.g. #ffffff."
    )
    background_colour = colour_field("background colour", "The page background, e.g. #ffffff.")

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    MultiFieldPanel(
                        [
                            FieldPanel("name"),
                            FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                            FieldPanel("time_zone"),
                            FieldPanel("phase"),
                        ],
                        "Edition",
                    ),
                    MultiFieldPanel(
                        [
                            FieldRowPanel(
                                [FieldPanel("tutorial_start_date"), FieldPanel("tutorial_end_date")]
                            )
                        ],
                        "Tutorial days",
                        help_text="Talks and schedule items may be on these days as well as "
                        "the edition's.",
                    ),
                    MultiFieldPanel(
                        [
                            FieldRowPanel(
                                [FieldPanel("sprint_start_date"), FieldPanel("sprint_end_date")]
                            )
                        ],
                        "Sprint days",
                        help_text="Talks and schedule items may be on these days as well as "
                        "the edition's.",
                    ),
                    MultiFieldPanel(
                        [FieldPanel("venue_name"), FieldPanel("venue_address")], "Venue"
                    ),
                ],
                heading="Edition",
            ),
            ObjectList(
                [
                    MultiFieldPanel(
                        [
                            FieldPanel("ticket_link"),
                            FieldPanel("cfp_link"),
                            FieldPanel("hotel_link"),
                            FieldPanel("opportunity_grant_link"),
                            FieldPanel("sponsorship_prospectus_link"),
                            FieldPanel("photos_link"),
                            FieldPanel("youtube_link"),
                        ],
                        "Links",
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("cfp_deadline"),
                            FieldPanel("grants_deadline"),
                            FieldPanel("tickets_deadline"),
                        ],
                        "Deadlines",
                        help_text="The home page shows the next one still ahead.",
                    ),
                ],
                heading="Links and deadlines",
            ),
            ObjectList(
                [
                    FieldPanel("contact_email"),
                    FieldPanel("conduct_email"),
                    FieldPanel("program_email"),
                    FieldPanel("sponsors_email"),
                    FieldPanel("grants_email"),
                    FieldPanel("visa_email"),
                ],
                heading="Emails",
            ),
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("logo"), FieldPanel("logo_dark")]),
                    FieldPanel("icon"),
                    FieldPanel("hero_image"),
                    MultiFieldPanel(
                        [
                            FieldPanel("accent_colour"),
                            FieldPanel("accent_text_colour"),
                            FieldPanel("background_colour"),
                        ],
                        "Colours",
                        help_text="Each must be readable against the other (WCAG AA).",
                    ),
                    FieldPanel("default_social_image"),
                ],
                heading="Look",
            ),
            ObjectList(
                [
                    FieldPanel("mastodon_url"),
                    FieldPanel("bluesky_url"),
                    FieldPanel("github_url"),
                    FieldPanel("linkedin_url"),
                    FieldPanel("x_url"),
                ],
                heading="Social links",
            ),
        ]
    )

    # Every address field, checked by the one link rule (site_variables.link_is_safe).
    LINK_FIELDS = (
        "ticket_link",
        "cfp_link",
        "hotel_link",
        "opportunity_grant_link",
        "sponsorship_prospectus_link",
        "photos_link",
        "youtube_link",
        "mastodon_url",
        "bluesky_url",
        "github_url",
        "linkedin_url",
        "x_url",
    )
    # The edition's extra days: the label of each kind and its (first, last) date fields.
    EXTRA_DAYS = {
        "tutorial": ("tutorial_start_date", "tutorial_end_date"),
        "sprint": ("sprint_start_date", "sprint_end_date"),
    }
    # Every date of the edition: its own, then its tutorial and sprint days.
    DATE_FIELDS = ("start_date", "end_date", *(f for pair in EXTRA_DAYS.values() for f in pair))
    # Each deadline and what it is for, in the words the home page uses.
    DEADLINE_FIELDS = {
        "cfp_deadline": "The call for proposals closes",
        "grants_deadline": "Opportunity grant applications close",
        "tickets_deadline": "Ticket sales end",
    }

    # The look's images come with the settings every page reads: no query of their own.
    select_related = ("logo", "logo_dark", "icon", "hero_image")

    class Meta:
        verbose_name = "conference settings"

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "The edition must end on or after its start date."
        errors.update(self.extra_days_errors())
        for name in self.LINK_FIELDS:
            try:
                validate_link(getattr(self, name))
            except ValidationError as error:
                errors[name] = error
        errors.update(
            contrast_errors(self.accent_colour, self.accent_text_colour, self.background_colour)
        )
        if errors:
            raise ValidationError(errors)

    def extra_days_errors(self) -> dict[str, str]:
        """The tutorial and sprint days' problems, by field: each pair given whole, in order
        and with the edition's own dates; tutorials end by the edition's last day, sprints
        start on its first day or later."""
        errors = {}
        for label, (first, last) in self.EXTRA_DAYS.items():
            start, end = getattr(self, first), getattr(self, last)
            if bool(start) != bool(end):
                errors[last if start else first] = (
                    f"Give the first and the last {label} day, or neither."
                )
            elif start and not (self.start_date and self.end_date):
                errors[first] = f"Give the edition's dates first: {label} days are around them."
            elif start and end < start:
                errors[last] = f"The last {label} day must be on or after the first."
        if errors:
            return errors
        if self.tutorial_end_date and self.tutorial_end_date > self.end_date:
            errors["tutorial_end_date"] = (
                f"Tutorials must end by the edition's last day ({long_date(self.end_date)})."
            )
        if self.sprint_start_date and self.sprint_start_date < self.start_date:
            errors["sprint_start_date"] = (
                f"Sprints must start on the edition's first day ({long_date(self.start_date)}) "
                "or later."
            )
        return errors

    def day_ranges(self) -> list[DayRange]:
        """The days a talk or schedule item may be on, in order: tutorial days, the edition's
        own dates, sprint days. Empty while the edition has no dates of its own (it then
        accepts any day); a pair of extra days half given counts for nothing."""
        if not (self.start_date and self.end_date):
            return []
        ranges = [DayRange("conference", self.start_date, self.end_date)]
        for label, (first, last) in self.EXTRA_DAYS.items():
            start, end = getattr(self, first), getattr(self, last)
            if start and end and start <= end:
                ranges.append(DayRange(f"{label}s", start, end))
        return sorted(ranges, key=lambda r: (r.first, r.last))

    def next_deadline(self, today: datetime.date) -> tuple[str, datetime.date] | None:
        """The first deadline on `today` or later, with what it is for."""
        ahead = [
            (day, label)
            for name, label in self.DEADLINE_FIELDS.items()
            if (day := getattr(self, name)) and day >= today
        ]
        return min(ahead)[::-1] if ahead else None

    def schedule_days(self) -> list[datetime.date]:
        """Every day of the edition (tutorial, conference and sprint days), in order."""
        return sorted({day for days in self.day_ranges() for day in days.days()})

    @property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def social_links(self):
        links = [
            ("Mastodon", self.mastodon_url),
            ("Bluesky", self.bluesky_url),
            ("GitHub", self.github_url),
            ("LinkedIn", self.linkedin_url),
            ("X", self.x_url),
        ]
        # A value stored before the link rule (a script, an old import) is never shown.
        return [(label, url) for label, url in links if url and link_is_safe(url)]

    def site_variables(self) -> dict[str, object]:
        """The `{{ site.X }}` names that content imported from Jekyll and Eleventy uses."""
        return {name: getattr(self, field) for name, field in SITE_VARIABLE_FIELDS.items()}

    @classmethod
    def for_page(
        cls, page: Page | None, request: HttpRequest | None = None
    ) -> "ConferenceSettings":
        """The settings of the edition (Site) `page` belongs to: the one way to ask. With the
        request being served, Wagtail's per-request cache answers; a page outside every site
        (not saved yet, or a test page) gets unsaved defaults."""
        if request is not None:
            return cls.for_request(request)
        site = page.get_site() if page is not None and page.pk else None
        return cls.for_site(site) if site else cls()


def settings_from_context(context: Mapping | None) -> ConferenceSettings | None:
    """The ConferenceSettings of the page a template (or a block) renders, or None when the
    context names neither a request nor a saved page (site variables then stay as written)."""
    request = (context or {}).get("request")
    page = (context or {}).get("page")
    if request is None and (getattr(page, "pk", None) is None or page.get_site() is None):
        return None
    return ConferenceSettings.for_page(page, request)


def variables_from_context(context: Mapping | None) -> dict[str, object]:
    """The site variables of the page being rendered; `{% render_body %}` computes them once
    and puts them in the context as `site_variables`."""
    if context is None:
        return {}
    cached = context.get("site_variables")
    if cached is not None:
        return cached
    settings = settings_from_context(context)
    return settings.site_variables() if settings else {}


def unknown_site_variables(text: str) -> list[str]:
    """The `site.X` names in text that no edition setting answers."""
    return unknown_variables(text, SITE_VARIABLE_FIELDS)


EDITIONS_ON_REQUEST = "_conference_editions"


def all_editions(request: HttpRequest | None = None) -> list[ConferenceSettings]:
    """Every edition's settings with its Site and root page, newest first: one query, kept on
    the request so the header, notice, footer and 404 of one response share it."""
    cached = getattr(request, EDITIONS_ON_REQUEST, None)
    if cached is not None:
        return cached
    editions = list(
        ConferenceSettings.objects.select_related("site", "site__root_page").order_by(
            models.F("start_date").desc(nulls_last=True), "site__hostname"
        )
    )
    if request is not None:
        setattr(request, EDITIONS_ON_REQUEST, editions)
    return editions


def edition_url(
    edition: ConferenceSettings, request: HttpRequest | None = None, path: str = "/"
) -> str:
    """The address of `path` in `edition`, for every link from one edition to another: over
    the scheme the visitor came by (a Site stored with port 80 is served over https behind
    the proxy too), on the Site's port unless it is 80 or 443. Without a request, Wagtail's
    `Site.root_url`."""
    site = edition.site
    if request is None:
        return site.root_url + path
    port = "" if site.port in (80, 443) else f":{site.port}"
    return f"{request.scheme}://{site.hostname}{port}{path}"


def current_edition(request: HttpRequest | None = None) -> ConferenceSettings | None:
    """The edition visitors of an archived one are sent to: the default Site's, unless it is
    archived; else the newest not archived by start date; None when every edition is."""
    editions = all_editions(request)
    for edition in editions:
        if edition.site.is_default_site and edition.phase != Phase.ARCHIVED:
            return edition
    return next((e for e in editions if e.phase != Phase.ARCHIVED), None)
