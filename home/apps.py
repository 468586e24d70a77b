from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Site and edition"

    def ready(self):
        # Every process (the site, publish_scheduled, imports) clears the page cache.
        from .page_cache import connect_signals

        connect_signals()
