from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content for `make run`. Depends on every content app; nothing depends on it."""

    name = "demo"
    verbose_name = "Demo content"
