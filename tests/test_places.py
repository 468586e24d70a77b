"""The local guide: places per edition by category, the guide page and the link to it from the
venue page, hidden places, the link rule, search, the page cache, permissions and constant
query counts and page weight."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase

from editorial.roles import COMMUNICATION_TEAM, EDITORS, PROGRAM_TEAM
from home.models import HomePage, StandardPage
from pagecache.generations import current_generation, database_generations
from places.models import Category, LocalGuidePage, Place
from tests.factories.people import make_guide, make_guide_page, make_place
from tests.test_accessibility_browser import run_axe
from tests.test_page_weight import BUDGET, page_weight

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def names(document):
    return [h.get_text(strip=True) for h in document.select(".place__name")]


def result_urls(client, query):
    document = soup(client.get("/search/", {"q": query}))
    return [a["href"] for a in document.select(".search-result__title a")]


# -- the page rules ----------------------------------------------------------------------


class LocalGuidePageRulesTests(WagtailPageTestCase):
    def test_parents_and_children(self):
        self.assertAllowedParentPageTypes(LocalGuidePage, {HomePage})
        self.assertAllowedSubpageTypes(LocalGuidePage, set())


def test_one_guide_per_edition(home_page, second_edition):
    make_guide_page(home_page)
    assert not LocalGuidePage.can_create_at(home_page)
    assert LocalGuidePage.can_create_at(second_edition)


# -- the guide page ----------------------------------------------------------------------


def test_places_are_grouped_by_category_in_a_fixed_order(client, home_page):
    make_guide_page(home_page)
    make_place(home_page, "Grand Hotel", category=Category.HOTEL)
    make_place(home_page, "Old Mill", category=Category.SIGHTS)
    make_place(home_page, "Bean There", category=Category.COFFEE, sort_order=2)
    make_place(home_page, "Aroma", category=Category.COFFEE, sort_order=2)
    make_place(home_page, "Zest", category=Category.COFFEE, sort_order=1)
    make_place(home_page, "Noodle Bar", category=Category.FOOD)
    document = soup(client.get("/local-guide/"))
    sections = document.select("section.guide__section")
    assert [s.h2.get_text() for s in sections] == ["Food and drink", "Coffee", "Hotels", "Sights"]
    assert [s.h2["id"] for s in sections] == ["food", "coffee", "hotel", "sights"]
    # Within a category: by order, then by name.
    assert names(sections[1]) == ["Zest", "Aroma", "Bean There"]
    contents = [(a["href"], a.get_text()) for a in document.select(".guide__contents a")]
    assert contents == [
        ("#food", "Food and drink"),
        ("#coffee", "Coffee"),
        ("#hotel", "Hotels"),
        ("#sights", "Sights"),
    ]


def test_a_place_shows_what_a_visitor_needs(client, home_page, make_image):
    make_guide_page(home_page)
    photo = make_image("Blue Door", size=(960, 640))
    photo.description = "A blue door under a striped awning"
    photo.save()
    make_place(
        home_page,
        "Blue Door Café",
        slug="blue-door-cafe",
        category=Category.COFFEE,
        photo=photo,
        address="12 Mill Street\nDurham, NC",
        distance="5 minutes' walk",
        map_link="https://maps.example/blue-door",
        website="https://bluedoor.example/",
        text="Oat milk and **quiet corners**.",
    )
    place = soup(client.get("/local-guide/")).select_one("#place-blue-door-cafe")
    assert place.select_one(".place__distance").get_text() == "5 minutes' walk"
    address = place.select_one(".place__address")
    assert address.find("br") is not None
    assert address.get_text(" ", strip=True) == "12 Mill Street Durham, NC"
    assert place.select_one(".place__about strong").get_text() == "quiet corners"
    links = [(a["href"], a.get_text()) for a in place.select(".place__links a")]
    assert links == [
        ("https://maps.example/blue-door", "Map of Blue Door Café"),
        ("https://bluedoor.example/", "Website of Blue Door Café"),
    ]
    image = place.select_one("picture img")
    assert image["alt"] == "A blue door under a striped awning"
    assert image["loading"] == "lazy"
    assert (image["width"], image["height"]) == ("480", "320")


def test_an_empty_guide_says_so(client, home_page):
    make_guide_page(home_page)
    document = soup(client.get("/local-guide/"))
    assert document.select(".place") == [] and document.select(".guide__contents") == []
    assert "on its way" in document.select_one(".empty-state").get_text()


def test_a_text_is_sanitized_markdown(client, home_page):
    make_guide_page(home_page)
    make_place(home_page, "Trap", text='<script>alert(1)</script><img src=x onerror="alert(2)"> ok')
    about = soup(client.get("/local-guide/")).select_one(".place__about")
    assert about.find("script") is None
    assert all(not name.startswith("on") for tag in about.find_all(True) for name in tag.attrs)


@pytest.mark.parametrize("address", ["javascript:alert(1)", "ftp://maps.example/", "data:,x"])
def test_links_follow_the_link_rule(home_page, address):
    place = Place(
        site=home_page.get_site(), name="Trap", slug="trap", map_link=address, website=address
    )
    with pytest.raises(ValidationError) as error:
        place.full_clean()
    assert {"map_link", "website"} <= set(error.value.message_dict)


def test_a_link_stored_around_the_rule_is_not_followed(client, home_page):
    make_guide_page(home_page)
    make_place(home_page, "Trap", map_link="javascript:alert(1)", website="https://ok.example/")
    links = soup(client.get("/local-guide/")).select("#place-trap .place__links a")
    assert [a.get("href") for a in links] == ["https://ok.example/"]


# -- hidden places, other editions -------------------------------------------------------


def test_hidden_places_never_reach_visitors(client, home_page):
    make_guide_page(home_page)
    make_place(home_page, "Open Kitchen", text="Dumplings all day.")
    make_place(home_page, "Closed Kitchen", hidden=True, text="Pretzels all night.")
    html = client.get("/local-guide/").content.decode()
    assert "Open Kitchen" in html and "Closed Kitchen" not in html
    assert result_urls(client, "dumplings") == ["/local-guide/"]
    assert result_urls(client, "pretzels") == [] and result_urls(client, "Closed") == []
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/local-guide/" in sitemap and "closed" not in sitemap.lower()


def test_hiding_a_place_renews_the_search_text(client, home_page):
    make_guide_page(home_page)
    place = make_place(home_page, "Open Kitchen", text="Dumplings all day.")
    assert result_urls(client, "dumplings") == ["/local-guide/"]
    place.hidden = True
    place.save()
    assert result_urls(client, "dumplings") == []
    place.delete()
    assert result_urls(client, "dumplings") == []


def test_other_editions_places_never_show(client, home_page, second_edition):
    make_guide_page(home_page)
    make_guide_page(second_edition)
    make_place(home_page, "This Year's Café")
    make_place(second_edition, "Last Year's Café", text="Bagels of last year.")
    assert names(soup(client.get("/local-guide/"))) == ["This Year's Café"]
    other = soup(client.get("/local-guide/", HTTP_HOST="2026.example.org"))
    assert names(other) == ["Last Year's Café"]
    assert result_urls(client, "bagels") == []


# -- the link from the venue page --------------------------------------------------------


def guide_link(page, host="localhost"):
    request = RequestFactory().get("/venue/", HTTP_HOST=host)
    template = Template("{% load place_tags %}{% local_guide_link %}")
    html = template.render(Context({"request": request, "page": page}))
    return [(a["href"], a.get_text()) for a in BeautifulSoup(html, "html.parser").find_all("a")]


def venue(home):
    page = StandardPage(title="Venue", slug="venue")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_venue_page_links_to_its_editions_guide(home_page, second_edition):
    here, there = venue(home_page), venue(second_edition)
    assert guide_link(here) == []  # no guide yet: nothing at all
    guide = make_guide_page(home_page, title="Around the venue")
    assert guide_link(here) == [
        ("/local-guide/", "Around the venue: where to eat, drink coffee, stay and look around "
         "near the venue"),
    ]  # fmt: skip
    assert guide_link(there, host="2026.example.org") == []  # another edition's guide
    guide.unpublish()
    assert guide_link(here) == []


# -- the page cache ----------------------------------------------------------------------


def test_an_edit_renews_the_cached_pages(
    client, home_page, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    make_guide_page(home_page)
    place = make_place(home_page, "Before Name")
    site_id = Site.objects.get(root_page=home_page).pk
    before = current_generation(site_id)
    assert names(soup(client.get("/local-guide/"))) == ["Before Name"]
    place.name = "After Name"
    with django_capture_on_commit_callbacks(execute=True):
        place.save()
    database_generations.forget()
    assert current_generation(site_id) != before
    assert names(soup(client.get("/local-guide/"))) == ["After Name"]


# -- permissions -------------------------------------------------------------------------


def member_of(django_user_model, group_name):
    user = django_user_model.objects.create_user(group_name.replace(" ", "-"), password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.mark.parametrize(
    ("group_name", "granted"),
    [
        (EDITORS, {"add", "change", "delete", "view"}),
        (COMMUNICATION_TEAM, {"add", "change", "delete", "view"}),
        (PROGRAM_TEAM, set()),
    ],
)
def test_who_edits_the_guide(django_user_model, group_name, granted):
    user = member_of(django_user_model, group_name)
    actions = {"add", "change", "delete", "view"}
    assert {a for a in actions if user.has_perm(f"places.{a}_place")} == granted


def test_the_communication_team_adds_a_place_in_the_admin(client, django_user_model, home_page):
    client.force_login(member_of(django_user_model, COMMUNICATION_TEAM))
    assert client.get("/admin/snippets/places/place/").status_code == 200
    fields = {
        "site": home_page.get_site().pk,
        "name": "Corner Deli",
        "slug": "corner-deli",
        "category": "food",
        "distance": "2 minutes' walk",
        "sort_order": 0,
    }
    response = client.post(
        "/admin/snippets/places/place/add/", {**fields, "map_link": "javascript:alert(1)"}
    )
    assert response.status_code == 200 and "map_link" in response.context["form"].errors
    assert not Place.objects.exists()
    response = client.post(
        "/admin/snippets/places/place/add/", {**fields, "map_link": "https://maps.example/d"}
    )
    assert response.status_code == 302
    assert Place.objects.get().map_link == "https://maps.example/d"
    # Not the team: that is the Editors'.
    assert client.get("/admin/snippets/organizers/organizer/").status_code in (302, 403)


# -- constant queries --------------------------------------------------------------------

# Measured; the same whatever the number of places: the page and the edition (as every
# page, with its sponsors for the footer), the places, their photos and the photos'
# renditions.
GUIDE_QUERIES = 13


@pytest.mark.parametrize("count", [1, 3, 30])
def test_guide_page_queries_and_weight(client, home_page, django_assert_num_queries, count):
    make_guide_page(home_page)
    make_guide(home_page, count)
    # The first view makes the renditions and warms Wagtail's site cache.
    assert client.get("/local-guide/").status_code == 200
    with django_assert_num_queries(GUIDE_QUERIES):
        response = client.get("/local-guide/")
    document = soup(response)
    assert len(document.select(".place")) == count
    assert len(document.select(".place picture")) == count
    if count == 30:
        status, html, css = page_weight(client, "/local-guide/")
        assert status == 200 and html + css < BUDGET, (html, css)


# -- in a real browser -------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_axe_finds_no_violation_on_the_guide(browser_context, live_server, home_page):
    """The guide and a venue page that links to it, at 375 and 1280 px, in the light and the
    dark theme."""
    make_guide_page(home_page, intro="Where to eat, sleep and wander near the venue.")
    make_guide(home_page, 6)
    found = {}
    for scheme in ("light", "dark"):
        for width in (375, 1280):
            # bypass_csp: the site's Content-Security-Policy rightly refuses the axe script.
            page = browser_context(width=width, color_scheme=scheme, bypass_csp=True)
            response = page.goto(live_server.url + "/local-guide/", wait_until="load")
            assert response.status == 200
            if violations := run_axe(page):
                found[(scheme, width)] = violations
            # Nothing sticks out sideways on a phone.
            assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert found == {}, found
