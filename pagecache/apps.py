from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Page cache"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Every process (the site, the scheduler, imports) starts new generations; the models
        # are only importable once the apps are loaded.
        from .invalidation import connect_page_signals

        connect_page_signals()
