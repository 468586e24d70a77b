import datetime

from django.core.management.base import BaseCommand, CommandError

from editions.start import EditionRefused, start_edition


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = (
        "Starts an edition: its home page, schedule, presenters and news pages, its site and "
        "its conference settings; with --from, another one's standard pages, links, "
        "navigation, rooms, tracks and news categories."
    )

    def add_arguments(self, parser):
        parser.add_argument("hostname", help="The host name it answers on, e.g. 2028.example.org")
        parser.add_argument("--name", required=True, help="e.g. 'DjangoCon US 2028'")
        parser.add_argument("--start", required=True, type=iso_date, help="First day, YYYY-MM-DD")
        parser.add_argument("--end", required=True, type=iso_date, help="Last day, YYYY-MM-DD")
        parser.add_argument(
            "--from", dest="copy_from", help="The host name of the edition to copy from."
        )
        parser.add_argument("--time-zone", default="America/New_York")

    def handle(self, *args, hostname, name, start, end, copy_from, time_zone, **options):
        try:
            edition = start_edition(
                hostname, name, start, end, time_zone=time_zone, copy_from=copy_from
            )
        except EditionRefused as refused:
            raise CommandError(f"{refused} Nothing was written.") from refused
        for line in edition.report():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Started {name} at http://{hostname}/"))
