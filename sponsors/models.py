"""An edition's sponsors: its levels (Diamond, Gold, Community...), the sponsors in them, and
the sponsors page. What a visitor may see of them is `Sponsor.objects.for_visitors`."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, Site
from wagtail.search import index
from wagtailmarkdown.fields import MarkdownField

from home.mixins import (
    EditionOwned,
    HideableEditionOwned,
    SocialMixin,
    VisitorRowQuerySet,
    other_edition_errors,
)
from home.structured_data import StructuredDataMixin
from home.visibility import VisiblePageManager, visible_to_visitors
from text.markdown import searchable_text, validate_markdown
from text.plain_text import plain
from text.site_variables import link_is_safe, validate_link

from .forms import SponsorForm
from .logos import LOGO_HELP, STRIP, fetch_renditions, logo_format_error


class LogoSize(models.TextChoices):
    LARGE = "large", "Large"
    MEDIUM = "medium", "Medium"
    SMALL = "small", "Small"


class Orientation(models.TextChoices):
    LANDSCAPE = "landscape", "Landscape (wider than tall)"
    SQUARE = "square", "Square"
    PORTRAIT = "portrait", "Portrait (taller than wide)"


class SlugFromName(models.Model):
    """A slug the editor may leave empty: it is then made from the name."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.fill_slug()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.fill_slug()

    def fill_slug(self):
        if not self.slug:
            self.slug = slugify(self.name)[: self._meta.get_field("slug").max_length]


class SponsorLevel(SlugFromName, EditionOwned):
    """One level of an edition's sponsorship (Diamond, Gold, Community, Media...): the sponsors
    page and the home page show them in this order, logos at the level's size."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, blank=True, help_text="Made from the name if empty.")
    sort_order = models.IntegerField(default=0, help_text="Levels are shown by this number.")
    logo_size = models.CharField(
        max_length=10,
        choices=LogoSize.choices,
        default=LogoSize.MEDIUM,
        help_text="How large this level's logos are on the sponsors and home pages.",
    )

    panels = [FieldPanel("site"), FieldPanel("name"), FieldPanel("slug"), FieldPanel("logo_size")]
    # The admin's listing reorders levels by dragging them.
    sort_order_field = "sort_order"

    class Meta(EditionOwned.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = "sponsor level"

    def __str__(self):
        return self.name


class SponsorQuerySet(VisitorRowQuerySet):
    def for_visitors(self, site):
        """The sponsors of an edition a visitor may see: not hidden, in a level of their own
        edition (a row written around Sponsor.clean() never shows), by level then order,
        with their level and logos."""
        return (
            super()
            .for_visitors(site)
            .filter(level__site_id=models.F("site_id"))
            .select_related("level", "logo", "logo_dark")
            .order_by("level__sort_order", "level__name", "sort_order", "name")
        )


class Sponsor(SlugFromName, HideableEditionOwned):
    """A sponsor of one edition, in one of that edition's levels."""

    name = models.CharField(max_length=255)
    slug = models.SlugField(
        max_length=255, blank=True, help_text="Its anchor on the sponsors page; made from the name."
    )
    level = models.ForeignKey(SponsorLevel, on_delete=models.PROTECT, related_name="sponsors")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=LOGO_HELP,
    )
    logo_dark = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="logo for dark backgrounds",
        help_text="Optional: shown in the dark theme. Without it the logo sits on a light tile.",
    )
    logo_orientation = models.CharField(
        max_length=10,
        choices=Orientation.choices,
        default=Orientation.LANDSCAPE,
        help_text="Gives a tall or square logo a box of its shape, the same weight as the others.",
    )
    link = models.URLField(
        max_length=500, blank=True, validators=[validate_link], help_text="The sponsor's site."
    )
    link_label = models.CharField(
        max_length=100, blank=True, help_text="The link's text; “Visit <name>” when empty."
    )
    description = MarkdownField(
        blank=True,
        validators=[validate_markdown],
        help_text="A few sentences, plain text or markdown.",
    )
    hiring = models.BooleanField(default=False, help_text="Shows a “Hiring” link.")
    jobs_link = models.URLField(
        max_length=500, blank=True, validators=[validate_link], help_text="Where its jobs are."
    )
    sort_order = models.IntegerField(
        "order within the level", default=0, help_text="Lower numbers come first."
    )

    objects = SponsorQuerySet.as_manager()

    base_form_class = SponsorForm
    panels = [
        FieldPanel("site"),
        FieldPanel("level"),
        FieldPanel("name"),
        FieldPanel("slug"),
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("logo_dark"), FieldPanel("logo_orientation")], "Logo"
        ),
        MultiFieldPanel([FieldPanel("link"), FieldPanel("link_label")], "Link"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("hiring"), FieldPanel("jobs_link")], "Hiring"),
        FieldPanel("sort_order"),
        FieldPanel("hidden"),
    ]

    class Meta(HideableEditionOwned.Meta):
        ordering = ["level__sort_order", "sort_order", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = other_edition_errors(self.site_id, level=self.level if self.level_id else None)
        for name in ("logo", "logo_dark"):
            problem = logo_format_error(getattr(self, name))
            if problem:
                errors[name] = [problem]
        if self.hiring and not self.jobs_link:
            errors["jobs_link"] = ["Give the jobs link, or untick “hiring”."]
        if errors:
            raise ValidationError(errors)

    # A value stored before the link rule (a script, an import) is never shown.
    @property
    def safe_link(self) -> str:
        return self.link if self.link and link_is_safe(self.link) else ""

    @property
    def safe_jobs_link(self) -> str:
        return self.jobs_link if self.hiring and link_is_safe(self.jobs_link) else ""

    @property
    def link_text(self) -> str:
        return self.link_label or f"Visit {self.name}"


@dataclass
class LevelGroup:
    level: SponsorLevel
    sponsors: list[Sponsor]


@dataclass
class EditionSponsors:
    """What visitors see of an edition's sponsors: by level, and its sponsors page's URL."""

    sponsors: list[Sponsor]
    page_url: str

    @property
    def by_level(self) -> list[LevelGroup]:
        groups = []
        for sponsor in self.sponsors:
            if not groups or groups[-1].level.pk != sponsor.level_id:
                groups.append(LevelGroup(sponsor.level, []))
            groups[-1].sponsors.append(sponsor)
        return groups


SPONSORS_ON_REQUEST = "_edition_sponsors"


def both_boxes(sponsor):
    """A sponsor's logo in the footer strip and at its level's size."""
    return (STRIP, sponsor.level.logo_size)


def edition_sponsors(
    site_id: int | None, request: HttpRequest | None = None, page_url: str | None = None
) -> EditionSponsors:
    """The edition's sponsors as visitors see them, with every rendition the strip and the
    pages use: two queries whatever their number (one when there are none), plus one for the
    sponsors page's `page_url` unless given. Kept on the request: the footer and the home
    page of one response share it."""
    cached = getattr(request, SPONSORS_ON_REQUEST, {})
    if site_id in cached:
        return cached[site_id]
    sponsors = list(Sponsor.objects.for_visitors(site_id))
    fetch_renditions(sponsors, both_boxes)
    if page_url is None:
        page_url = sponsors_page_url(site_id, request) if sponsors else ""
    found = EditionSponsors(sponsors, page_url)
    if request is not None:
        setattr(request, SPONSORS_ON_REQUEST, {**cached, site_id: found})
    return found


def sponsors_page_url(site_id: int | None, request: HttpRequest | None = None) -> str:
    """The URL of the edition's sponsors page when visitors may see it, else "". The pages
    that ask are the edition's own, under its home page: their ancestors are checked."""
    root_path = next(
        (root.root_path for root in Site.get_site_root_paths() if root.site_id == site_id), None
    )
    if root_path is None:
        return ""
    page = visible_to_visitors(
        SponsorsPage.objects.filter(url_path__startswith=root_path), ancestors_checked=True
    ).first()
    return (page.get_url(request) or "") if page else ""


class SponsorsPage(StructuredDataMixin, SocialMixin, Page):
    """`/sponsors/`: the edition's sponsors by level, and how to become one."""

    objects = VisiblePageManager()

    intro = models.TextField(blank=True, help_text="A paragraph above the sponsors.")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    promote_panels = Page.promote_panels + SocialMixin.social_panels
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("sponsor_text"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    # One per edition.
    max_count_per_parent = 1

    class Meta:
        verbose_name = "sponsors page"

    def edition_site_id(self) -> int | None:
        """The edition the page belongs to, from Wagtail's cached site root paths (no query):
        in a preview too, whatever host the admin is on."""
        return next(
            (
                root.site_id
                for root in Site.get_site_root_paths()
                if self.url_path.startswith(root.root_path)
            ),
            None,
        )

    def visible_sponsors(self):
        return Sponsor.objects.for_visitors(self.edition_site_id())

    def sponsor_text(self) -> str:
        """What search finds the page by: the names and descriptions of the sponsors visitors
        may see (a hidden one is never indexed; signals.py reindexes on every change)."""
        return plain(
            *(
                plain(sponsor.name, searchable_text(sponsor.description))
                for sponsor in self.visible_sponsors()
            )
        )

    def search_summary(self, tz):
        names = ", ".join(sponsor.name for sponsor in self.visible_sponsors())
        return "", plain(self.intro, f"Sponsors: {names}." if names else "")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["edition_sponsors"] = edition_sponsors(
            self.edition_site_id(), request, page_url=self.get_url(request) or ""
        )
        return context
