"""Roles: every group against every page type, snippet and setting; dashboard panels."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, Workflow, WorkflowPage

from blog.models import AnnouncementPage, BlogCategory, NewsIndexPage, RecapPage
from editorial.roles import COMMUNICATION_TEAM, CONTRIBUTORS, EDITORS, PROGRAM_TEAM
from home.models import ConferenceSettings, NavigationSettings, StandardPage
from program.models import (
    PresenterIndexPage,
    PresenterPage,
    ProgramPage,
    Room,
    TalkPage,
    Track,
)

pytestmark = pytest.mark.django_db

START = datetime.datetime(2027, 9, 20, 14, 0, tzinfo=datetime.UTC)


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def tree(home_page):
    """One page of every type, in the place it lives."""
    program = publish(home_page, ProgramPage(title="Schedule", slug="schedule"))
    presenters = publish(home_page, PresenterIndexPage(title="Presenters", slug="presenters"))
    news = publish(home_page, NewsIndexPage(title="News", slug="news"))
    return {
        "HomePage": home_page,
        "StandardPage": publish(home_page, StandardPage(title="Venue", slug="venue")),
        "ProgramPage": program,
        "TalkPage": publish(
            program,
            TalkPage(
                title="A talk",
                slug="a-talk",
                start=START,
                end=START + datetime.timedelta(minutes=30),
            ),
        ),
        "PresenterIndexPage": presenters,
        "PresenterPage": publish(presenters, PresenterPage(title="Ada Quill", slug="ada")),
        "NewsIndexPage": news,
        "AnnouncementPage": publish(news, AnnouncementPage(title="Tickets", slug="tickets")),
        "RecapPage": publish(news, RecapPage(title="Our recap", slug="recap")),
    }


def member_of(django_user_model, group_name):
    user = django_user_model.objects.create_user(group_name.replace(" ", "-"), password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def page_rights(user, pages, type_name):
    """add (under its usual parent), edit, publish and delete, as the admin decides them."""
    page = pages[type_name].specific
    parent = page.get_parent().specific
    tester = page.permissions_for_user(user)
    can_add = parent.permissions_for_user(user).can_add_subpage() and type(page).can_create_at(
        parent
    )
    return {
        "add": can_add,
        "edit": tester.can_edit(),
        "publish": tester.can_publish(),
        "delete": tester.can_delete(),
    }


ALL = {"add": True, "edit": True, "publish": True, "delete": True}
NONE = {"add": False, "edit": False, "publish": False, "delete": False}
# The news index and the program hold pages: deleting them would take their children along,
# which only editors (with bulk delete) may do. A team adds pages inside its section, not the
# section itself.
SECTION = {"add": False, "edit": True, "publish": True, "delete": False}
WRITER = {"add": True, "edit": True, "publish": False, "delete": True}

PAGE_MATRIX = {
    COMMUNICATION_TEAM: {
        "HomePage": NONE,
        "StandardPage": NONE,
        "ProgramPage": NONE,
        "TalkPage": NONE,
        "PresenterIndexPage": NONE,
        "PresenterPage": NONE,
        "NewsIndexPage": SECTION,
        "AnnouncementPage": ALL,
        "RecapPage": ALL,
    },
    PROGRAM_TEAM: {
        "HomePage": NONE,
        "StandardPage": NONE,
        "ProgramPage": SECTION,
        "TalkPage": ALL,
        "PresenterIndexPage": SECTION,
        "PresenterPage": ALL,
        "NewsIndexPage": NONE,
        "AnnouncementPage": NONE,
        "RecapPage": NONE,
    },
    EDITORS: {
        # Editors may start a new edition at the root of the tree, as Wagtail's own
        # Editors group could; they publish and delete everything inside an edition. An
        # edition has one program, one presenters index and one news index.
        "HomePage": ALL,
        "StandardPage": ALL,
        "ProgramPage": {**ALL, "add": False},
        "TalkPage": ALL,
        "PresenterIndexPage": {**ALL, "add": False},
        "PresenterPage": ALL,
        "NewsIndexPage": {**ALL, "add": False},
        "AnnouncementPage": ALL,
        "RecapPage": ALL,
    },
    CONTRIBUTORS: {
        "HomePage": NONE,
        "StandardPage": NONE,
        "ProgramPage": NONE,
        "TalkPage": NONE,
        "PresenterIndexPage": NONE,
        "PresenterPage": NONE,
        "NewsIndexPage": NONE,
        # Contributors add pages to the news but edit and delete only their own (tests/
        # test_contributor_permissions.py), and never publish: pages they write go through
        # the recap approval workflow. These pages are someone else's.
        "AnnouncementPage": {"add": True, "edit": False, "publish": False, "delete": False},
        "RecapPage": {"add": True, "edit": False, "publish": False, "delete": False},
    },
}

SNIPPETS = [Room, Track, BlogCategory]
SNIPPET_MATRIX = {
    COMMUNICATION_TEAM: {"Room": "", "Track": "", "BlogCategory": "add change"},
    PROGRAM_TEAM: {"Room": "add change delete", "Track": "add change delete", "BlogCategory": ""},
    EDITORS: {
        "Room": "add change delete",
        "Track": "add change delete",
        "BlogCategory": "add change delete",
    },
    CONTRIBUTORS: {"Room": "", "Track": "", "BlogCategory": ""},
}
SETTINGS_MATRIX = {
    COMMUNICATION_TEAM: False,
    PROGRAM_TEAM: False,
    EDITORS: True,
    CONTRIBUTORS: False,
}


@pytest.mark.parametrize("group_name", list(PAGE_MATRIX))
def test_page_permissions_per_group(django_user_model, tree, group_name):
    user = member_of(django_user_model, group_name)
    actual = {name: page_rights(user, tree, name) for name in PAGE_MATRIX[group_name]}
    assert actual == PAGE_MATRIX[group_name]


@pytest.mark.parametrize("group_name", list(SNIPPET_MATRIX))
def test_snippet_and_settings_permissions_per_group(django_user_model, group_name):
    user = member_of(django_user_model, group_name)
    for model in SNIPPETS:
        label = model._meta.app_label
        granted = {
            action
            for action in ("add", "change", "delete")
            if user.has_perm(f"{label}.{action}_{model._meta.model_name}")
        }
        assert granted == set(SNIPPET_MATRIX[group_name][model.__name__].split()), model
    for setting in (ConferenceSettings, NavigationSettings):
        allowed = user.has_perm(f"home.change_{setting._meta.model_name}")
        assert allowed is SETTINGS_MATRIX[group_name], setting


@pytest.mark.parametrize("group_name", list(PAGE_MATRIX))
def test_no_team_manages_users(django_user_model, group_name):
    user = member_of(django_user_model, group_name)
    assert user.has_perm("wagtailadmin.access_admin")
    for action in ("add", "change", "delete"):
        assert not user.has_perm(f"auth.{action}_user")
        assert not user.has_perm(f"auth.{action}_group")


def test_the_news_is_under_the_recap_approval_workflow(tree):
    news = tree["NewsIndexPage"]
    workflow = Workflow.objects.get(name="Recap approval")
    assert WorkflowPage.objects.get(page=Page(pk=news.pk)).workflow == workflow
    assert tree["RecapPage"].get_workflow() == workflow
    assert tree["TalkPage"].get_workflow() is None
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [EDITORS]


def test_dashboard_panels_show_scheduled_waiting_and_published(client, django_user_model, tree):
    editor = member_of(django_user_model, EDITORS)
    post = tree["AnnouncementPage"]
    post.go_live_at = timezone.now() + datetime.timedelta(days=1)
    post.save_revision(user=editor).publish()
    recap = tree["RecapPage"]
    contributor = member_of(django_user_model, CONTRIBUTORS)
    recap.get_workflow().start(recap, contributor)
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    scheduled = html.split('id="scheduled-to-go-live-content"')[1].split("</section>")[0]
    assert "Tickets" in scheduled
    local = timezone.localtime(
        post.go_live_at, ConferenceSettings.for_site(tree["HomePage"].get_site()).tzinfo
    )
    assert local.strftime("%H:%M") in scheduled and ("EDT" in scheduled or "EST" in scheduled)
    waiting = html.split('id="awaiting-approval-content"')[1].split("</section>")[0]
    assert "Our recap" in waiting and "Editors review the recap" in waiting
    published = html.split('id="recently-published-content"')[1].split("</section>")[0]
    assert "Venue" in published


@pytest.mark.parametrize(
    ("account_zone", "expected_zone"),
    [("", "America/New_York"), ("Europe/Paris", "Europe/Paris")],
)
def test_schedule_times_are_read_in_the_edition_zone_unless_the_editor_chose_one(
    admin_client, django_user_model, tree, account_zone, expected_zone
):
    """ "Tickets on sale at 10:00" means the edition's 10:00 for an editor who never set a
    time zone on their account; an editor's own zone wins."""
    import zoneinfo

    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(django_user_model.objects.get(username="admin"))
    profile.current_time_zone = account_zone
    profile.save()
    post = tree["AnnouncementPage"]
    typed = datetime.datetime.now() + datetime.timedelta(days=3)
    typed = typed.replace(hour=10, minute=0, second=0, microsecond=0)
    edit_url = f"/admin/pages/{post.pk}/edit/"
    form = {
        "title": post.title,
        "slug": post.slug,
        "go_live_at": typed.strftime("%Y-%m-%d %H:%M"),
        "body-count": "0",
        "tags": "",
        "excerpt": "",
        "author": "",
    }
    response = admin_client.post(edit_url, form)
    assert response.status_code == 302, response.context["form"].errors
    post.refresh_from_db()
    saved = post.get_latest_revision_as_object().go_live_at
    assert saved == typed.replace(tzinfo=zoneinfo.ZoneInfo(expected_zone))
    # The edit page shows the time back as typed.
    assert typed.strftime("%Y-%m-%d %H:%M") in admin_client.get(edit_url).content.decode()


def test_an_account_without_a_profile_follows_the_edition_zone_and_nothing_is_written(
    admin_client, django_user_model, tree
):
    import zoneinfo

    from wagtail.users.models import UserProfile

    UserProfile.objects.filter(user__username="admin").delete()
    post = tree["AnnouncementPage"]
    go_live = timezone.now().replace(microsecond=0) + datetime.timedelta(days=2)
    AnnouncementPage.objects.filter(pk=post.pk).update(go_live_at=go_live)
    html = admin_client.get(f"/admin/pages/{post.pk}/edit/").content.decode()
    local = go_live.astimezone(zoneinfo.ZoneInfo("America/New_York"))
    assert local.strftime("%Y-%m-%d %H:%M") in html
    assert not UserProfile.objects.filter(user__username="admin").exists()
