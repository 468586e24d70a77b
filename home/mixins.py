"""Small abstract mixins for fields that many page types share."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


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
