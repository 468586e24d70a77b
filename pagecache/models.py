from django.db import models


class SiteGeneration(models.Model):
    """The page cache generation of one Wagtail site, when no Redis is shared: every process
    reads it (by primary key) and a change anywhere raises it."""

    site_id = models.PositiveIntegerField(primary_key=True)
    generation = models.BigIntegerField()

    class Meta:
        verbose_name = "page cache generation"

    def __str__(self):
        return f"site {self.site_id}: generation {self.generation}"
