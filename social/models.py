from django.db import models


class SocialCard(models.Model):
    """The 1200 x 630 PNG drawn for one published revision of a page (see cards.py). Page
    views only read `file.url`; nothing is drawn while serving a visitor."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="social_cards"
    )
    revision_id = models.PositiveBigIntegerField()
    # Under images/: the part of the bucket that is public, like renditions.
    file = models.FileField(upload_to="images/social/", max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "revision_id"], name="unique_card_revision")
        ]

    def __str__(self):
        return f"Social card of page {self.page_id}, revision {self.revision_id}"
