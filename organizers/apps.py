from django.apps import AppConfig


class OrganizersConfig(AppConfig):
    name = "organizers"
    verbose_name = "Team"

    def ready(self):
        # The models are only importable once the apps are loaded.
        from home.row_search import reindex_on_change
        from pagecache.invalidation import invalidate_on_change

        from .models import Organizer, TeamPage

        # Shown on the team page and on their presenter page. Every edition is renewed: a
        # person may move from one edition to another.
        invalidate_on_change(Organizer)
        reindex_on_change(Organizer, TeamPage)
