from django.apps import AppConfig


class SponsorsConfig(AppConfig):
    """An edition's sponsors and their levels, the sponsors page and the footer's strip."""

    name = "sponsors"
    verbose_name = "Sponsors"

    def ready(self):
        # The models are only importable once the apps are loaded; importing signals
        # connects its receivers.
        from home.row_search import reindex_on_change
        from pagecache.invalidation import invalidate_on_change

        from . import signals  # noqa: F401
        from .models import Sponsor, SponsorLevel, SponsorsPage

        # In the footer of every page of their edition, and only there (signals.py renews the
        # edition a moved sponsor left). A level renews every edition: it may move, and its
        # sponsors with it.
        invalidate_on_change(Sponsor, per_site=True)
        invalidate_on_change(SponsorLevel)
        # The sponsors page's search text holds the names of the sponsors visitors may see.
        reindex_on_change(Sponsor, SponsorsPage)
