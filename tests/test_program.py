"""The program: page rules, the admin forms and their messages, the schedule (days, time zone,
filters, now and next), talk and presenter pages, and constant query counts."""

import datetime
import re

import pytest
import time_machine
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from home.models import ConferenceSettings, HomePage, Phase
from program.models import (
    PresenterIndexPage,
    PresenterPage,
    ProgramPage,
    Room,
    ScheduleItem,
    TalkPage,
    TalkPresenter,
    Track,
)
from tests.factories.editions import NY, make_edition, ny
from tests.factories.program import make_program


@pytest.fixture
def program(home_page):
    return make_program(home_page)


def titles(html):
    return re.findall(r">(Talk \d{3})</a>", html)


# -- page rules ---------------------------------------------------------------------------


class ProgramPageRulesTests(WagtailPageTestCase):
    def test_parents_and_children(self):
        self.assertAllowedParentPageTypes(ProgramPage, {HomePage})
        self.assertAllowedSubpageTypes(ProgramPage, {TalkPage})
        self.assertAllowedParentPageTypes(TalkPage, {ProgramPage})
        self.assertAllowedSubpageTypes(TalkPage, set())
        self.assertAllowedParentPageTypes(PresenterIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(PresenterIndexPage, {PresenterPage})
        self.assertAllowedParentPageTypes(PresenterPage, {PresenterIndexPage})
        self.assertAllowedSubpageTypes(PresenterPage, set())
        self.assertCanCreateAt(HomePage, ProgramPage)
        self.assertCanNotCreateAt(ProgramPage, PresenterPage)
        self.assertCanNotCreateAt(PresenterIndexPage, TalkPage)


class EditorCreatesProgramTests(WagtailPageTestCase):
    """Editors build a program through the admin, as they would by hand."""

    def setUp(self):
        root = Page.get_first_root_node()
        Site.objects.all().delete()
        Page.objects.child_of(root).delete()
        self.home = make_edition(
            root,
            hostname="localhost",
            name="Test Conference 2027",
            ticket_link="https://tickets.example.org/",
            slug="home",
            default=True,
        )
        self.login()

    def test_editor_builds_a_program(self):
        program_data = nested_form_data(
            {
                "title": "Schedule",
                "slug": "schedule",
                "intro": "Three days.",
                "schedule_items": inline_formset(
                    [
                        {
                            "kind": "meal",
                            "title": "Lunch",
                            "start": "2027-09-20 12:30",
                            "end": "2027-09-20 13:30",
                            "room": "",
                            "link": "",
                        }
                    ]
                ),
            }
        )
        self.assertCanCreate(
            self.home,
            ProgramPage,
            program_data,
        )
        program = ProgramPage.objects.get()
        lunch = program.schedule_items.get()
        # Typed in the edition's zone (EDT, UTC-4) whatever zone the server or editor uses.
        assert lunch.start == ny(20, 12, 30)
        assert lunch.start.astimezone(datetime.UTC).hour == 16

        self.assertCanCreate(
            self.home,
            PresenterIndexPage,
            nested_form_data({"title": "Presenters", "slug": "presenters", "intro": ""}),
        )
        index = PresenterIndexPage.objects.get()
        presenter_data = nested_form_data(
            {
                "title": "Ada Example",
                "slug": "ada-example",
                "pronouns": "she/her",
                "role": "Engineer",
                "company": "Example Co",
                "bio": streamfield([("paragraph", rich_text("<p>Ada builds things.</p>"))]),
                "mastodon_url": "https://social.example/@ada",
            }
        )
        self.assertCanCreate(
            index,
            PresenterPage,
            presenter_data,
        )
        ada = PresenterPage.objects.get()

        site = self.home.get_site()
        room = Room.objects.create(site=site, name="Hall", slug="hall")
        track = Track.objects.create(site=site, name="Web", slug="web")
        talk_data = nested_form_data(
            {
                "title": "Migrations without fear",
                "slug": "migrations-without-fear",
                "kind": "talk",
                "difficulty": "intermediate",
                "start": "2027-09-21 10:00",
                "end": "2027-09-21 10:45",
                "room": room.pk,
                "track": track.pk,
                "tags": "orm, postgresql",
                "talk_presenters": inline_formset([{"presenter": ada.pk}]),
                "summary": "Schema changes without downtime.",
                "abstract": streamfield([("paragraph", rich_text("<p>Step by step.</p>"))]),
                "video_url": "https://www.youtube.com/watch?v=AbCdEfGhIjK&t=42",
                "slides_url": "https://slides.example/migrations",
            }
        )
        self.assertCanCreate(
            program,
            TalkPage,
            talk_data,
        )
        talk = TalkPage.objects.get()
        assert talk.live
        assert talk.start == ny(21, 10) and talk.end == ny(21, 10, 45)
        assert talk.video_url == "https://youtu.be/AbCdEfGhIjK"
        assert [p.pk for p in talk.presenter_links()] == [ada.pk]
        assert sorted(talk.tags.names()) == ["orm", "postgresql"]
        self.assertPageIsRenderable(program)
        self.assertPageIsRenderable(talk)
        self.assertPageIsRenderable(ada)
        self.assertPageIsRenderable(index)
        self.assertPageIsRenderable(talk, route_path="calendar/")
        self.assertPageIsRenderable(program, route_path="json/")
        self.assertPageIsPreviewable(program, post_data=program_data)
        self.assertPageIsPreviewable(talk, post_data=talk_data)
        self.assertPageIsPreviewable(ada, post_data=presenter_data)
        self.assertPageIsPreviewable(index)

    def test_one_program_and_one_presenters_index_per_edition(self):
        program = ProgramPage(title="Schedule", slug="schedule")
        self.home.add_child(instance=program)
        index = PresenterIndexPage(title="Presenters", slug="presenters")
        self.home.add_child(instance=index)
        assert not ProgramPage.can_create_at(self.home)
        assert not PresenterIndexPage.can_create_at(self.home)
        choices = self.client.get(f"/admin/pages/{self.home.pk}/add_subpage/").content.decode()
        assert "/add/program/programpage/" not in choices
        assert "/add/program/presenterindexpage/" not in choices
        response = self.client.get(f"/admin/pages/add/program/programpage/{self.home.pk}/")
        assert response.status_code == 302 and ProgramPage.objects.count() == 1
        # Another edition gets its own.
        other = make_edition(
            Page.get_first_root_node(),
            hostname="2026.example.org",
            name="2026",
            ticket_link="https://tickets.example.org/2026/",
            slug="home-2026",
        )
        assert ProgramPage.can_create_at(other)
        assert PresenterIndexPage.can_create_at(other)
        second = ProgramPage(title="Schedule", slug="schedule")
        other.add_child(instance=second)
        assert not second.can_move_to(self.home)
        assert program.can_move_to(self.home)  # reordering under its own edition is fine


def test_editors_create_rooms_and_tracks(admin_client, site):
    response = admin_client.post(
        "/admin/snippets/program/room/add/",
        {
            "site": site.pk,
            "name": "Main hall",
            "slug": "main-hall",
            "sort_order": 1,
            "capacity": 500,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assert Room.objects.get().name == "Main hall"
    response = admin_client.post(
        "/admin/snippets/program/track/add/",
        {"site": site.pk, "name": "Web", "slug": "web", "colour": "#1d5fbf", "sort_order": 1},
    )
    assert response.status_code == 302, response.content[:2000]
    assert Track.objects.get().colour == "#1d5fbf"
    response = admin_client.post(
        "/admin/snippets/program/track/add/",
        {"site": site.pk, "name": "Data", "slug": "data", "colour": "orange", "sort_order": 2},
    )
    assert response.status_code == 200
    assert "Use a colour such as #0b5d3b." in response.content.decode()


# -- validation messages --------------------------------------------------------------------


def post_talk(admin_client, program, **fields):
    data = {
        "title": "A talk",
        "slug": "a-talk",
        "kind": "talk",
        "difficulty": "",
        "start": "2027-09-20 10:00",
        "end": "2027-09-20 10:45",
        "tags": "",
        "talk_presenters": inline_formset([]),
        "summary": "",
        "abstract": streamfield([]),
        "video_url": "",
        "slides_url": "",
    }
    data.update(fields)
    return admin_client.post(
        f"/admin/pages/add/program/talkpage/{program.pk}/",
        {**nested_form_data(data), "action-publish": "publish"},
    )


def form_errors(response):
    form = response.context["form"]
    errors = {name: list(messages) for name, messages in form.errors.items()}
    for name, formset in form.formsets.items():
        for number, child in enumerate(formset.forms):
            for field, messages in child.errors.items():
                errors[f"{name}-{number}-{field}"] = list(messages)
    return errors


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"start": "2027-09-20 11:00", "end": "2027-09-20 10:00"},
            "end",
            "The talk must end after it starts.",
        ),
        (
            {"start": "2027-09-20 11:00", "end": "2027-09-20 11:00"},
            "end",
            "The talk must end after it starts.",
        ),
        (
            {"start": "2027-09-19 23:30", "end": "2027-09-20 00:30"},
            "start",
            "This is on Sunday 19 September 2027, outside the edition's dates "
            "(Monday 20 September 2027 to Wednesday 22 September 2027, America/New_York).",
        ),
        (
            {"start": "2027-09-22 23:00", "end": "2027-09-23 00:15"},
            "end",
            "This is on Thursday 23 September 2027, outside the edition's dates "
            "(Monday 20 September 2027 to Wednesday 22 September 2027, America/New_York).",
        ),
        (
            {"video_url": "https://vimeo.example/123"},
            "video_url",
            "https://vimeo.example/123 is not a YouTube video link; paste a youtu.be or "
            "youtube.com/watch link, or the 11-character video ID.",
        ),
        (
            {"slug": "calendar"},
            "slug",
            "This address is used by the schedule; choose another slug.",
        ),
    ],
)
def test_talk_form_messages(admin_client, program, fields, field, message):
    response = post_talk(admin_client, program.program, **fields)
    assert response.status_code == 200
    assert message in form_errors(response).get(field, []), form_errors(response)
    assert not TalkPage.objects.filter(slug=fields.get("slug", "a-talk")).exists()


def test_late_evening_in_new_york_is_inside_the_edition(admin_client, program):
    # 22:30 on the last day in New York is 02:30 UTC the day after: still the edition.
    response = post_talk(
        admin_client, program.program, start="2027-09-22 22:30", end="2027-09-22 23:00"
    )
    assert response.status_code == 302, form_errors(response)
    assert TalkPage.objects.get(slug="a-talk").start == ny(22, 22, 30)


@pytest.mark.parametrize(
    "value", ["https://youtu.be/AbCdEfGhIjK", "AbCdEfGhIjK", "youtube.com/watch?v=AbCdEfGhIjK"]
)
def test_video_links_are_stored_in_one_form(admin_client, program, value):
    response = post_talk(admin_client, program.program, video_url=value)
    assert response.status_code == 302, form_errors(response)
    assert TalkPage.objects.get(slug="a-talk").video_url == "https://youtu.be/AbCdEfGhIjK"


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2027-09-20 13:00", "2027-09-20 12:00", "The end must be after the start."),
        ("2027-09-25 12:00", "2027-09-25 13:00", "outside the edition's dates"),
    ],
)
def test_schedule_item_messages(admin_client, program, start, end, message):
    page = program.program
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": "",
            "schedule_items": inline_formset(
                [{"kind": "break", "title": "Coffee", "start": start, "end": end, "link": ""}]
            ),
        }
    )
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", {**data, "action-publish": "1"})
    assert response.status_code == 200
    errors = form_errors(response)
    assert any(message in text for text in errors.get("schedule_items-0-end", [])) or any(
        message in text for text in errors.get("schedule_items-0-start", [])
    ), errors


# -- the schedule page ----------------------------------------------------------------------


def test_schedule_shows_the_days_in_order_in_the_edition_zone(client, program):
    # 22:30 in New York on Tuesday is already Wednesday 02:30 in UTC, the server's zone.
    late = TalkPage(
        title="Talk 900", slug="talk-900", start=ny(21, 22, 30), end=ny(21, 23), room=None
    )
    program.program.add_child(instance=late)
    with time_machine.travel(datetime.datetime(2027, 9, 1, 12, tzinfo=datetime.UTC), tick=False):
        html = client.get("/schedule/").content.decode()
    headings = re.findall(r'<h2 id="day-[^"]+"><time datetime="([\d-]+)">([^<]+)</time>', html)
    assert headings == [
        ("2027-09-20", "Monday 20 September 2027"),
        ("2027-09-21", "Tuesday 21 September 2027"),
        ("2027-09-22", "Wednesday 22 September 2027"),
    ]
    tuesday = html[html.index('id="day-2027-09-21"') : html.index('id="day-2027-09-22"')]
    assert "Talk 900" in tuesday
    assert "10:30 PM" in tuesday and "2:30 AM" not in html
    assert 'datetime="2027-09-21T22:30:00-04:00"' in tuesday
    # Talk 000 starts at 9:00 in New York, 13:00 in UTC.
    assert re.search(r'datetime="2027-09-20T09:00:00-04:00">9:00 AM</time>', html)
    assert "America/New_York" in html and "(EDT)" in html
    # Breaks sit in the flow of their day; every talk is linked with every presenter.
    monday = html[: html.index('id="day-2027-09-21"')]
    assert "Lunch" in monday
    assert "Board game night" in tuesday
    for talk in program.talks:
        assert f'href="{talk.url}"' in html
    for presenter in program.presenters:
        assert f'href="{presenter.url}">{presenter.title}</a>' in html
    assert "Happening now" not in html


def test_schedule_lists_rooms_as_columns(client, program):
    html = client.get("/schedule/").content.decode()
    assert '<th scope="col">Room A</th>' in html
    assert '<th scope="row"><time datetime="2027-09-20T09:00:00-04:00">' in html


def test_schedule_advertises_its_exports(client, program):
    html = client.get("/schedule/").content.decode()
    head = html[: html.index("</head>")]
    assert '<link rel="alternate" type="text/calendar"' in head
    assert 'href="/schedule/calendar/"' in head
    assert '<link rel="alternate" type="application/json"' in head
    assert 'href="/schedule/json/"' in head


@pytest.fixture
def nine_talks(home_page):
    return make_program(home_page, talks=9)


def test_filter_by_day(client, nine_talks):
    html = client.get("/schedule/", {"day": "2027-09-21"}).content.decode()
    assert titles(html) == ["Talk 001", "Talk 004", "Talk 007"]
    assert "Board game night" in html and "Lunch" not in html
    assert '<option value="2027-09-21" selected>' in html


def test_filter_by_track(client, nine_talks):
    html = client.get("/schedule/", {"track": "data"}).content.decode()
    assert sorted(titles(html)) == ["Talk 001", "Talk 003", "Talk 005", "Talk 007"]
    assert "Lunch" not in html
    assert "Showing 4 of 9 sessions." in html


def test_filter_by_kind(client, nine_talks):
    html = client.get("/schedule/", {"kind": "tutorial"}).content.decode()
    assert sorted(titles(html)) == ["Talk 001", "Talk 006"]


def test_filter_by_tag(client, nine_talks):
    html = client.get("/schedule/", {"tag": "topic-2"}).content.decode()
    assert sorted(titles(html)) == ["Talk 002", "Talk 006"]


def test_filters_combine_and_unknown_values_are_ignored(client, nine_talks):
    html = client.get("/schedule/", {"tag": "python", "day": "2027-09-20"}).content.decode()
    assert titles(html) == ["Talk 000", "Talk 003", "Talk 006"]
    html = client.get("/schedule/", {"track": "nope", "day": "someday"}).content.decode()
    assert len(titles(html)) == 9


def test_filter_form_works_without_javascript(client, nine_talks):
    html = client.get("/schedule/").content.decode()
    form = re.search(r'<form class="schedule-filters" method="get" action="/schedule/"', html)
    assert form
    for name in ("day", "track", "kind", "tag"):
        assert f'<select name="{name}" id="id_{name}">' in html
    assert '<button class="button" type="submit">Filter</button>' in html


def test_now_and_next_while_live(client, site, nine_talks):
    conference = ConferenceSettings.for_site(site)
    conference.phase = Phase.LIVE
    conference.save()
    # 9:20 on Tuesday in New York (13:20 UTC): talks 001, 004 and 007 run 9:00-9:25; the
    # board game night at 19:00 comes next.
    with time_machine.travel(ny(21, 9, 20), tick=False):
        html = client.get("/schedule/").content.decode()
    block = html[html.index('class="now-next"') : html.index("</section>")]
    now, upcoming = block.split("Up next")
    assert re.findall(r">(Talk \d{3})</a>", now) == ["Talk 001", "Talk 004", "Talk 007"]
    assert "7:00 PM" in upcoming and "Board game night" in upcoming and "Talk" not in upcoming
    with time_machine.travel(ny(21, 9, 26), tick=False):
        html = client.get("/schedule/").content.decode()
    assert "Nothing is on right now." in html


def test_no_now_and_next_unless_live(client, nine_talks):
    with time_machine.travel(ny(21, 9, 20), tick=False):
        html = client.get("/schedule/").content.decode()
    assert "Happening now" not in html


def test_unpublished_and_private_talks_stay_out(client, program):
    hidden, private, _ = program.talks
    hidden.unpublish()
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    html = client.get("/schedule/").content.decode()
    assert titles(html) == ["Talk 002"]
    feed = client.get("/schedule/calendar/").content.decode()
    assert "Talk 000" not in feed and "Talk 001" not in feed and "Talk 002" in feed


# -- talk and presenter pages ---------------------------------------------------------------


def test_talk_page(client, home_page):
    data = make_program(home_page, talks=12)
    # Talk 002: a keynote with two presenters in Room A on Wednesday at 9:00. Room A also has
    # talk 010 (Tuesday 9:30) before it and talk 011 (Wednesday 9:30) after it.
    talk = data.talks[2]
    talk.video_url = "https://youtu.be/AbCdEfGhIjK"
    talk.slides_url = "https://slides.example/t2"
    talk.save()
    html = client.get(talk.url).content.decode()
    assert "<h1>Talk 002</h1>" in html
    assert "Keynote" in html and "Web" in html and "Room A" in html and "Beginner" in html
    assert "Wednesday 22 September 2027, 9:00 AM" in html and "EDT, America/New_York" in html
    for person in (data.presenters[2], data.presenters[1]):
        assert f'<a class="person" href="{person.url}">' in html
    assert html.index("Presenter 002") < html.index("Presenter 001")  # the editor's order
    assert re.search(r'<source srcset="[^"]+\.avif" type="image/avif">', html)
    assert re.search(r'<img alt="" [^>]*height="96" loading="lazy"[^>]*width="96"', html)
    assert "Abstract of talk 2." in html
    assert 'href="/schedule/?tag=python"' in html
    assert "youtube-nocookie.com/embed/AbCdEfGhIjK" in html
    assert "<iframe" not in html  # nothing loads from YouTube until the visitor asks
    assert 'href="https://slides.example/t2"' in html
    assert 'href="/schedule/talk-002/calendar/"' in html
    assert f'rel="prev" href="{data.talks[10].url}"' in html
    assert f'rel="next" href="{data.talks[11].url}"' in html


def test_talk_without_video_has_no_player(client, program):
    html = client.get(program.talks[0].url).content.decode()
    assert "video-facade" not in html and "Slides" not in html


def test_presenter_page(client, program):
    presenter = program.presenters[1]
    presenter.pronouns = "they/them"
    presenter.bio = [("paragraph", "<p>Builds calm deployments.</p>")]
    presenter.save()
    html = client.get(presenter.url).content.decode()
    assert "<h1>Presenter 001</h1>" in html
    assert "they/them" in html and "Engineer, Example Co" in html
    assert "Builds calm deployments." in html
    assert 'alt="Portrait of Photo 1"' in html and 'loading="lazy"' in html
    assert '<a href="https://social.example/@p1" rel="me">Mastodon</a>' in html
    assert '<a href="https://github.example/p1">GitHub</a>' in html
    # Presenter 001 gives talk 001 and co-presents talk 002, both listed with times.
    assert html.index("Talk 001") < html.index("Talk 002")
    assert "Tuesday 21 September, 9:00 AM" in html
    assert 'href="/presenters/presenter-001/calendar/"' in html


def test_presenters_index_lists_presenters(client, program):
    html = client.get("/presenters/").content.decode()
    names = re.findall(r'<span class="person__name">([^<]+)</span>', html)
    assert names == ["Presenter 000", "Presenter 001", "Presenter 002"]
    assert f'href="{program.talks[2].url}"' in html


# -- constant queries ----------------------------------------------------------------------

# Measured; the same whatever the number of talks. A change here is a change in the budget.
# Every page reads the editions once (header notice, footer) and the edition's sponsors (the
# footer's strip); a presenter page also looks up their pages in other editions (the
# namesakes and the view restrictions) and their entry on the organizing team.
SCHEDULE_QUERIES = 12
TALK_QUERIES = 19
PRESENTER_QUERIES = 18
PRESENTERS_INDEX_QUERIES = 15


@pytest.fixture(params=[1, 3, 150], ids=lambda n: f"{n}-talks")
def sized_program(request, home_page):
    return make_program(home_page, talks=request.param)


def assert_constant(client, django_assert_num_queries, url, expected):
    # The first view makes the image renditions and warms Wagtail's site cache.
    assert client.get(url).status_code == 200
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200


def test_schedule_queries(client, sized_program, django_assert_num_queries):
    assert_constant(client, django_assert_num_queries, "/schedule/", SCHEDULE_QUERIES)
    html = client.get("/schedule/").content.decode()
    assert len(titles(html)) == len(sized_program.talks)


def test_talk_page_queries(client, sized_program, django_assert_num_queries):
    talk = sized_program.talks[-1]
    assert_constant(client, django_assert_num_queries, talk.url, TALK_QUERIES)


def test_presenter_page_queries(client, sized_program, django_assert_num_queries):
    presenter = sized_program.presenters[-1]
    assert_constant(client, django_assert_num_queries, presenter.url, PRESENTER_QUERIES)


def test_presenters_index_queries(client, sized_program, django_assert_num_queries):
    assert_constant(client, django_assert_num_queries, "/presenters/", PRESENTERS_INDEX_QUERIES)
    html = client.get("/presenters/").content.decode()
    assert html.count('class="person"') == len(sized_program.presenters)


# -- the demo program ---------------------------------------------------------------------


def test_demo_program_is_complete_and_builds_only_once(client, site, home_page):
    from demo.program import build_program

    def counts():
        return (
            Page.objects.count(),
            TalkPresenter.objects.count(),
            ScheduleItem.objects.count(),
            get_image_model().objects.count(),
            Room.objects.count(),
            Track.objects.count(),
        )

    build_program(home_page)
    first = counts()
    build_program(home_page)
    assert counts() == first

    talks = list(TalkPage.objects.live())
    assert 45 <= len(talks) <= 55
    assert PresenterPage.objects.live().count() == 40
    assert {talk.kind for talk in talks} >= {"talk", "tutorial", "keynote", "lightning", "panel"}
    assert sum(1 for talk in talks if talk.talk_presenters.count() > 1) >= 5
    days = {talk.start.astimezone(NY).date() for talk in talks}
    assert days == {datetime.date(2027, 9, day) for day in (20, 21, 22)}
    assert {item.kind for item in ScheduleItem.objects.all()} >= {"break", "meal", "social"}
    html = client.get("/schedule/").content.decode()
    assert len(re.findall(r'class="entry__title"><a href="/schedule/', html)) == len(talks)
    assert client.get("/presenters/").status_code == 200
