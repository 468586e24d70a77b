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

        # An edition's settings (its name, dates, phase) show on every page of every edition:
        # the footer lists the editions and an archived one links to the current one.
        invalidate_on_change(ConferenceSettings)
        # Navigation shows on the pages of its own edition only.
        invalidate_on_change(NavigationSettings, per_site=True)
