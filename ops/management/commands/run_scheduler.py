"""Runs Wagtail's `publish_scheduled` at the top of every minute, in its own process.

`make run` starts it beside the web server and production runs it as the Procfile's
`scheduler` process, so scheduled pages go live (and expired ones go offline) with nothing
set up by hand.

Each publish and unpublish fires Wagtail's page_published / page_unpublished signals, which
start a new page cache generation in the store every process shares (Redis, or the database:
pagecache.generations), so the web servers serve the change at their next request."""

import logging

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

logger = logging.getLogger("scheduler")


def drop_stale_connections():
    # A long-lived process must not keep a connection the database has dropped. Inside a
    # transaction (the tests' --once runs) the connection is in use and must stay.
    if not connection.in_atomic_block:
        close_old_connections()


def publish_scheduled_pages():
    drop_stale_connections()
    try:
        call_command("publish_scheduled")
        logger.info("Checked for pages to publish or expire (publish_scheduled).")
    finally:
        drop_stale_connections()


class Command(BaseCommand):
    help = "Runs publish_scheduled every minute until stopped (the scheduler process)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run publish_scheduled once and exit."
        )

    def handle(self, *args, once=False, **options):
        if once:
            publish_scheduled_pages()
            return
        scheduler = BlockingScheduler(timezone="UTC")
        # Catch up at start-up, then on the minute; a missed run is merged into the next.
        scheduler.add_job(publish_scheduled_pages, id="startup")
        scheduler.add_job(
            publish_scheduled_pages,
            CronTrigger(second=0, timezone="UTC"),
            id="publish_scheduled",
            coalesce=True,
            max_instances=1,
            misfire_grace_time=50,
        )
        self.stdout.write("Scheduler: publish_scheduled runs at the start of every minute.")
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            scheduler.shutdown(wait=False)
