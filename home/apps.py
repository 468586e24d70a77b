from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Site and edition"

    def ready(self):
        # The models are only importable once the apps are loaded.
        from pagecache.invalidation import invalidate_on_change

        from .models import ConferenceSettings, NavigationSettings
        from .titles import connect_signals as normalize_titles_on_save

        normalize_titles_on_save()

        # Shown on every page of their edition: a change starts that site's new generation.
        invalidate_on_change(ConferenceSettings, per_site=True)
        invalidate_on_change(NavigationSettings, per_site=True)
