"""Every edition's pages name the others (the footer's editions, an archived edition's notice),
so a change to one edition's settings starts a new page-cache generation for all of them."""

import pytest
from wagtail.models import Site

from home.models import ConferenceSettings
from pagecache.generations import current_generation, database_generations


@pytest.mark.django_db
def test_one_editions_settings_change_renews_every_edition(
    home_page, second_edition, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    site_ids = list(Site.objects.values_list("id", flat=True))
    assert len(site_ids) == 2
    before = {site_id: current_generation(site_id) for site_id in site_ids}

    archived = ConferenceSettings.objects.get(site__root_page=second_edition)
    archived.name = "Test Conference 2026 (archive)"
    with django_capture_on_commit_callbacks(execute=True):
        archived.save()

    database_generations.forget()
    after = {site_id: current_generation(site_id) for site_id in site_ids}
    assert all(after[site_id] != before[site_id] for site_id in site_ids), (before, after)
