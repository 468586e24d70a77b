"""The foundation: page rules, per-site settings, health check, error pages, production checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import ConferenceSettings, HomePage, StandardPage

REPO = Path(__file__).resolve().parent.parent
STRONG_KEY = "k3y-" + "x9Q2vL7pZ0aB5nM8cR1tY4wE6uI3oP" * 2


class PageRulesTests(WagtailPageTestCase):
    def test_home_page_lives_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_standard_page_parents(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_home_page_children_include_standard_pages(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanNotCreateAt(StandardPage, HomePage)


@pytest.mark.django_db
def test_editor_can_create_a_standard_page(home_page, admin_client):
    data = nested_form_data(
        {
            "title": "Sponsors",
            "slug": "sponsors",
            "intro": "Who makes the conference possible.",
            "body": streamfield([("paragraph", rich_text("<p>Thank you!</p>"))]),
        }
    )
    url = f"/admin/pages/add/home/standardpage/{home_page.pk}/"
    response = admin_client.post(url, {**data, "action-publish": "publish"})
    assert response.status_code == 302, response.content[:2000]
    page = StandardPage.objects.get(slug="sponsors")
    assert page.live
    assert admin_client.get("/sponsors/").status_code == 200


def test_home_page_renders_its_settings(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Test Conference 2027" in html
    assert 'href="https://tickets.example.org/2027/"' in html
    assert 'class="skip-link" href="#main"' in html
    assert '<html lang="en"' in html


def test_each_site_shows_its_own_ticket_link(client, home_page, second_edition):
    first = client.get("/", HTTP_HOST="localhost").content.decode()
    second = client.get("/", HTTP_HOST="2026.example.org").content.decode()
    assert "https://tickets.example.org/2027/" in first
    assert "https://tickets.example.org/2026/" not in first
    assert "https://tickets.example.org/2026/" in second
    assert "https://tickets.example.org/2027/" not in second


def test_navigation_links_come_from_the_settings(client, site, home_page):
    from home.models import NavigationSettings

    venue = StandardPage(title="Venue", slug="venue")
    home_page.add_child(instance=venue)
    venue.save_revision().publish()
    navigation = NavigationSettings.for_site(site)
    navigation.primary_links = [{"type": "link", "value": {"label": "Where", "page": venue.pk}}]
    navigation.footer_links = [
        {"type": "link", "value": {"label": "Mail us", "url": "mailto:team@example.org"}}
    ]
    navigation.save()
    html = client.get("/venue/").content.decode()
    assert '<a href="/venue/" aria-current="page">Where</a>' in html
    assert '<a href="mailto:team@example.org">Mail us</a>' in html


def test_navigation_links_resolve_site_variables_and_refuse_script_urls(client, site):
    from django.core.exceptions import ValidationError

    from home.models import LinkBlock, NavigationSettings

    block = LinkBlock()
    for hostile in ("javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>"):
        with pytest.raises(ValidationError):
            block.clean(block.to_python({"label": "Click", "url": hostile}))
    navigation = NavigationSettings.for_site(site)
    navigation.footer_links = [
        {"type": "link", "value": {"label": "Tickets", "url": "{{ site.ticket_link }}"}},
        # Stored before links were checked: rendered as text, never as a script URL.
        {"type": "link", "value": {"label": "Old", "url": "javascript:alert(1)"}},
    ]
    navigation.save()
    html = client.get("/").content.decode()
    ticket_link = ConferenceSettings.for_site(site).ticket_link
    assert f'<a href="{ticket_link}">Tickets</a>' in html
    assert "javascript:" not in html


def test_friendly_404(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "find that page" in response.content.decode()


def test_healthz_up(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db(transaction=True)
def test_healthz_down_when_database_unreachable(client):
    """Point the connection at a closed port: a real failed connection, not a mock."""
    settings_dict = connection.settings_dict
    original = settings_dict["HOST"], settings_dict["PORT"]
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", "1"
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        settings_dict["HOST"], settings_dict["PORT"] = original
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def run_manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        # The browser fixtures allow async-unsafe ORM calls; a deployment never does.
        if key
        not in {
            "DEBUG",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    environment["DJANGO_SETTINGS_MODULE"] = "site_config.settings.production"
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_check_deploy_is_clean():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="conference.example.org",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DEBUG": "1", "SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "a.example.org"}, "DEBUG"),
        ({"SECRET_KEY": "short", "ALLOWED_HOSTS": "a.example.org"}, "SECRET_KEY is weak"),
        ({"ALLOWED_HOSTS": "a.example.org"}, "SECRET_KEY is missing"),
        ({"SECRET_KEY": STRONG_KEY}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_insecure_settings(env, named):
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert named in result.stderr


def test_check_database_names_what_to_set():
    result = run_manage(
        "check_database",
        DJANGO_SETTINGS_MODULE="site_config.settings.test",
        DATABASE_URL="postgres://postgres@127.0.0.1:1/",
    )
    assert result.returncode != 0
    assert "Cannot reach PostgreSQL at 127.0.0.1:1" in result.stderr
    assert "DATABASE_URL" in result.stderr


def test_friendly_500_renders_without_a_request_context():
    """Django renders 500.html with no context processors: it must not need any."""
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong on our side" in html
    assert '<html lang="en">' in html
