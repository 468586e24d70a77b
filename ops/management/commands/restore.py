"""`manage.py restore PATH`: load a backup into the configured database and media storage.
docs/operations.md "Backup and restore"."""

from django.conf import settings
from django.core.management.base import BaseCommand

from ops.backup import restore


class Command(BaseCommand):
    help = "Restore a folder made by `manage.py backup` into an empty database and storage."

    def add_arguments(self, parser):
        parser.add_argument("path", help="a folder made by `manage.py backup`")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="overwrite a database and storage that already hold a site",
        )

    def handle(self, *args, path, replace, **options):
        result = restore(path, replace=replace)
        self.stdout.write(
            f"Restored {path} into {settings.DATABASES['default']['NAME']} and "
            f"{result['media_files']} media files in {result['seconds']} s."
        )
