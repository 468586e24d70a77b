import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyStreamBlock, LinkTargetBlock
from .mixins import ListingMixin, SocialMixin
from .site_variables import link_is_safe, validate_link


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            "%(value)s is not a time zone name; use one such as America/New_York.",
            params={"value": value},
        )


class HomePage(SocialMixin, Page):
    """The root of one conference edition (one Wagtail Site per edition)."""

    tagline = models.CharField(max_length=255, blank=True, help_text="One line under the name.")
    intro = models.TextField(blank=True, help_text="A short paragraph introducing the edition.")
    body = StreamField(BodyStreamBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [
        FieldPanel("tagline"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    promote_panels = Page.promote_panels + SocialMixin.social_panels

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "blog.NewsIndexPage",
        "program.ProgramPage",
        "program.PresenterIndexPage",
    ]

    class Meta:
        verbose_name = "home page"


class StandardPage(SocialMixin, ListingMixin, Page):
    """Venue, code of conduct, the call for proposals, and anything else."""

    intro = models.TextField(blank=True)
    body = StreamField(BodyStreamBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    promote_panels = Page.promote_panels + ListingMixin.listing_panels + SocialMixin.social_panels
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("listing_summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = "standard page"


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
    venue_name = models.CharField(max_length=255, blank=True)
    venue_address = models.TextField(blank=True)
    ticket_link = models.URLField(blank=True)
    cfp_link = models.URLField("call for proposals link", blank=True)
    hotel_link = models.URLField(blank=True)
    opportunity_grant_link = models.URLField(blank=True)
    photos_link = models.URLField(blank=True)
    youtube_link = models.URLField("video channel link", blank=True)
    contact_email = models.EmailField(blank=True)
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

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("time_zone"),
                FieldPanel("phase"),
            ],
            "Edition",
        ),
        MultiFieldPanel([FieldPanel("venue_name"), FieldPanel("venue_address")], "Venue"),
        MultiFieldPanel(
            [
                FieldPanel("ticket_link"),
                FieldPanel("cfp_link"),
                FieldPanel("hotel_link"),
                FieldPanel("opportunity_grant_link"),
                FieldPanel("photos_link"),
                FieldPanel("youtube_link"),
                FieldPanel("contact_email"),
            ],
            "Links",
        ),
        MultiFieldPanel(
            [
                FieldPanel("mastodon_url"),
                FieldPanel("bluesky_url"),
                FieldPanel("github_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("x_url"),
            ],
            "Social links",
        ),
        FieldPanel("default_social_image"),
    ]

    # Every address field, checked by the one link rule (site_variables.link_is_safe).
    LINK_FIELDS = (
        "ticket_link",
        "cfp_link",
        "hotel_link",
        "opportunity_grant_link",
        "photos_link",
        "youtube_link",
        "mastodon_url",
        "bluesky_url",
        "github_url",
        "linkedin_url",
        "x_url",
    )

    class Meta:
        verbose_name = "conference settings"

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "The edition must end on or after its start date."
        for name in self.LINK_FIELDS:
            try:
                validate_link(getattr(self, name))
            except ValidationError as error:
                errors[name] = error
        if errors:
            raise ValidationError(errors)

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

    def site_variables(self):
        """The `{{ site.X }}` names that content imported from Jekyll and Eleventy uses."""
        return {
            "name": self.name,
            "ticket_link": self.ticket_link,
            "cfp_application": self.cfp_link,
            "cfp_link": self.cfp_link,
            "hotel_reservation_link": self.hotel_link,
            "contact_us_email": self.contact_email,
            "opportunity_grant_application": self.opportunity_grant_link,
            "photos_link": self.photos_link,
            "youtube_link": self.youtube_link,
            "phase": self.phase,
        }


class LinkBlock(LinkTargetBlock):
    label = blocks.CharBlock(max_length=64)

    class Meta:
        icon = "link"
        template = "components/blocks/link_block.html"
        description = "A navigation link to a page of the site or another address."
        preview_value = {"label": "Tickets", "url": "https://example.org/tickets/"}


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """The header and footer links, edited per edition."""

    primary_links = StreamField(
        [("link", LinkBlock())], blank=True, use_json_field=True, verbose_name="header links"
    )
    footer_links = StreamField([("link", LinkBlock())], blank=True, use_json_field=True)

    panels = [FieldPanel("primary_links"), FieldPanel("footer_links")]

    class Meta:
        verbose_name = "navigation"
