"""Scheduled publishing fires from the scheduler process, with a controlled clock."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from home.models import StandardPage

pytestmark = pytest.mark.django_db

TEN_O_CLOCK = datetime.datetime(2027, 6, 1, 14, 0, tzinfo=datetime.UTC)


def schedule_page(parent, go_live_at):
    page = StandardPage(title="Tickets on sale", slug="tickets", live=False)
    parent.add_child(instance=page)
    page.go_live_at = go_live_at
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_a_page_scheduled_for_ten_is_live_by_one_minute_past(client, home_page):
    with time_machine.travel(TEN_O_CLOCK - datetime.timedelta(minutes=30), tick=False):
        page = schedule_page(home_page, go_live_at=TEN_O_CLOCK)
        assert not page.live
        assert client.get("/tickets/").status_code == 404
        call_command("run_scheduler", "--once")
        page.refresh_from_db()
        assert not page.live

    with time_machine.travel(TEN_O_CLOCK + datetime.timedelta(seconds=60), tick=False):
        call_command("run_scheduler", "--once")
    page.refresh_from_db()
    assert page.live
    assert client.get("/tickets/").status_code == 200


def test_a_page_past_its_expiry_goes_offline(client, home_page):
    page = StandardPage(title="Early bird", slug="early-bird")
    home_page.add_child(instance=page)
    page.expire_at = timezone.now() + datetime.timedelta(minutes=5)
    page.save_revision().publish()
    assert client.get("/early-bird/").status_code == 200

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=6), tick=False):
        call_command("run_scheduler", "--once")
    page.refresh_from_db()
    assert not page.live
    assert page.expired
    assert client.get("/early-bird/").status_code == 404
