"""A page costs the same queries whether the installation holds 1, 3 or 10 editions: the home
page, the schedule, the news index and a talk, on the current edition and on an archived one
(the header notice, the footer's list of editions)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from home.models import ConferenceSettings, Phase
from tests.factories.populated import populated_edition
from tests.test_program import SCHEDULE_QUERIES, TALK_QUERIES

pytestmark = pytest.mark.django_db

# Measured with one edition; the same with 3 and 10. A change here is a change in the budget.
# The schedule and a talk cost what tests/test_program.py allows them; the home page here lists
# the latest news (test_between_editions measures one without) and its keynotes (6: the
# schedule page, the keynotes, their presenters, photos, renditions, view restrictions). Every
# page reads the edition's sponsors for the footer (1 query when it has none).
QUERIES = {"home": 19, "schedule": SCHEDULE_QUERIES, "news": 15, "talk": TALK_QUERIES}


def queries_of_pages(client, edition):
    """{page: queries} of one view of each page, after a first view that makes the image
    renditions and warms Wagtail's site cache."""
    paths = {
        "home": "/",
        "schedule": "/schedule/",
        "news": "/news/",
        "talk": edition.talks[-1].url_path[len(edition.home.url_path) - 1 :],
    }
    counted = {}
    for name, path in paths.items():
        assert client.get(path, HTTP_HOST=edition.hostname).status_code == 200, path
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, HTTP_HOST=edition.hostname)
        assert response.status_code == 200, path
        counted[name] = len(queries)
    return counted


def test_pages_cost_the_same_queries_with_1_3_and_10_editions(client, root_page):
    # Wagtail's welcome page and its Site make way: the first edition is the default one.
    Site.objects.all().delete()
    Page.objects.child_of(root_page).delete()
    built = []
    measured = {}
    for count in (1, 3, 10):
        while len(built) < count:
            built.append(populated_edition(root_page, f"E{len(built):02d}", default=not built))
        ConferenceSettings.objects.exclude(site__root_page=built[0].home).update(
            phase=Phase.ARCHIVED
        )
        measured[(count, "current")] = queries_of_pages(client, built[0])
        if count > 1:
            measured[(count, "archived")] = queries_of_pages(client, built[-1])
    one = measured[(1, "current")]
    assert all(counts == one for counts in measured.values()), measured
    assert one == QUERIES
