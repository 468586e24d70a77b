from django.apps import AppConfig
from django.db.models.signals import post_save
from wagtail.signals import page_published


class SocialConfig(AppConfig):
    name = "social"
    verbose_name = "Sharing and search engines"

    def ready(self):
        # Inside ready(): cards imports the models of this and other apps, which Django only
        # lets a module import once every app is loaded.
        from .cards import on_page_published, on_settings_saved

        page_published.connect(on_page_published, dispatch_uid="social-cards-on-publish")
        # A lazy sender ("app_label.Model"): the model class is not importable here yet.
        post_save.connect(
            on_settings_saved, sender="home.ConferenceSettings", dispatch_uid="social-edition-card"
        )
