"""The local guide of one edition: places to eat, drink coffee, sleep and see near the venue,
and the guide page that lists them by category.

A place is a snippet of the edition (EditionOwned): Editors and the Communication team edit
the guide without publishing a page, and the hidden flag keeps a place off every public
page."""

from django.db import models
from django.db.models import Prefetch
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index
from wagtailmarkdown.fields import MarkdownField

from home.mixins import HideableEditionOwned, SocialMixin, edition_site_id, in_editions
from home.structured_data import StructuredDataMixin
from home.visibility import VisiblePageManager
from text.markdown import searchable_text, validate_markdown
from text.plain_text import plain
from text.site_variables import link_is_safe, validate_link


class Category(models.TextChoices):
    """The guide's sections, in the order the page shows them."""

    FOOD = "food", "Food and drink"
    COFFEE = "coffee", "Coffee"
    HOTEL = "hotel", "Hotels"
    SIGHTS = "sights", "Sights"
    OTHER = "other", "Other places"


class Place(HideableEditionOwned):
    """One place near an edition's venue."""

    name = models.CharField(max_length=150)
    slug = models.SlugField(
        max_length=150,
        help_text="Its link on the guide page, e.g. blue-door-cafe for #place-blue-door-cafe.",
    )
    category = models.CharField(max_length=16, choices=Category.choices, default=Category.FOOD)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A landscape photo works best; give the image a description for alt text.",
    )
    address = models.TextField(blank=True)
    distance = models.CharField(
        max_length=100, blank=True, help_text="From the venue, e.g. 5 minutes' walk."
    )
    map_link = models.URLField(
        blank=True, validators=[validate_link], help_text="The place on a map, e.g. OpenStreetMap."
    )
    website = models.URLField(blank=True, validators=[validate_link])
    text = MarkdownField(blank=True, validators=[validate_markdown])
    sort_order = models.IntegerField(
        "order", default=0, help_text="Places are listed by this number within their category."
    )

    panels = [
        FieldPanel("site"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("category"),
        FieldPanel("photo"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("distance"),
                FieldPanel("map_link"),
                FieldPanel("website"),
            ],
            "Where",
        ),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("hidden")]),
    ]

    class Meta(HideableEditionOwned.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = "place"

    def __str__(self):
        return self.name

    @property
    def anchor(self):
        # Prefixed: a slug such as "main" must not take an id the page's own layout uses.
        return f"place-{self.slug}"

    @property
    def links(self):
        """(label, address) of the map and the website, leaving out any stored around the
        link rule."""
        links = [("Map", self.map_link), ("Website", self.website)]
        return [(label, url) for label, url in links if url and link_is_safe(url)]

    def search_text(self):
        return plain(
            self.name, self.get_category_display(), self.address, searchable_text(self.text)
        )


def guide_of_edition(site_id):
    """The places of an edition as the guide shows them, with their photos' renditions: the
    same queries for 1 or 100 places."""
    images = get_image_model().objects.prefetch_related("renditions")
    return Place.objects.for_visitors(site_id).prefetch_related(Prefetch("photo", queryset=images))


def by_category(places):
    """The places grouped in the guide's order of categories; empty categories left out."""
    return [
        {"category": category, "heading": category.label, "places": members}
        for category in Category
        if (members := [place for place in places if place.category == category])
    ]


class LocalGuidePage(StructuredDataMixin, SocialMixin, Page):
    """`/local-guide/`: the edition's places near the venue, by category."""

    objects = VisiblePageManager()

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    promote_panels = Page.promote_panels + SocialMixin.social_panels
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        # What visitors see of the places; hidden ones are left out (renewed on each change).
        index.SearchField("guide_text"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    # One per edition; every edition (HomePage) may have its own.
    max_count_per_parent = 1

    class Meta:
        verbose_name = "local guide"

    def places(self):
        return Place.objects.for_visitors(edition_site_id(self))

    def guide_text(self):
        return plain(*(place.search_text() for place in self.places()))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["categories"] = by_category(list(guide_of_edition(edition_site_id(self, request))))
        return context

    def search_summary(self, tz):
        names = self.places().values_list("name", flat=True)
        return "", plain(self.intro, ", ".join(names))


def guide_pages_of(site_ids):
    return in_editions(LocalGuidePage.objects.all(), site_ids)
