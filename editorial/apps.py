from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """Who may do what: groups, the recap approval workflow, the editors' dashboard."""

    name = "editorial"
    verbose_name = "Editorial workflow"

    def ready(self):
        # Inside ready(): importing signals connects its receivers, and it imports models,
        # which Django only allows once every app is loaded.
        from . import signals  # noqa: F401
