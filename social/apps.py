from django.apps import AppConfig


class SocialConfig(AppConfig):
    name = "social"
    verbose_name = "Sharing and search engines"

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.signals import page_published

        from home.models import ConferenceSettings

        from .cards import on_page_published, on_settings_saved

        page_published.connect(on_page_published, dispatch_uid="social-cards-on-publish")
        post_save.connect(
            on_settings_saved, sender=ConferenceSettings, dispatch_uid="social-edition-card"
        )
