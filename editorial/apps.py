from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """Who may do what: groups, the recap approval workflow, the editors' dashboard."""

    name = "editorial"
    verbose_name = "Editorial workflow"

    def ready(self):
        from . import signals  # noqa: F401
