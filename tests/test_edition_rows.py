"""Rooms, tracks and news categories belong to one edition (home.mixins.EditionOwned): the
migration that gave the shared rows to editions, uniqueness per edition, and the rule that a
page uses only rows of its own edition."""

import datetime
import io
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Page, Revision, Site

from blog.models import AnnouncementPage, BlogCategory, NewsIndexPage, RecapPage
from program.models import ProgramPage, Room, ScheduleItem, TalkPage, Track
from tests.factories.editions import make_edition, ny
from tests.factories.news import BASE, post_at
from tests.factories.program import make_program

BEFORE = [("program", "0001_initial"), ("blog", "0001_initial")]
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def latest_targets():
    """Every app's latest migration: going back unapplies the apps that depend on program
    and blog (organizers, sponsors, ...), and the tests after this one need them."""
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def talk(program, slug, **fields):
    page = TalkPage(title=slug.title(), slug=slug, start=ny(20, 10), end=ny(20, 11), **fields)
    program.add_child(instance=page)
    page.save_revision()
    return page


def name_in_revision(page, field, value):
    """What a page and its latest revision name, set behind the rules' back: the way rows
    were shared by editions before they had one each."""
    type(page).objects.filter(pk=page.pk).update(**{field: value})
    revision = Revision.objects.get(pk=page.latest_revision_id)
    revision.content[field] = value.pk
    revision.save()


@pytest.fixture
def two_editions(home_page, second_edition):
    return home_page.get_site(), second_edition.get_site()


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_every_edition_rows_of_its_own(root_page):
    Site.objects.all().delete()
    Page.objects.child_of(root_page).delete()
    home_a = make_edition(
        root_page, hostname="a.example.org", name="A", ticket_link="", slug="a", default=True
    )
    home_b = make_edition(root_page, hostname="b.example.org", name="B", ticket_link="", slug="b")
    site_a, site_b = home_a.get_site(), home_b.get_site()
    hall = Room.objects.create(site=site_a, name="Hall", slug="hall")
    spare = Room.objects.create(site=site_b, name="Spare room", slug="spare")
    web = Track.objects.create(site=site_a, name="Web", slug="web")
    news_category = BlogCategory.objects.create(site=site_a, name="Program", slug="program")

    # Each edition names Hall twice (a talk, a schedule item) and Web once.
    program_a = ProgramPage(
        title="Schedule",
        slug="schedule",
        schedule_items=[ScheduleItem(title="Lunch", start=ny(20, 12), end=ny(20, 13), room=hall)],
    )
    home_a.add_child(instance=program_a)
    program_a.save_revision()
    talk_a = talk(program_a, "talk-a", room=hall, track=web)
    program_b = ProgramPage(
        title="Schedule",
        slug="schedule",
        schedule_items=[ScheduleItem(title="Lunch", start=ny(20, 12), end=ny(20, 13))],
    )
    home_b.add_child(instance=program_b)
    talk_b = talk(program_b, "talk-b")
    name_in_revision(talk_b, "room", hall)
    name_in_revision(talk_b, "track", web)
    ScheduleItem.objects.filter(page=program_b).update(room=hall)
    revision = program_b.save_revision()
    revision.content["schedule_items"][0]["room"] = hall.pk
    revision.save()
    news_a = NewsIndexPage(title="News", slug="news")
    home_a.add_child(instance=news_a)
    news_b = NewsIndexPage(title="News", slug="news")
    home_b.add_child(instance=news_b)
    post_at(news_a, "Keynotes", when=BASE, category=news_category)
    recap_b = post_at(news_b, "Day one", when=BASE, model=RecapPage, revision=True)
    name_in_revision(recap_b, "category", news_category)

    try:
        # Back to when rows were shared: one Hall for both editions, and forward again.
        migrate(BEFORE)
        migrate(latest_targets())

        hall.refresh_from_db()
        assert hall.site == site_a  # a tie between the editions: the default Site keeps it
        assert ScheduleItem.objects.get(page=program_a).room == hall
        talk_b.refresh_from_db()
        hall_b = talk_b.room
        assert (hall_b.site, hall_b.name, hall_b.slug) == (site_b, "Hall", "hall")
        assert hall_b.pk != hall.pk
        assert TalkPage.objects.get(pk=talk_a.pk).room == hall
        assert ScheduleItem.objects.get(page=program_b).room == hall_b
        assert Revision.objects.get(pk=talk_b.latest_revision_id).content["room"] == hall_b.pk
        revision = Revision.objects.get(
            pk=ProgramPage.objects.get(pk=program_b.pk).latest_revision_id
        )
        assert [item["room"] for item in revision.content["schedule_items"]] == [hall_b.pk]
        assert (talk_b.track.site, talk_b.track.slug) == (site_b, "web")
        assert Track.objects.get(pk=web.pk).site == site_a
        # A row no page names goes to the default edition.
        assert Room.objects.get(pk=spare.pk).site == site_a
        assert Room.objects.count() == 3 and Track.objects.count() == 2

        category_b = RecapPage.objects.get(pk=recap_b.pk).category
        assert (category_b.site, category_b.slug) == (site_b, "program")
        assert BlogCategory.objects.get(pk=news_category.pk).site == site_a
        recap_revision = Revision.objects.get(pk=recap_b.latest_revision_id)
        assert recap_revision.content["category"] == category_b.pk
        assert AnnouncementPage.objects.get().category == news_category

        # And back: the copies become one row again, named by the pages of both editions.
        migrate(BEFORE)
        with connection.cursor() as cursor:
            cursor.execute("SELECT id FROM program_room WHERE slug = 'hall'")
            assert cursor.fetchall() == [(hall.pk,)]
            cursor.execute(
                "SELECT room_id FROM program_talkpage WHERE page_ptr_id = %s", [talk_b.pk]
            )
            assert cursor.fetchone() == (hall.pk,)
    finally:
        migrate(latest_targets())


@pytest.mark.parametrize("model", [Room, Track, BlogCategory])
def test_a_slug_or_name_is_unique_per_edition(two_editions, model):
    site_a, site_b = two_editions
    model.objects.create(site=site_a, name="Main", slug="main")
    model.objects.create(site=site_b, name="Main", slug="main")  # another edition: allowed
    assert model.objects.for_site(site_a).count() == 1
    for duplicate in (
        model(site=site_a, name="Other", slug="main"),
        model(site=site_a, name="Main", slug="other"),
    ):
        with pytest.raises(ValidationError):
            duplicate.full_clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            duplicate.save()


def test_a_page_uses_only_rows_of_its_own_edition(home_page, second_edition):
    site_a, site_b = home_page.get_site(), second_edition.get_site()
    room_b = Room.objects.create(site=site_b, name="Hall", slug="hall")
    track_b = Track.objects.create(site=site_b, name="Web", slug="web")
    program = ProgramPage(title="Schedule", slug="schedule")
    home_page.add_child(instance=program)

    new_talk = TalkPage(
        title="Talk", slug="talk", start=ny(20, 10), end=ny(20, 11), room=room_b, track=track_b
    )
    with pytest.raises(ValidationError) as refused:
        program.add_child(instance=new_talk)
    assert set(refused.value.message_dict) == {"room", "track"}
    assert "belongs to another edition" in refused.value.message_dict["room"][0]
    assert not TalkPage.objects.exists()

    room_a = Room.objects.create(site=site_a, name="Hall", slug="hall")
    saved = talk(program, "talk", room=room_a)
    saved.full_clean()
    saved.room = room_b
    with pytest.raises(ValidationError, match="belongs to another edition"):
        saved.full_clean()

    item = ScheduleItem(page=program, title="Lunch", start=ny(20, 12), end=ny(20, 13))
    item.room = room_b
    with pytest.raises(ValidationError) as refused:
        item.full_clean()
    assert set(refused.value.message_dict) == {"room"}
    item.room = room_a
    item.full_clean()

    news = NewsIndexPage(title="News", slug="news")
    home_page.add_child(instance=news)
    category_b = BlogCategory.objects.create(site=site_b, name="Program", slug="program")
    post = AnnouncementPage(title="Post", slug="post", category=category_b)
    with pytest.raises(ValidationError) as refused:
        news.add_child(instance=post)
    assert set(refused.value.message_dict) == {"category"}


# -- the real editions' rooms ---------------------------------------------------------------


def corpus_edition(root_page, year, start, end):
    home = make_edition(
        root_page,
        hostname=f"{year}.example.org",
        name=f"DjangoCon US {year}",
        ticket_link="",
        slug=f"home-{year}",
        start=start,
        end=end,
    )
    return home.get_site()


def import_into(site, *paths):
    call_command("import_content", *map(str, paths), site=site.hostname, stdout=io.StringIO())


def rooms_on_schedule(client, site):
    html = client.get("/schedule/", HTTP_HOST=site.hostname).content.decode()
    return {span.get_text() for span in BeautifulSoup(html, "html.parser").select(".entry__room")}


def test_each_edition_schedule_shows_its_own_grand_ballroom(client, home_page, root_page):
    """2023 called the room "Grand Ballroom I-II", 2024 "Grand Ballroom I/II": one slug,
    grand-ballroom-i-ii. Shared, 2024's import found 2023's room by it and its schedule
    named 2023's room."""
    site_2023 = corpus_edition(
        root_page, 2023, datetime.date(2023, 10, 16), datetime.date(2023, 10, 20)
    )
    site_2024 = corpus_edition(
        root_page, 2024, datetime.date(2024, 9, 22), datetime.date(2024, 9, 27)
    )
    talks_2023 = CORPUS / "dcus2023" / "_schedule" / "talks"
    import_into(
        site_2023,
        talks_2023 / "2023-10-17-15-25-break.md",
        talks_2023
        / "2023-10-17-12-00-t1-empathetic-testing-developing-with-compassion-and-humility.md",
    )
    schedule_2024 = CORPUS / "dcus2024" / "src" / "_content" / "schedule"
    import_into(
        site_2024,
        schedule_2024 / "manual.yaml",
        schedule_2024 / "talks" / "passkeys-your-password-free-future.md",
    )

    assert set(Room.objects.for_site(site_2023).values_list("name", flat=True)) == {
        "Grand Ballroom I-II",
        "Grand Ballroom III",
    }
    rooms_2024 = dict(Room.objects.for_site(site_2024).values_list("name", "slug"))
    assert rooms_2024["Grand Ballroom I/II"] == "grand-ballroom-i-ii"
    assert Room.objects.for_site(site_2023).get(slug="grand-ballroom-i-ii").name == (
        "Grand Ballroom I-II"
    )
    assert rooms_on_schedule(client, site_2023) == {"Grand Ballroom I-II", "Grand Ballroom III"}
    shown_2024 = rooms_on_schedule(client, site_2024)
    assert {"Grand Ballroom I/II", "Grand Ballroom III"} <= shown_2024
    assert "Grand Ballroom I-II" not in shown_2024
    passkeys = TalkPage.objects.get(slug="passkeys-your-password-free-future")
    assert (passkeys.room.name, passkeys.room.site) == ("Grand Ballroom III", site_2024)


# -- what visitors read: each edition's own ---------------------------------------------------


def test_the_track_colours_of_an_edition_are_its_own(client, home_page, second_edition):
    site_a, site_b = home_page.get_site(), second_edition.get_site()
    make_program(home_page, talks=1)
    make_program(second_edition, talks=1)
    other = Track.objects.create(site=site_b, name="Ops", slug="ops", colour="#aa0000")
    own = Track.objects.for_site(site_a)

    def stylesheet(home, site):
        html = client.get("/schedule/", HTTP_HOST=site.hostname).content.decode()
        soup = BeautifulSoup(html, "html.parser")
        href = next(
            link["href"]
            for link in soup.select('link[rel="stylesheet"]')
            if "tracks" in link["href"]
        )
        talk = TalkPage.objects.child_of(ProgramPage.objects.child_of(home).get()).first()
        talk_html = client.get(talk.url, HTTP_HOST=site.hostname).content.decode()
        assert f'href="{href}"' in talk_html
        return href, client.get(href).content.decode()

    href_a, css_a = stylesheet(home_page, site_a)
    href_b, css_b = stylesheet(second_edition, site_b)
    assert href_a != href_b
    assert {f".track-{track.pk} " for track in own} == set(re.findall(r"\.track-\d+ ", css_a))
    assert f".track-{other.pk} " not in css_a
    assert f".track-{other.pk} {{ --track: #aa0000; }}" in css_b


def test_each_news_index_offers_the_categories_of_its_edition(client, home_page, second_edition):
    site_a, site_b = home_page.get_site(), second_edition.get_site()
    indexes = {}
    for home, site, name in ((home_page, site_a, "Program"), (second_edition, site_b, "Programme")):
        indexes[site] = NewsIndexPage(title="News", slug="news")
        home.add_child(instance=indexes[site])
        category = BlogCategory.objects.create(site=site, name=name, slug="program")
        post_at(indexes[site], f"{name} news", when=BASE, category=category)
    BlogCategory.objects.create(site=site_a, name="Sponsors", slug="sponsors")

    def categories_listed(site, query=""):
        response = client.get(f"/news/{query}", HTTP_HOST=site.hostname)
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        return [link.get_text() for link in soup.select('a[href*="?category="]')]

    assert categories_listed(site_a) == ["Program", "Sponsors"]
    assert categories_listed(site_b) == ["Programme"]
    assert (
        "Programme news"
        in client.get("/news/?category=program", HTTP_HOST=site_b.hostname).content.decode()
    )
    # Another edition's category is no category here: no listing, no feed.
    assert client.get("/news/?category=sponsors", HTTP_HOST=site_b.hostname).status_code == 404
    assert client.get("/news/category/sponsors/rss/", HTTP_HOST=site_b.hostname).status_code == 404
    feed = client.get("/news/category/program/rss/", HTTP_HOST=site_b.hostname).content.decode()
    assert "Programme" in feed and "Program news" not in feed


# -- the admin: each edition's own choices ------------------------------------------------------


def options(html, name):
    """The rooms (tracks, categories) a select of the admin offers, by name. (`.string`: in
    the <template> of an inline panel's blank row, get_text() leaves the text out.)"""
    select = BeautifulSoup(html, "html.parser").find("select", attrs={"name": name})
    assert select is not None, name
    return {option.string.strip() for option in select.find_all("option") if option["value"]}


@pytest.fixture
def edition_rows(home_page, second_edition):
    """Both editions with rooms, tracks and categories of their own, some of one name."""
    site_a, site_b = home_page.get_site(), second_edition.get_site()
    for site, suffix in ((site_a, "A"), (site_b, "B")):
        Room.objects.create(site=site, name="Hall", slug="hall")
        Room.objects.create(site=site, name=f"Room {suffix}", slug=f"room-{suffix.lower()}")
        Track.objects.create(site=site, name=f"Track {suffix}", slug="track")
        BlogCategory.objects.create(site=site, name=f"News {suffix}", slug="news")
    return site_a, site_b


def test_the_admin_offers_the_rooms_tracks_and_categories_of_the_page_s_edition(
    admin_client, home_page, edition_rows
):
    site_a, _site_b = edition_rows
    hall = Room.objects.for_site(site_a).get(slug="hall")
    program = ProgramPage(
        title="Schedule",
        slug="schedule",
        schedule_items=[ScheduleItem(title="Lunch", start=ny(20, 12), end=ny(20, 13), room=hall)],
    )
    home_page.add_child(instance=program)
    talk_page = talk(program, "talk", room=hall)
    news = NewsIndexPage(title="News", slug="news")
    home_page.add_child(instance=news)
    post = post_at(news, "Post", when=BASE)

    rooms_a, track_a, news_a = {"Hall", "Room A"}, {"Track A"}, {"News A"}
    html = admin_client.get(f"/admin/pages/{talk_page.pk}/edit/").content.decode()
    assert options(html, "room") == rooms_a and options(html, "track") == track_a
    html = admin_client.get(f"/admin/pages/add/program/talkpage/{program.pk}/").content.decode()
    assert options(html, "room") == rooms_a and options(html, "track") == track_a
    html = admin_client.get(f"/admin/pages/{program.pk}/edit/").content.decode()
    assert options(html, "schedule_items-0-room") == rooms_a
    # The blank row the "Add" button copies.
    assert options(html, "schedule_items-__prefix__-room") == rooms_a
    html = admin_client.get(f"/admin/pages/{post.pk}/edit/").content.decode()
    assert options(html, "category") == news_a


def test_the_snippet_listings_name_and_filter_by_edition(admin_client, edition_rows):
    site_a, site_b = edition_rows
    for url, names_a in (
        ("/admin/snippets/program/room/", {"Hall", "Room A"}),
        ("/admin/snippets/program/track/", {"Track A"}),
        ("/admin/snippets/blog/blogcategory/", {"News A"}),
    ):
        soup = BeautifulSoup(admin_client.get(url).content, "html.parser")
        headings = [th.get_text(" ", strip=True) for th in soup.select("table.listing thead th")]
        assert "Edition" in headings, headings
        column = headings.index("Edition")
        rows = soup.select("table.listing tbody tr")
        assert len(rows) == len(names_a) * 2
        editions = {row.find_all("td")[column].get_text(strip=True) for row in rows}
        assert editions == {str(site_a), str(site_b)}
        assert options(str(soup), "site") == {str(site_a), str(site_b)}

        filtered = BeautifulSoup(admin_client.get(url, {"site": site_a.pk}).content, "html.parser")
        titles = {
            row.find("a").get_text(strip=True) for row in filtered.select("table.listing tbody tr")
        }
        assert titles == names_a

        form = BeautifulSoup(admin_client.get(f"{url}add/").content, "html.parser")
        label = form.find("label", attrs={"for": "id_site"})
        assert label is not None and label.get_text(strip=True).startswith("Edition")
