"""`manage.py backup PATH`: the database and all media into a new folder. docs/operations.md
"Backup and restore"."""

from django.core.management.base import BaseCommand

from ops.backup import backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump) and every media file into the new folder PATH."

    def add_arguments(self, parser):
        parser.add_argument("path", help="a new (or empty) folder")

    def handle(self, *args, path, **options):
        manifest = backup(path)
        self.stdout.write(
            f"Backed up {manifest['database']} and {manifest['media_files']} media files "
            f"({manifest['storage']}) to {path} in {manifest['seconds']} s."
        )
