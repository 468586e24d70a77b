from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "places"
    verbose_name = "Local guide"

    def ready(self):
        # The models are only importable once the apps are loaded.
        from home.row_search import reindex_on_change
        from pagecache.invalidation import invalidate_on_change

        from .models import LocalGuidePage, Place

        # Shown on the local guide. Every edition is renewed: a place may move from one
        # edition to another.
        invalidate_on_change(Place)
        reindex_on_change(Place, LocalGuidePage)
