"""Small abstract mixins for fields that many models share."""

from django.db import models
from django.http import HttpRequest
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, Site


class SocialMixin(models.Model):
    """The image and text a page shows when it is shared on social media."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when the page is shared. Falls back to the edition's default image.",
    )
    social_text = models.CharField(
        max_length=255,
        blank=True,
        help_text="A sentence for social cards. Falls back to the search description.",
    )

    social_panels = [
        MultiFieldPanel([FieldPanel("social_image"), FieldPanel("social_text")], "Social sharing")
    ]

    class Meta:
        abstract = True


class ListingMixin(models.Model):
    """A short summary used wherever the page is listed (cards, search results, feeds)."""

    listing_summary = models.TextField(
        blank=True,
        max_length=400,
        help_text="One or two sentences shown in listings. Leave empty to use the introduction.",
    )

    listing_panels = [FieldPanel("listing_summary")]

    class Meta:
        abstract = True


class EditionQuerySet(models.QuerySet):
    def for_site(self, site):
        """The rows of one edition (a Site, its pk, or None for no edition: no rows). The
        one place that says how a row belongs to an edition."""
        if site is None:
            return self.none()
        return self.filter(site=site)


class EditionOwned(models.Model):
    """A row that belongs to one edition (Wagtail Site): rooms, tracks and news categories.
    Its name and slug are unique within the edition; another edition may reuse them."""

    site = models.ForeignKey(
        "wagtailcore.Site",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="edition",
        help_text="The edition (site) this belongs to; only its pages can use it.",
    )

    # A row's edition is not a use of the Site worth Wagtail's reference index (its usage
    # counts are for pages and snippets): no bookkeeping on every save.
    site.wagtail_reference_index_ignore = True

    objects = EditionQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["site", "slug"], name="%(app_label)s_%(class)s_slug_per_edition"
            ),
            models.UniqueConstraint(
                fields=["site", "name"], name="%(app_label)s_%(class)s_name_per_edition"
            ),
        ]


class VisitorRowQuerySet(EditionQuerySet):
    def for_visitors(self, site):
        """The rows of one edition a visitor may see: those not hidden. The one rule for the
        pages, listings and search text that show them."""
        return self.for_site(site).filter(hidden=False)


class HideableEditionOwned(EditionOwned):
    """An edition's row that editors may keep out of sight (organizers, places): a hidden row
    reaches no visitor."""

    hidden = models.BooleanField(
        default=False, help_text="Kept here but shown nowhere to visitors."
    )

    objects = VisitorRowQuerySet.as_manager()

    class Meta(EditionOwned.Meta):
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Remembered so that a row moved to another edition renews the one it left too.
        instance.loaded_site_id = instance.__dict__.get("site_id")
        return instance

    def editions_touched(self) -> set[int]:
        """The row's edition and, when it was moved, the one it comes from: a save changes
        what the pages of both show."""
        return {self.site_id, getattr(self, "loaded_site_id", None)} - {None}


def in_editions(queryset: models.QuerySet, site_ids: set[int]) -> models.QuerySet:
    """The pages of `queryset` inside these editions' trees, found by url_path from Wagtail's
    cached site root paths (no query for the sites)."""
    inside = models.Q(pk__in=[])
    for root in Site.get_site_root_paths():
        if root.site_id in site_ids:
            inside |= models.Q(url_path__startswith=root.root_path)
    return queryset.filter(inside)


def edition_site_id(page: Page | None, request: HttpRequest | None = None) -> int | None:
    """The pk of the Site (edition) `page` belongs to: the request's while one is being
    served (Wagtail keeps it on the request), else the site whose root the page's url_path
    starts with, from Wagtail's cached site root paths (no query, as `Page.get_site()`
    chooses). A page not saved yet answers through its parent: the one above it in the tree
    (treebeard's add_child), or the one the admin's form names (`parent_for_validation`)."""
    if request is not None:
        site = Site.find_for_request(request)
        return site.pk if site else None
    if page is not None and not page.pk:
        page = page.get_parent() if page.path else getattr(page, "parent_for_validation", None)
    if page is None or not page.pk:
        return None
    return next(
        (
            root.site_id
            for root in Site.get_site_root_paths()
            if page.url_path.startswith(root.root_path)
        ),
        None,
    )


def other_edition_errors(site_id: int | None, **rows) -> dict:
    """Errors by field name for the rows (EditionOwned or None) that belong to an edition
    other than `site_id`'s, the edition of the page that uses them: called from the pages'
    and schedule items' clean(), so the admin, the importer and scripts all obey it. A page
    outside every edition (`site_id` None) has nothing to compare with."""
    foreign = {
        name: row
        for name, row in rows.items()
        if site_id is not None and row is not None and row.site_id != site_id
    }
    if not foreign:
        return {}
    site = Site.objects.get(pk=site_id)
    edition = site.site_name or site.hostname
    return {
        name: [
            f"This {row._meta.verbose_name} belongs to another edition; choose a "
            f"{row._meta.verbose_name} of {edition}."
        ]
        for name, row in foreign.items()
    }
