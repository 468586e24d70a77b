"""The edition's pages (HomePage, StandardPage) and settings (ConferenceSettings in
`home.edition`, the navigation here)."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyStreamBlock, LinkBlock, StandardPageStreamBlock

# Re-exported: migrations and the other apps name them `home.models.X`.
from .edition import ConferenceSettings, Phase, validate_time_zone
from .mixins import ListingMixin, SocialMixin
from .structured_data import (
    EVENT_SCHEDULED,
    IN_PERSON,
    SCHEMA_CONTEXT,
    Card,
    StructuredDataMixin,
    organization,
)

__all__ = [
    "ConferenceSettings",
    "HomePage",
    "NavigationSettings",
    "Phase",
    "StandardPage",
    "validate_time_zone",
]


class HomePage(StructuredDataMixin, SocialMixin, Page):
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
        "sponsors.SponsorsPage",
        "organizers.TeamPage",
        "places.LocalGuidePage",
    ]

    class Meta:
        verbose_name = "home page"

    has_social_card = True
    card_stands_for_edition = True

    def structured_data(self, request, url, description, context=None):
        settings = ConferenceSettings.for_page(self, request)
        data = {
            "@context": SCHEMA_CONTEXT,
            "@type": "Event",
            "name": settings.name,
            "url": url,
            "eventStatus": EVENT_SCHEDULED,
            "eventAttendanceMode": IN_PERSON,
            "organizer": organization(settings.name),
        }
        if settings.start_date:
            data["startDate"] = settings.start_date.isoformat()
            data["endDate"] = (settings.end_date or settings.start_date).isoformat()
        if description:
            data["description"] = description
        if settings.ticket_link:
            data["offers"] = {"@type": "Offer", "url": settings.ticket_link}
        return data

    def social_card(self):
        site = self.get_site()
        settings = ConferenceSettings.for_page(self)
        dates = ""
        if settings.start_date:
            dates = f"{settings.start_date:%-d %B}"
            if settings.end_date and settings.end_date != settings.start_date:
                dates += f" – {settings.end_date:%-d %B}"
            dates += f" {settings.start_date:%Y}"
        return Card(
            title=settings.name,
            eyebrow="",
            lines=[self.tagline, dates, settings.venue_name],
            footer=site.hostname if site else "",
        )


class StandardPage(StructuredDataMixin, SocialMixin, ListingMixin, Page):
    """Venue, code of conduct, the call for proposals, and anything else."""

    intro = models.TextField(blank=True)
    body = StreamField(StandardPageStreamBlock(), blank=True, use_json_field=True)

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
