from django.apps import AppConfig


class EditionsConfig(AppConfig):
    """Starting and listing a conference's editions, from the admin and the command line."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "editions"
