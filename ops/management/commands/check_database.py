from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection


class Command(BaseCommand):
    help = "Stops with a clear message when the configured database cannot be reached."

    def add_arguments(self, parser):
        parser.add_argument(
            "--require-postgresql",
            action="store_true",
            help="Fail unless the database is PostgreSQL (the test suite needs it).",
        )

    def handle(self, *args, require_postgresql=False, **options):
        params = connection.settings_dict
        where = f"{params.get('HOST') or 'localhost'}:{params.get('PORT') or 5432}"
        if require_postgresql and connection.vendor != "postgresql":
            raise CommandError(
                f"The tests need PostgreSQL, but DATABASE_URL points to {connection.vendor}. "
                "Set DATABASE_URL=postgres://USER@HOST:PORT/"
            )
        try:
            connection.ensure_connection()
        except DatabaseError as error:
            first_line = str(error).strip().splitlines()[0] if str(error).strip() else error
            raise CommandError(
                f"Cannot reach PostgreSQL at {where} ({first_line}). Start the server, or set "
                "DATABASE_URL to one the tests can use, e.g. "
                "DATABASE_URL=postgres://postgres@127.0.0.1:5432/"
            ) from error
        self.stdout.write(f"Database reachable: {connection.vendor} at {where}")
