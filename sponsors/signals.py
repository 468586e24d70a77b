"""What the page cache and search registrations (apps.py) leave out: a sponsor moved to
another edition renews the pages of the edition it left, and a level's change (its sponsors
may leave or join what visitors see) writes every sponsors page's search text again."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.search import index

from pagecache.invalidation import bump_when_committed

from .models import Sponsor, SponsorLevel, SponsorsPage

logger = logging.getLogger(__name__)


def sponsor_moved(sender, instance, raw=False, **kwargs):
    left = instance.editions_touched() - {instance.site_id}
    if left and not raw:
        bump_when_committed(list(left))


def level_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    # Levels change rarely and editions are few: every sponsors page, without asking where.
    for page in SponsorsPage.objects.all():
        try:
            # A savepoint: a failed index write must not abort the editor's save.
            with transaction.atomic():
                index.insert_or_update_object(page)
        except Exception:  # A search index problem must never block an edit.
            logger.exception("Could not reindex page %s", page.pk)


post_save.connect(sponsor_moved, sender=Sponsor, dispatch_uid="sponsors.sponsor-moved")
for signal in (post_save, post_delete):
    signal.connect(level_changed, sender=SponsorLevel, dispatch_uid=f"sponsors.level.{signal}")
