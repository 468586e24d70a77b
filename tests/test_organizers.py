"""The team: organizers and volunteers per edition, the team page, the link to and from a
presenter page, hidden people, the link rule, search, the page cache, permissions and
constant query counts and page weight."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase

from demo.people import build_people
from demo.program import build_program
from editorial.roles import COMMUNICATION_TEAM, EDITORS, PROGRAM_TEAM
from home.models import HomePage
from organizers.models import Kind, Organizer, TeamPage
from pagecache.generations import current_generation, database_generations
from places.models import Category, LocalGuidePage, Place
from program.models import PresenterIndexPage, PresenterPage
from tests.factories.people import make_organizer, make_team, make_team_page
from tests.factories.program import make_program
from tests.test_accessibility_browser import run_axe
from tests.test_page_weight import BUDGET, page_weight

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def names(document):
    return [h.get_text(strip=True) for h in document.select(".team-member__name")]


def presenter(home, slug="ada", title="Ada Quill"):
    index = PresenterIndexPage.objects.child_of(home).first()
    if index is None:
        index = PresenterIndexPage(title="Presenters", slug="presenters")
        home.add_child(instance=index)
        index.save_revision().publish()
    page = PresenterPage(title=title, slug=slug)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


# -- the page rules ----------------------------------------------------------------------


class TeamPageRulesTests(WagtailPageTestCase):
    def test_parents_and_children(self):
        self.assertAllowedParentPageTypes(TeamPage, {HomePage})
        self.assertAllowedSubpageTypes(TeamPage, set())


def test_one_team_page_per_edition(home_page, second_edition):
    make_team_page(home_page)
    assert not TeamPage.can_create_at(home_page)
    assert TeamPage.can_create_at(second_edition)


# -- the team page -----------------------------------------------------------------------


def test_the_team_page_shows_each_person_in_order(client, home_page, make_image):
    make_team_page(home_page)
    photo = make_image("Grace", size=(400, 400))
    make_organizer(
        home_page,
        "Grace Hopper",
        roles="Chair, Website Committee",
        pronouns="she/her",
        photo=photo,
        bio="Runs the **whole** thing.",
        mastodon_url="https://social.example/@grace",
        linkedin_url="https://linkedin.example/in/grace",
        sort_order=2,
    )
    make_organizer(home_page, "Alan Turing", sort_order=1)
    make_organizer(home_page, "Zed Volunteer", kind=Kind.VOLUNTEER, sort_order=0)
    document = soup(client.get("/team/"))

    sections = document.select("section.team__section")
    assert [s.h2.get_text() for s in sections] == ["Organizers", "Volunteers"]
    assert names(sections[0]) == ["Alan Turing", "Grace Hopper"]
    assert names(sections[1]) == ["Zed Volunteer"]

    grace = document.select_one("#team-grace-hopper")
    assert grace.select_one(".team-member__pronouns").get_text() == "she/her"
    roles = [li.get_text() for li in grace.select(".team-member__roles li")]
    assert roles == ["Chair", "Website Committee"]
    links = {a.get_text(): (a["href"], a.get("rel")) for a in grace.select(".social-links a")}
    assert links == {
        "Mastodon": ("https://social.example/@grace", ["me"]),
        "LinkedIn": ("https://linkedin.example/in/grace", None),
    }
    assert grace.select_one(".team-member__bio strong").get_text() == "whole"
    image = grace.select_one("picture img")
    assert image["loading"] == "lazy"
    assert (image["width"], image["height"]) == ("160", "160")
    assert image["alt"] == ""  # the name follows it
    assert [s["type"] for s in grace.select("picture source")] == ["image/avif", "image/webp"]
    # Someone without a photo gets their initial, hidden from screen readers.
    alan = document.select_one("#team-alan-turing .team-member__photo--none")
    assert alan.get_text() == "A" and alan["aria-hidden"] == "true"


def test_an_empty_team_says_so(client, home_page):
    make_team_page(home_page)
    document = soup(client.get("/team/"))
    assert document.select(".team-member") == []
    assert "announced soon" in document.select_one(".empty-state").get_text()


def test_a_bio_is_sanitized_markdown(client, home_page):
    make_team_page(home_page)
    make_organizer(
        home_page,
        "Mallory",
        bio='<script>alert(1)</script><a href="javascript:alert(2)">x</a> <b onclick="x()">b</b>',
    )
    bio = soup(client.get("/team/")).select_one(".team-member__bio")
    assert bio.find("script") is None
    assert all(not (a.get("href") or "").startswith("javascript") for a in bio.find_all("a"))
    assert all(not name.startswith("on") for tag in bio.find_all(True) for name in tag.attrs)


def test_a_bio_python_markdown_would_choke_on_is_refused(home_page):
    person = Organizer(site=home_page.get_site(), name="Nested", slug="nested", bio="[" * 200)
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "bio" in error.value.message_dict


@pytest.mark.parametrize(
    "address", ["javascript:alert(1)", "ftp://files.example/", "data:text/html,hi"]
)
def test_social_links_follow_the_link_rule(home_page, address):
    person = Organizer(
        site=home_page.get_site(), name="Eve", slug="eve", website_url=address, x_url=address
    )
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert {"website_url", "x_url"} <= set(error.value.message_dict)


def test_a_link_stored_around_the_rule_is_not_shown(client, home_page):
    make_team_page(home_page)
    make_organizer(home_page, "Eve", github_url="javascript:alert(1)", website_url="https://e.x/")
    links = soup(client.get("/team/")).select("#team-eve .social-links a")
    assert [a["href"] for a in links] == ["https://e.x/"]


# -- hidden people, other editions -------------------------------------------------------


def test_hidden_people_never_reach_visitors(client, home_page):
    make_team_page(home_page)
    make_organizer(home_page, "Shown Person", bio="Speaks about kites.")
    hidden = make_organizer(
        home_page, "Secret Person", hidden=True, bio="Speaks about zeppelins.",
        presenter=presenter(home_page),
    )  # fmt: skip
    html = client.get("/team/").content.decode()
    assert "Shown Person" in html and "Secret Person" not in html
    # Search: the team page is found by the people shown, never by a hidden one.
    assert "/team/" in result_urls(client, "kites")
    assert result_urls(client, "zeppelins") == [] and result_urls(client, "Secret") == []
    # The sitemap lists the page, and nothing names the hidden person.
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/team/" in sitemap and "secret" not in sitemap.lower()
    # Their presenter page does not say they organize.
    assert soup(client.get(hidden.presenter.url)).select(".presenter__team") == []


def result_urls(client, query):
    document = soup(client.get("/search/", {"q": query}))
    return [a["href"] for a in document.select(".search-result__title a")]


def test_hiding_someone_renews_the_search_text(client, home_page):
    make_team_page(home_page)
    person = make_organizer(home_page, "Grace Hopper", bio="Compilers and kites.")
    assert result_urls(client, "kites") == ["/team/"]
    person.hidden = True
    person.save()
    assert result_urls(client, "kites") == []
    person.hidden = False
    person.save()
    assert result_urls(client, "kites") == ["/team/"]
    person.delete()
    assert result_urls(client, "kites") == []


def test_other_editions_people_never_show(client, home_page, second_edition):
    make_team_page(home_page)
    make_team_page(second_edition)
    make_organizer(home_page, "This Year")
    make_organizer(second_edition, "Last Year", bio="Kites of last year.")
    assert names(soup(client.get("/team/"))) == ["This Year"]
    other = soup(client.get("/team/", HTTP_HOST="2026.example.org"))
    assert names(other) == ["Last Year"]
    assert result_urls(client, "kites") == []


def test_moving_someone_to_another_edition_renews_both_team_pages(
    client, home_page, second_edition
):
    make_team_page(home_page)
    make_team_page(second_edition)
    person = make_organizer(home_page, "Mover", bio="Kites.")
    assert result_urls(client, "kites") == ["/team/"]
    person = Organizer.objects.get(pk=person.pk)
    person.site = second_edition.get_site()
    person.save()
    assert result_urls(client, "kites") == []
    assert names(soup(client.get("/team/"))) == []


# -- organizer and presenter: two entries that name each other ---------------------------


def test_organizer_and_presenter_link_to_each_other(client, home_page):
    make_team_page(home_page)
    ada = presenter(home_page)
    make_organizer(home_page, "Ada Quill", roles="Chair", presenter=ada)
    team = soup(client.get("/team/"))
    link = team.select_one("#team-ada-quill .team-member__presenter a")
    assert link["href"] == ada.url and link.get_text() == "Ada Quill’s sessions"

    line = soup(client.get(ada.url)).select_one(".presenter__team")
    assert line.get_text() == "Also on the organizing team (Chair): Ada Quill on the team page."
    assert line.a["href"] == "/team/#team-ada-quill"
    assert team.select_one("#team-ada-quill") is not None


def test_a_presenter_page_visitors_cannot_see_is_not_linked(client, home_page):
    make_team_page(home_page)
    ada = presenter(home_page)
    make_organizer(home_page, "Ada Quill", presenter=ada)
    ada.unpublish()
    team = soup(client.get("/team/"))
    assert names(team) == ["Ada Quill"]
    assert team.select(".team-member__presenter") == []


def test_without_a_team_page_the_presenter_page_names_the_role_without_a_link(client, home_page):
    ada = presenter(home_page)
    make_organizer(home_page, "Ada Quill", roles="Chair", presenter=ada)
    line = soup(client.get(ada.url)).select_one(".presenter__team")
    assert line.get_text() == "Also on the organizing team (Chair)." and line.a is None


def test_a_presenter_of_another_edition_is_refused(home_page, second_edition):
    elsewhere = presenter(second_edition)
    person = Organizer(site=home_page.get_site(), name="Ada", slug="ada", presenter=elsewhere)
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "presenter" in error.value.message_dict
    person.presenter = presenter(home_page)
    person.full_clean()


# -- the page cache ----------------------------------------------------------------------


def test_an_edit_renews_the_cached_pages(
    client, home_page, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    make_team_page(home_page)
    person = make_organizer(home_page, "Before Name")
    site_id = Site.objects.get(root_page=home_page).pk
    before = current_generation(site_id)
    assert names(soup(client.get("/team/"))) == ["Before Name"]
    person.name = "After Name"
    with django_capture_on_commit_callbacks(execute=True):
        person.save()
    database_generations.forget()
    assert current_generation(site_id) != before
    assert names(soup(client.get("/team/"))) == ["After Name"]


# -- permissions -------------------------------------------------------------------------


def member_of(django_user_model, group_name):
    user = django_user_model.objects.create_user(group_name.replace(" ", "-"), password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.mark.parametrize(
    ("group_name", "granted"),
    [
        (EDITORS, {"add", "change", "delete", "view"}),
        (COMMUNICATION_TEAM, set()),
        (PROGRAM_TEAM, set()),
    ],
)
def test_who_edits_the_team(django_user_model, group_name, granted):
    user = member_of(django_user_model, group_name)
    actions = {"add", "change", "delete", "view"}
    assert {a for a in actions if user.has_perm(f"organizers.{a}_organizer")} == granted


def test_an_editor_adds_someone_in_the_admin(client, django_user_model, home_page):
    client.force_login(member_of(django_user_model, EDITORS))
    listing = client.get("/admin/snippets/organizers/organizer/")
    assert listing.status_code == 200
    response = client.post(
        "/admin/snippets/organizers/organizer/add/",
        {
            "site": home_page.get_site().pk,
            "name": "New Person",
            "slug": "new-person",
            "kind": "organizer",
            "roles": "Chair",
            "bio": "Hello.",
            "website_url": "javascript:alert(1)",
            "sort_order": 0,
        },
    )
    assert response.status_code == 200  # the form again, with the link refused
    assert not Organizer.objects.exists()
    assert "website_url" in response.context["form"].errors
    response = client.post(
        "/admin/snippets/organizers/organizer/add/",
        {
            "site": home_page.get_site().pk,
            "name": "New Person",
            "slug": "new-person",
            "kind": "organizer",
            "website_url": "https://new.example/",
            "sort_order": 0,
        },
    )
    assert response.status_code == 302
    person = Organizer.objects.get()
    assert person.website_url == "https://new.example/"
    # The listing names the edition and finds people by name; the edit form opens.
    listing = soup(client.get("/admin/snippets/organizers/organizer/", {"q": "New"}))
    assert "New Person" in listing.select_one("table").get_text()
    assert client.get(f"/admin/snippets/organizers/organizer/edit/{person.pk}/").status_code == 200


# -- constant queries --------------------------------------------------------------------

# Measured; the same whatever the number of people: the page and the edition (as every
# page, with its sponsors for the footer), the people, their photos, the photos' renditions
# and their presenter pages.
TEAM_QUERIES = 14


@pytest.mark.parametrize("count", [1, 3, 30])
def test_team_page_queries_and_weight(client, home_page, django_assert_num_queries, count):
    make_team_page(home_page)
    people = make_team(home_page, count)
    program = make_program(home_page, talks=1, photos=False, items=False)
    Organizer.objects.filter(pk=people[0].pk).update(presenter=program.presenters[0])
    # The first view makes the renditions and warms Wagtail's site cache.
    assert client.get("/team/").status_code == 200
    with django_assert_num_queries(TEAM_QUERIES):
        response = client.get("/team/")
    document = soup(response)
    assert len(document.select(".team-member")) == count
    assert len(document.select(".team-member picture")) == count
    assert len(document.select(".team-member__presenter")) == 1
    if count == 30:
        status, html, css = page_weight(client, "/team/")
        assert status == 200 and html + css < BUDGET, (html, css)


# -- in a real browser -------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_axe_finds_no_violation_on_the_team_page(browser_context, live_server, home_page):
    """The team page and a presenter page that names the team, at 375 and 1280 px, in the
    light and the dark theme."""
    make_team_page(home_page, intro="The volunteers who make the conference happen.")
    people = make_team(home_page, 5)
    ada = presenter(home_page)
    Organizer.objects.filter(pk=people[0].pk).update(presenter=ada)
    found = {}
    for scheme in ("light", "dark"):
        for width in (375, 1280):
            # bypass_csp: the site's Content-Security-Policy rightly refuses the axe script.
            page = browser_context(width=width, color_scheme=scheme, bypass_csp=True)
            for path in ("/team/", ada.url):
                response = page.goto(live_server.url + path, wait_until="load")
                assert response.status == 200, path
                if violations := run_axe(page):
                    found[(scheme, width, path)] = violations
            # Nothing sticks out sideways on a phone.
            page.goto(live_server.url + "/team/", wait_until="load")
            assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert found == {}, found


# -- the demo ----------------------------------------------------------------------------


def test_demo_team_and_guide_build_only_once(client, home_page):
    build_program(home_page)
    build_people(home_page)

    def counts():
        return (
            Organizer.objects.count(),
            Place.objects.count(),
            TeamPage.objects.count(),
            LocalGuidePage.objects.count(),
            get_image_model().objects.count(),
        )

    first = counts()
    build_people(home_page)
    assert counts() == first
    assert first[:4] == (10, 10, 1, 1)

    team = soup(client.get("/team/"))
    assert [s.h2.get_text() for s in team.select("section.team__section")] == [
        "Organizers",
        "Volunteers",
    ]
    speaker = team.select_one("#team-samuel-mensah .team-member__presenter a")
    assert speaker["href"] == "/presenters/samuel-mensah/"
    line = soup(client.get("/presenters/samuel-mensah/")).select_one(".presenter__team a")
    assert line["href"] == "/team/#team-samuel-mensah"
    guide = soup(client.get("/local-guide/"))
    assert len(guide.select("section.guide__section")) == len(Category)
