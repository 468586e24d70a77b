from django.db import models
from wagtail.models import Page, Site


class ImportedItem(models.Model):
    """What an import made of one source item, so the next import knows what changed.

    The identity is the item's permalink or slug (a pretalx talk's code) within the site;
    the fingerprint is a hash of everything the import took from the source."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    identity = models.CharField(max_length=255)
    kind = models.CharField(max_length=32)
    page = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=1000, help_text="The file it came from.")
    group = models.CharField(
        max_length=255, blank=True, help_text="The schedule it belongs to (pretalx imports)."
    )
    fingerprint = models.CharField(max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "identity"], name="unique_import_identity")
        ]

    def __str__(self):
        return f"{self.kind} {self.identity}"
