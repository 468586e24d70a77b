from django.apps import AppConfig


class ImporterConfig(AppConfig):
    """Brings content in from Jekyll, Eleventy, Pelican, plain markdown and pretalx.

    It builds on every content app; nothing imports it."""

    name = "importer"
    verbose_name = "Content import"
