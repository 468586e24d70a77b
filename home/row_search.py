"""Pages whose search text holds rows of their edition (the team page's people, the local
guide's places) are indexed again when one of those rows changes: an app calls
`reindex_on_change(row_model, page_model)` from its AppConfig.ready(), as it registers the
row with the page cache."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.search import index

from .mixins import in_editions

logger = logging.getLogger(__name__)


def reindex_on_change(row_model, page_model):
    """When a `row_model` (HideableEditionOwned) is saved or deleted, index again the
    `page_model` pages of the editions it touched."""

    def changed(sender, instance, **kwargs):
        for page in in_editions(page_model.objects.all(), instance.editions_touched()):
            try:
                # A savepoint: a failed index write must not abort the editor's save.
                with transaction.atomic():
                    index.insert_or_update_object(page)
            except Exception:  # A search index problem must never block an edit.
                logger.exception("Could not reindex page %s", page.pk)

    uid = f"row-search.{row_model._meta.label_lower}"
    for signal in (post_save, post_delete):
        # weak=False: `changed` lives only in this closure.
        signal.connect(changed, sender=row_model, weak=False, dispatch_uid=f"{uid}.{signal}")
