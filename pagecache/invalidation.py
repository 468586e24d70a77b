"""What starts a new generation, and the API other apps use to add to it.

Pages: published, unpublished (the scheduler's too), moved, deleted, or a revision scheduled
to go live. Models: whatever an app registers with `invalidate_on_change` from its
AppConfig.ready(). Wagtail's own shared models (images, view restrictions, sites) are
registered here. Every new generation starts once the change is committed, in the store every
process reads (`pagecache.generations`), so a `manage.py` command changes what the running
server serves as soon as it commits.
"""

import logging
import threading

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.urls import NoReverseMatch
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Revision, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .generations import bump_generation, hosts, page_cache_enabled

logger = logging.getLogger(__name__)
UID = "pagecache"


def all_site_ids():
    return list(Site.objects.values_list("pk", flat=True))


def site_ids_for_page(page):
    """The sites whose tree holds the page (by url_path, so it works after a delete too)."""
    url_path = getattr(page, "url_path", "") or ""
    found = [
        root.site_id
        for root in Site.get_site_root_paths()
        if url_path.startswith(root.root_path) and root.site_id is not None
    ]
    return found or all_site_ids()


def bump_when_committed(site_ids=None):
    """Start new generations once the change is committed (every site when `site_ids` is
    None). Started earlier, a request served in between (by any process) would read the old
    rows and cache them under the new generation, and go on serving them after the commit."""

    def bump():
        try:
            bump_generation(all_site_ids() if site_ids is None else site_ids)
        except Exception:  # The cache failing must never fail a publish.
            logger.exception("page cache: could not start a new generation")

    if page_cache_enabled():
        transaction.on_commit(bump)


def clear_for_page(page):
    try:
        site_ids = site_ids_for_page(page)
    except Exception:  # Nor must the site lookup.
        logger.exception("page cache: could not find the sites of page %s", page.pk)
        site_ids = None
    bump_when_committed(site_ids)


def invalidate_on_change(model, *, per_site=False):
    """Start a new generation whenever an instance of `model` is saved or deleted: of its own
    site (`instance.site_id`) when `per_site`, else of every site. For models shown on many
    pages (rooms, tracks, categories, settings, navigation); call it from AppConfig.ready()."""

    def changed(sender, instance, **kwargs):
        bump_when_committed([instance.site_id] if per_site else None)

    uid = f"{UID}.{model._meta.label_lower}"
    for signal in (post_save, post_delete):
        # weak=False: `changed` lives only in this closure.
        signal.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}.{signal}")


def frontend_cache_urls(pages):
    """The URLs a CDN may hold of these pages and of what shows them: their ancestors up to
    the edition's home page and the pages a page names (`pages_showing_this`: a talk's
    presenters, a presenter's talks), with the feeds and exports of each."""
    urls = set()
    for page in pages:
        showing = getattr(page, "pages_showing_this", list)()
        for item in [page, *page.get_ancestors().filter(depth__gt=1).specific(), *showing]:
            base = item.full_url
            if not base:
                continue
            urls.add(base)
            reverse = getattr(item, "reverse_subpage", None)
            for route in ("calendar", "json", "rss", "atom") if reverse else ():
                try:
                    urls.add(base + reverse(route))
                except NoReverseMatch:  # this page has no such export
                    continue
    return sorted(urls)


_purge_queue = threading.local()


def purge_frontend_cache_when_committed(page):
    """Purge the CDN once the change is committed (a CDN refetching earlier would get the old
    page again), with one purge for all the pages a transaction changed: an import publishes
    a thousand pages under one news index, which is then purged once, not a thousand times."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    queued = getattr(_purge_queue, "pages", None)
    if queued is None:
        queued = _purge_queue.pages = {}
    queued[page.pk] = page
    # The first of these callbacks to run purges everything queued; the others find nothing.
    # A rolled-back transaction's pages are purged with the next commit's, which is harmless.
    transaction.on_commit(_purge_queued)


def _purge_queued():
    queued, _purge_queue.pages = getattr(_purge_queue, "pages", None) or {}, {}
    if not queued:
        return
    try:
        purge_urls_from_cache(frontend_cache_urls(queued.values()))
    except Exception:  # A CDN that does not answer must never fail a publish.
        logger.exception("frontend cache: purge failed")


def on_page_changed(sender, instance, **kwargs):
    clear_for_page(instance)
    # Wagtail's own handler purges the page itself, before the commit; this covers it again.
    purge_frontend_cache_when_committed(instance)


def on_page_moved(sender, instance, **kwargs):
    # The page left one listing (perhaps one edition) for another: clear every site.
    bump_when_committed()
    purge_frontend_cache_when_committed(instance)


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        clear_for_page(instance)


def on_revision_saved(sender, instance, **kwargs):
    """A revision scheduled to go live brings the next scheduled moment forward: pages
    cached before must not outlive it."""
    if instance.approved_go_live_at is not None:
        bump_when_committed()


def on_site_changed(sender, instance, **kwargs):
    hosts.clear()
    bump_when_committed()


def connect_page_signals():
    """Called from PageCacheConfig.ready(), so management commands (publish_scheduled,
    imports) start new generations as well as the admin does."""
    page_published.connect(on_page_changed, dispatch_uid=f"{UID}.published")
    page_unpublished.connect(on_page_changed, dispatch_uid=f"{UID}.unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid=f"{UID}.moved")
    post_delete.connect(on_page_deleted, dispatch_uid=f"{UID}.deleted")
    post_save.connect(on_revision_saved, sender=Revision, dispatch_uid=f"{UID}.revision")
    for signal in (post_save, post_delete):
        signal.connect(on_site_changed, sender=Site, dispatch_uid=f"{UID}.site.{signal}")
    invalidate_on_change(get_image_model())
    invalidate_on_change(PageViewRestriction)
