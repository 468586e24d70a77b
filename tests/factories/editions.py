"""An edition (a HomePage with its Site and ConferenceSettings) and times inside it."""

import datetime
import zoneinfo

from wagtail.models import Site

from home.models import ConferenceSettings, HomePage

NY = zoneinfo.ZoneInfo("America/New_York")


def ny(day, hour, minute=0):
    """A time of the 2027 edition (September 20-22) in its own zone."""
    return datetime.datetime(2027, 9, day, hour, minute, tzinfo=NY)


def make_edition(
    root_page,
    *,
    hostname,
    name,
    ticket_link,
    slug,
    default=False,
    start=datetime.date(2027, 9, 20),
    end=datetime.date(2027, 9, 22),
    time_zone="America/New_York",
):
    """An edition; by default the 2027 one (20 to 22 September, New York)."""
    home = HomePage(title=name, slug=slug)
    root_page.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.create(
        hostname=hostname, port=80, root_page=home, is_default_site=default, site_name=name
    )
    ConferenceSettings.objects.create(
        site=site,
        name=name,
        start_date=start,
        end_date=end,
        time_zone=time_zone,
        ticket_link=ticket_link,
        contact_email="team@example.org",
    )
    return home
