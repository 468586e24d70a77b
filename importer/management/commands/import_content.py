import sys

from django.core.management.base import BaseCommand, CommandError

from importer.apply import ContentImport
from importer.errors import ImportProblem
from importer.sources import KINDS


class Command(BaseCommand):
    help = (
        "Imports Jekyll, Eleventy and Pelican markdown, plain markdown, site variables, "
        "sponsors, organizers, places and pretalx schedules into one edition. One run is one "
        "transaction: a bad file stops the run and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files and folders (read recursively).")
        parser.add_argument(
            "--site",
            help="The edition's host name (default: the one the source's _config.yml or "
            "site.json names, else the default site). An edition that does not exist yet is "
            "started from the source's settings, with the dates of its program.",
        )
        parser.add_argument(
            "--as",
            dest="kind",
            choices=[k for k in KINDS if k != "pretalx"],
            help="Force the kind.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the plan and write nothing."
        )

    def handle(self, *args, paths, site=None, kind=None, dry_run=False, **options):
        run = ContentImport(
            hostname=site, dry_run=dry_run, forced_kind=kind, progress=sys.stderr.isatty()
        )
        try:
            actions = run.run(paths)
        except ImportProblem as problem:
            raise CommandError(f"{problem}\nNothing was imported.") from problem
        for action in actions:
            self.stdout.write(str(action))
        # Kept out of the run without stopping it (a logo that could not be drawn, a photo
        # not found): fix the file and import again.
        for warning in run.warnings:
            self.stderr.write(f"{warning}")
        counts = {}
        for action in actions:
            counts[action.verb] = counts.get(action.verb, 0) + 1
        summary = ", ".join(f"{count} {verb}" for verb, count in sorted(counts.items()))
        prefix = "Dry run, nothing written: " if dry_run else "Imported: "
        self.stdout.write(self.style.SUCCESS(prefix + (summary or "nothing to do")))
