from django.apps import AppConfig


class ProgramConfig(AppConfig):
    name = "program"
    verbose_name = "Program"

    def ready(self):
        # The models are only importable once the apps are loaded.
        from pagecache.invalidation import invalidate_on_change

        from .models import Room, Track

        # Named on the schedule, every talk and every presenter: a change clears every site.
        invalidate_on_change(Room)
        invalidate_on_change(Track)
