"""Contributors edit their own pages only (security issue 14, finding 7), through the admin's
real HTTP endpoints: Wagtail's owner rule ("add" without "change" on the news section)."""

import importlib
from html.parser import HTMLParser

import pytest
from django.apps import apps as global_apps
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page, Revision
from wagtail.test.utils.form_data import nested_form_data, streamfield

from blog.models import AnnouncementPage, NewsIndexPage, RecapPage
from editorial.roles import COMMUNICATION_TEAM, CONTRIBUTORS
from editorial.sections import page_permission

pytestmark = pytest.mark.django_db

withdraw_migration = importlib.import_module(
    "editorial.migrations.0002_contributors_edit_only_their_own_pages"
)


def member_of(django_user_model, group_name, username):
    user = django_user_model.objects.create_user(username, password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def news(home_page):
    index = NewsIndexPage(title="News", slug="news")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def announcement(news, django_user_model):
    """The communication team's published announcement."""
    author = member_of(django_user_model, COMMUNICATION_TEAM, "comms")
    page = AnnouncementPage(title="Tickets on sale", slug="tickets", owner=author)
    news.add_child(instance=page)
    page.save_revision(user=author).publish()
    return page


@pytest.fixture
def contributor(client, django_user_model):
    user = member_of(django_user_model, CONTRIBUTORS, "contributor")
    client.force_login(user)
    return user


def post_form(title, slug, **extra):
    fields = {"title": title, "slug": slug, "tags": "", "body": streamfield([])}
    return {**nested_form_data(fields), **extra}


def write_recap(client, news, title="My recap", slug="my-recap"):
    response = client.post(f"/admin/pages/add/blog/recappage/{news.pk}/", post_form(title, slug))
    assert response.status_code == 302, response.content.decode()[:2000]
    return RecapPage.objects.get(slug=slug)


def denied(response):
    """Wagtail answers a refused admin view with 403, or a redirect to the dashboard with a
    "permission denied" message."""
    if response.status_code == 403:
        return True
    if response.status_code == 302:
        messages = [str(m) for m in response.wsgi_request._messages]
        return any("permission" in m.lower() for m in messages)
    return False


def test_a_contributor_cannot_open_someone_elses_announcement(client, contributor, announcement):
    response = client.get(f"/admin/pages/{announcement.pk}/edit/")
    assert denied(response), response.status_code


def test_a_contributor_cannot_save_a_revision_over_someone_elses_announcement(
    client, contributor, announcement
):
    revisions = Revision.page_revisions.filter(object_id=str(announcement.pk))
    before = revisions.count()
    response = client.post(
        f"/admin/pages/{announcement.pk}/edit/", post_form("Tickets are free", "tickets")
    )
    assert denied(response), response.status_code
    assert revisions.count() == before
    announcement.refresh_from_db()
    assert announcement.get_latest_revision_as_object().title == "Tickets on sale"
    assert not announcement.has_unpublished_changes


def test_a_contributor_edits_their_own_recap(client, contributor, news):
    recap = write_recap(client, news)
    assert recap.owner == contributor
    response = client.post(f"/admin/pages/{recap.pk}/edit/", post_form("Day one", "my-recap"))
    assert response.status_code == 302
    recap.refresh_from_db()
    latest = recap.get_latest_revision()
    assert latest.user == contributor and latest.as_object().title == "Day one"


def test_a_contributor_still_submits_their_recap_for_approval(client, contributor, news):
    recap = write_recap(client, news)
    response = client.post(
        f"/admin/pages/{recap.pk}/edit/",
        post_form("Day one", "my-recap", **{"action-submit": "Submit for review"}),
    )
    assert response.status_code == 302
    recap = Page.objects.get(pk=recap.pk)
    assert recap.workflow_in_progress
    assert recap.current_workflow_task.name == "Editors review the recap"
    assert not recap.live


class LinkTexts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.texts = []

    def handle_data(self, data):
        if data.strip():
            self.texts.append(data.strip())


def test_the_explorer_shows_a_contributor_their_own_drafts_only(
    client, contributor, announcement, django_user_model, news
):
    comms = announcement.owner
    unannounced = AnnouncementPage(
        title="Keynote speaker revealed", slug="keynote", owner=comms, live=False
    )
    news.add_child(instance=unannounced)
    unannounced.save_revision(user=comms)
    write_recap(client, news, title="My draft recap")
    response = client.get(f"/admin/pages/{news.pk}/")
    assert response.status_code == 200
    parser = LinkTexts()
    parser.feed(response.content.decode())
    assert "My draft recap" in parser.texts
    assert "Tickets on sale" in parser.texts  # published: public anyway
    assert "Keynote speaker revealed" not in parser.texts


def test_the_migration_withdraws_change_from_an_existing_install(news):
    contributors = Group.objects.get(name=CONTRIBUTORS)
    # As the first version of the roles left it.
    GroupPagePermission.objects.get_or_create(
        group=contributors, page=news, permission=page_permission("change")
    )
    withdraw_migration.withdraw_change_from_contributors(global_apps, None)
    granted = set(
        GroupPagePermission.objects.filter(group=contributors).values_list(
            "permission__codename", flat=True
        )
    )
    assert granted == {"add_page"}
