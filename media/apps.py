import mimetypes

from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "media"
    verbose_name = "Media"

    def ready(self):
        # Inside ready(): importing checks registers them, and it reads models, which Django
        # only allows once every app is loaded.
        from . import checks  # noqa: F401

        # S3Storage sets Content-Type from the file name; slim images without /etc/mime.types
        # would store renditions as application/octet-stream.
        mimetypes.add_type("image/avif", ".avif")
        mimetypes.add_type("image/webp", ".webp")
