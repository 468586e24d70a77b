from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = "News and recaps"

    def ready(self):
        # The models are only importable once the apps are loaded.
        from pagecache.invalidation import invalidate_on_change

        from .models import BlogCategory

        # Shown on every post and listing: a change clears every site.
        invalidate_on_change(BlogCategory)
