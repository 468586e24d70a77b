"""The dashboard's own panels list only the pages the user may edit (security issue 14,
finding 8): a team sees its sections, a contributor their own pages, editors everything."""

import datetime
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from blog.models import AnnouncementPage, NewsIndexPage, RecapPage
from editorial.roles import COMMUNICATION_TEAM, CONTRIBUTORS, EDITORS, PROGRAM_TEAM
from editorial.wagtail_hooks import AwaitingApprovalPanel, RecentlyPublishedPanel, ScheduledPanel
from home.models import StandardPage
from program.models import ProgramPage, TalkPage

pytestmark = pytest.mark.django_db

PANELS = {
    "scheduled": "scheduled-to-go-live-content",
    "waiting": "awaiting-approval-content",
    "published": "recently-published-content",
}
START = datetime.datetime(2027, 9, 20, 14, 0, tzinfo=datetime.UTC)


class PanelTitles(HTMLParser):
    """The page titles listed in each dashboard panel, by panel."""

    def __init__(self):
        super().__init__()
        self.titles = {name: [] for name in PANELS}
        self.panel = None
        self.section_depth = 0
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, element_id in PANELS.items():
            if attrs.get("id") == element_id:
                self.panel, self.section_depth = name, 0
        if self.panel and tag == "section":
            self.section_depth += 1
        if self.panel and tag == "td" and "title" in (attrs.get("class") or "").split():
            self.in_title = True

    def handle_endtag(self, tag):
        if tag == "td":
            self.in_title = False
        if self.panel and tag == "section":
            self.section_depth -= 1
            if self.section_depth < 0:
                self.panel = None

    def handle_data(self, data):
        if self.in_title and data.strip():
            self.titles[self.panel].append(data.strip())


def member_of(django_user_model, group_name, username):
    user = django_user_model.objects.create_user(username, password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def publish(parent, page, user=None):
    parent.add_child(instance=page)
    page.save_revision(user=user).publish()
    return page


def schedule(parent, page, user):
    page.go_live_at = timezone.now() + datetime.timedelta(days=2)
    page.live = False
    return publish(parent, page, user)


@pytest.fixture
def people(django_user_model):
    return {
        "comms": member_of(django_user_model, COMMUNICATION_TEAM, "comms"),
        "program": member_of(django_user_model, PROGRAM_TEAM, "program"),
        "editor": member_of(django_user_model, EDITORS, "editor"),
        "robin": member_of(django_user_model, CONTRIBUTORS, "robin"),
        "sam": member_of(django_user_model, CONTRIBUTORS, "sam"),
    }


@pytest.fixture
def sections(home_page):
    return {
        "news": publish(home_page, NewsIndexPage(title="News", slug="news")),
        "program": publish(home_page, ProgramPage(title="Schedule", slug="schedule")),
    }


@pytest.fixture
def dashboard_pages(home_page, sections, people):
    news, program = sections["news"], sections["program"]
    schedule(news, AnnouncementPage(title="Keynote reveal", slug="keynote"), people["comms"])
    schedule(
        program,
        TalkPage(
            title="Secret talk", slug="secret", start=START, end=START + datetime.timedelta(hours=1)
        ),
        people["program"],
    )
    publish(home_page, StandardPage(title="Sponsor contract terms", slug="terms"), people["editor"])
    for name in ("robin", "sam"):
        recap = RecapPage(title=f"Recap by {name}", slug=f"recap-{name}", owner=people[name])
        news.add_child(instance=recap)
        recap.save_revision(user=people[name])
        recap.get_workflow().start(recap, people[name])


def panels_for(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    parser = PanelTitles()
    parser.feed(response.content.decode())
    return parser.titles


def test_a_team_sees_only_its_sections(client, people, dashboard_pages):
    comms = panels_for(client, people["comms"])
    assert comms["scheduled"] == ["Keynote reveal"]
    assert sorted(comms["waiting"]) == ["Recap by robin", "Recap by sam"]
    assert "Sponsor contract terms" not in comms["published"]
    assert "Schedule" not in comms["published"] and "News" in comms["published"]
    program = panels_for(client, people["program"])
    assert program["scheduled"] == ["Secret talk"]
    assert program["waiting"] == []
    assert "Sponsor contract terms" not in program["published"]


def test_a_contributor_sees_only_their_own_pages(client, people, dashboard_pages):
    robin = panels_for(client, people["robin"])
    assert robin == {"scheduled": [], "waiting": ["Recap by robin"], "published": []}


def test_editors_see_every_page_of_the_edition(client, people, dashboard_pages):
    editor = panels_for(client, people["editor"])
    assert sorted(editor["scheduled"]) == ["Keynote reveal", "Secret talk"]
    assert sorted(editor["waiting"]) == ["Recap by robin", "Recap by sam"]
    assert "Sponsor contract terms" in editor["published"]


def render_panels(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return "".join(
        panel.render_html({"request": request})
        for panel in (ScheduledPanel(), AwaitingApprovalPanel(), RecentlyPublishedPanel())
    )


def add_news(news, people, count):
    """`count` more scheduled announcements, published posts and recaps under review."""
    existing = news.get_children().count()
    for number in range(existing, existing + count):
        schedule(
            news, AnnouncementPage(title=f"Post {number}", slug=f"post-{number}"), people["comms"]
        )
        publish(
            news, AnnouncementPage(title=f"Live {number}", slug=f"live-{number}"), people["comms"]
        )
        recap = RecapPage(title=f"Recap {number}", slug=f"recap-{number}", owner=people["robin"])
        news.add_child(instance=recap)
        recap.save_revision(user=people["robin"])
        recap.get_workflow().start(recap, people["robin"])


def fresh(user):
    """The user as a new request loads it: Wagtail caches page permissions on the object."""
    return type(user).objects.get(pk=user.pk)


@pytest.mark.parametrize("who", ["editor", "comms", "robin"])
def test_the_panels_cost_the_same_queries_for_one_three_or_many_pages(
    people, sections, django_assert_num_queries, who
):
    user = people[who]
    add_news(sections["news"], people, 1)
    render_panels(user)  # warms the site root paths cache
    with CaptureQueriesContext(connection) as first:
        html = render_panels(fresh(user))
    assert "Recap 0" in html
    for more in (2, 12):
        add_news(sections["news"], people, more)
        with django_assert_num_queries(len(first)):
            render_panels(fresh(user))
