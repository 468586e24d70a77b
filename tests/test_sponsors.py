"""Sponsors, per edition (issue 18): levels in order, logos sized by level, the sponsors page,
the footer's strip and the home page's section; hidden sponsors and other editions' never
reach visitors; the link rule; the Sponsorship team's permissions; fixed query counts."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import connection
from django.template import engines
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from blog.models import NewsIndexPage
from demo.sponsors import build_sponsors, drawn_logo
from editorial.roles import EDITORS, SPONSORSHIP_TEAM
from home.models import ConferenceSettings
from pagecache.generations import current_generation, database_generations
from program.models import ProgramPage, Room
from sponsors.forms import SponsorForm
from sponsors.logos import BOXES
from sponsors.models import Sponsor, SponsorLevel
from tests.factories.html import audit
from tests.factories.sponsors import (
    logo_image,
    make_levels,
    make_sponsor,
    make_sponsors,
    make_sponsors_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_caches(settings):
    """Renditions made by an earlier test (same image ids) must not stand in for this one's."""
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture
def levels(site):
    return make_levels(site)


@pytest.fixture
def sponsors_page(home_page):
    return make_sponsors_page(home_page, intro="The companies that make the conference happen.")


def soup_of(client, path="/", data=None, **extra):
    response = client.get(path, data, **extra)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content, "html.parser")


def level_names(soup):
    return [h2.get_text(strip=True) for h2 in soup.select(".sponsor-level h2")]


def sponsor_names(soup, level_slug):
    section = soup.select_one(f'section[aria-labelledby="level-{level_slug}"]')
    return [h3.get_text(strip=True) for h3 in section.select(".sponsor__name")]


def strip_alts(soup):
    return [img["alt"] for img in soup.select("footer .sponsor-strip img")]


def render_home_section(site):
    """`{% sponsors_by_level %}` as the home page's template will use it."""
    request = RequestFactory().get("/", HTTP_HOST=site.hostname)
    template = engines["django"].from_string("{% load sponsor_tags %}{% sponsors_by_level %}")
    return BeautifulSoup(template.render({"request": request}), "html.parser")


# --- Grouping, ordering, sizes ------------------------------------------------------------


def test_the_sponsors_page_groups_sponsors_by_level_in_order(client, levels, sponsors_page):
    gold, silver, community = levels
    # Levels reordered: Community first now, then Gold; Silver has no visible sponsor.
    community.sort_order, gold.sort_order = -1, 5
    community.save(), gold.save()
    make_sponsor(gold, "Zeta Works", sort_order=2)
    make_sponsor(gold, "Beta Labs", sort_order=1)
    make_sponsor(gold, "Alpha Data", sort_order=1)  # same order: by name
    make_sponsor(community, "Python Meetup", sort_order=0)
    make_sponsor(silver, "Quiet Co", hidden=True)

    soup = soup_of(client, sponsors_page.url)
    assert level_names(soup) == ["Community", "Gold"]
    assert sponsor_names(soup, "gold") == ["Alpha Data", "Beta Labs", "Zeta Works"]
    assert sponsor_names(soup, "community") == ["Python Meetup"]
    assert soup.select_one(".sponsors .lead").get_text() == sponsors_page.intro


def test_logos_are_sized_by_level_and_orientation(client, levels, sponsors_page):
    gold, _, community = levels
    make_sponsor(gold, "Wide Gold")
    make_sponsor(community, "Wide Community")
    make_sponsor(
        gold, "Tall Gold", logo=logo_image("Tall", size=(300, 900)), logo_orientation="portrait"
    )

    soup = soup_of(client, sponsors_page.url)
    sizes = {
        img["alt"]: (int(img["width"]), int(img["height"]))
        for img in soup.select(".sponsor__logo img")
    }
    # The 400x200 upload fits its level's landscape box; the tall one its portrait box.
    assert sizes["Wide Gold"] == BOXES["large"]["landscape"]
    assert sizes["Wide Community"] == BOXES["small"]["landscape"]
    width, height = BOXES["large"]["portrait"]
    assert sizes["Tall Gold"][1] == height and sizes["Tall Gold"][0] <= width
    for img in soup.select(".sponsor__logo img"):
        assert img["loading"] == "lazy"
        assert img["src"].endswith(".png")
    # A sharper WebP for high-density screens.
    source = soup.select_one('.sponsor__logo source[type="image/webp"]')
    assert source["srcset"].endswith(" 2x")


def test_a_dark_logo_is_the_dark_themes_and_a_logo_without_one_gets_a_tile(
    client, levels, sponsors_page
):
    make_sponsor(levels[0], "Night Owl", logo_dark=logo_image("Night Owl dark", (240, 240, 240)))
    make_sponsor(levels[0], "Day Only")
    soup = soup_of(client, sponsors_page.url)
    night, day = (soup.select_one(f"#sponsor-{slug} picture") for slug in ("night-owl", "day-only"))
    dark_sources = night.select('source[media="(prefers-color-scheme: dark)"]')
    assert len(dark_sources) == 2
    assert "night-owl-dark" in dark_sources[0]["srcset"]
    assert "sponsor-logo--tile" not in night["class"]
    assert "sponsor-logo--tile" in day["class"]
    assert not day.select("source[media]")


def test_each_sponsor_shows_its_link_description_and_hiring_link(client, levels, sponsors_page):
    make_sponsor(
        levels[0],
        "Acme Cloud",
        link="https://acme.example.com/",
        link_label="Acme's site",
        description="We host **Django** apps.\n\n<script>alert(1)</script>",
        hiring=True,
        jobs_link="https://acme.example.com/jobs/",
    )
    make_sponsor(levels[0], "Plain Co", link="", description="")
    response = client.get(sponsors_page.url)
    assert audit(response.content.decode()) == []
    soup = BeautifulSoup(response.content, "html.parser")
    acme = soup.select_one("#sponsor-acme-cloud")
    links = {a.get_text(" ", strip=True): a["href"] for a in acme.select(".sponsor__links a")}
    assert links == {
        "Acme's site": "https://acme.example.com/",
        "Hiring : jobs at Acme Cloud": "https://acme.example.com/jobs/",
    }
    assert acme.select_one(".sponsor__logo a")["rel"] == ["sponsored"]
    assert acme.select_one(".sponsor__description strong").get_text() == "Django"
    assert not acme.select(".sponsor__description script")
    plain = soup.select_one("#sponsor-plain-co")
    assert not plain.select("a")
    assert not plain.select(".sponsor__description")


def test_a_page_without_sponsors_says_they_are_coming(client, levels, sponsors_page):
    soup = soup_of(client, sponsors_page.url)
    assert soup.select_one(".sponsors .empty-state")
    assert not soup.select("footer .sponsor-strip")


def test_the_footer_strip_shows_logos_in_order_linking_to_the_sponsors(
    client, levels, sponsors_page
):
    gold, silver, _ = levels
    make_sponsor(silver, "Silver One")
    make_sponsor(gold, "Gold One", link="https://gold.example.com/")
    soup = soup_of(client, "/")
    assert strip_alts(soup) == ["Gold One", "Silver One"]
    strip = soup.select_one("footer .sponsor-strip")
    assert strip.select_one("h2 a")["href"] == sponsors_page.url
    gold_link = strip.select_one('img[alt="Gold One"]').find_parent("a")
    assert gold_link["href"] == "https://gold.example.com/"
    width, height = BOXES["strip"]["landscape"]
    for img in strip.select("img"):
        assert img["loading"] == "lazy"
        assert int(img["width"]) <= width and int(img["height"]) <= height


def test_the_home_page_section_groups_logos_by_level(site, levels, sponsors_page):
    gold, silver, community = levels
    make_sponsor(community, "Meetup")
    make_sponsor(gold, "Gold One")
    make_sponsor(silver, "Silver One")
    soup = render_home_section(site)
    assert [h3.get_text() for h3 in soup.select("h3")] == ["Gold", "Silver", "Community"]
    assert [ul["class"][-1] for ul in soup.select("ul")] == [
        "sponsor-logos--large",
        "sponsor-logos--medium",
        "sponsor-logos--small",
    ]
    assert soup.select_one("p a")["href"] == sponsors_page.url


def test_become_a_sponsor_uses_the_editions_prospectus_and_email(client, site, sponsors_page):
    assert not soup_of(client, sponsors_page.url).select(".sponsors__cta")
    conference = ConferenceSettings.for_site(site)
    conference.sponsorship_prospectus_link = "https://example.org/prospectus.pdf"
    conference.sponsors_email = "sponsors@example.org"
    conference.save()
    cta = soup_of(client, sponsors_page.url).select_one(".sponsors__cta")
    assert cta.select_one("h2").get_text() == "Become a sponsor"
    assert [a["href"] for a in cta.select("a")] == [
        "https://example.org/prospectus.pdf",
        "mailto:sponsors@example.org",
    ]
    # A link stored around the link rule is never offered.
    ConferenceSettings.objects.filter(pk=conference.pk).update(
        sponsorship_prospectus_link="javascript:alert(1)"
    )
    cta = soup_of(client, sponsors_page.url).select_one(".sponsors__cta")
    assert [a["href"] for a in cta.select("a")] == ["mailto:sponsors@example.org"]


# --- What visitors never see -----------------------------------------------------------------


def test_a_hidden_sponsor_never_reaches_visitors(
    client, site, levels, sponsors_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_sponsor(levels[0], "Visible Quokka")
        make_sponsor(levels[0], "Secret Pangolin", hidden=True, link="https://pangolin.example/")

    pages = {path: client.get(path).content.decode() for path in ("/", sponsors_page.url)}
    for path, html in pages.items():
        assert "Visible Quokka" in html, path
        assert "Pangolin" not in html and "pangolin" not in html, path
    assert "Pangolin" not in str(render_home_section(site))
    assert "Visible Quokka" in str(render_home_section(site))

    found = BeautifulSoup(client.get("/search/", {"q": "Quokka"}).content, "html.parser")
    assert [a["href"] for a in found.select(".search-result__title a")] == [sponsors_page.url]
    hidden = BeautifulSoup(client.get("/search/", {"q": "Pangolin"}).content, "html.parser")
    assert hidden.select(".search-result") == []

    sitemap = client.get("/sitemap.xml").content.decode()
    assert sponsors_page.full_url in sitemap
    assert "pangolin" not in sitemap.lower()


def test_hiding_a_sponsor_takes_it_out_of_search(
    client, levels, sponsors_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sponsor = make_sponsor(levels[0], "Ocelot Systems")
    assert BeautifulSoup(client.get("/search/", {"q": "Ocelot"}).content, "html.parser").select(
        ".search-result"
    )
    with django_capture_on_commit_callbacks(execute=True):
        sponsor.hidden = True
        sponsor.save()
    results = BeautifulSoup(client.get("/search/", {"q": "Ocelot"}).content, "html.parser")
    assert results.select(".search-result") == []


def test_a_level_moved_to_another_edition_takes_its_sponsors_out_of_search(
    client, second_edition, levels, sponsors_page
):
    make_sponsor(levels[0], "Narwhal Hosting")
    assert soup_of(client, "/search/", data={"q": "Narwhal"}).select(".search-result")
    levels[0].site = Site.objects.get(root_page=second_edition)
    levels[0].save()
    assert soup_of(client, "/search/", data={"q": "Narwhal"}).select(".search-result") == []


def test_another_editions_sponsors_never_show(client, site, second_edition, levels, sponsors_page):
    other_site = Site.objects.get(root_page=second_edition)
    other_levels = make_levels(other_site)
    make_sponsor(other_levels[0], "Elsewhere Inc")
    make_sponsor(levels[0], "Here Inc")
    # A row written around Sponsor.clean(): this edition's sponsor in the other's level.
    make_sponsor(levels[0], "Misfiled Inc")
    Sponsor.objects.filter(name="Misfiled Inc").update(level=other_levels[1])
    for path in ("/", sponsors_page.url):
        html = client.get(path).content.decode()
        assert "Here Inc" in html
        assert "Elsewhere Inc" not in html
        assert "Misfiled Inc" not in html
    assert "Elsewhere" not in str(render_home_section(site))
    # And the other edition's strip shows its own.
    other = soup_of(client, "/", HTTP_HOST=other_site.hostname)
    assert strip_alts(other) == ["Elsewhere Inc"]


# --- Rules ---------------------------------------------------------------------------------


def test_a_level_of_another_edition_is_refused(site, second_edition, levels):
    other_level = make_levels(Site.objects.get(root_page=second_edition))[0]
    sponsor = Sponsor(site=site, level=other_level, name="Wrong Level", logo=logo_image("W"))
    with pytest.raises(ValidationError) as refused:
        sponsor.full_clean()
    assert "belongs to another edition" in str(refused.value.message_dict["level"])
    Sponsor(site=site, level=levels[0], name="Right Level", logo=logo_image("R")).full_clean()


def test_the_admin_form_offers_the_sponsors_own_editions_levels(site, second_edition, levels):
    other_site = Site.objects.get(root_page=second_edition)
    other_levels = make_levels(other_site)
    sponsor = make_sponsor(levels[0], "Edited")
    form_class = Sponsor.get_edit_handler().get_form_class()
    assert issubclass(form_class, SponsorForm)
    offered = set(form_class(instance=sponsor).fields["level"].queryset)
    assert offered == set(levels)
    # A new sponsor has no edition yet: every level, each named with its edition.
    new_form = form_class(instance=Sponsor())
    assert set(new_form.fields["level"].queryset) == set(levels) | set(other_levels)
    labels = [label for _, label in new_form.fields["level"].choices][1:]
    assert "Gold (Test Conference 2026)" in labels and "Gold (Test Conference 2027)" in labels


def test_the_link_rule_refuses_script_links_and_a_stored_one_never_shows(
    client, levels, sponsors_page
):
    sponsor = Sponsor(
        site_id=levels[0].site_id,
        level=levels[0],
        name="Scripted",
        logo=logo_image("Scripted"),
        link="javascript:alert(1)",
        hiring=True,
        jobs_link="javascript:alert(2)",
    )
    with pytest.raises(ValidationError) as refused:
        sponsor.full_clean()
    assert {"link", "jobs_link"} <= set(refused.value.message_dict)
    # Written around the rule (a script, an old import): shown without the link.
    sponsor.save()
    for path in ("/", sponsors_page.url):
        html = client.get(path).content.decode()
        assert "Scripted" in html
        assert "javascript:" not in html


def test_a_logo_must_be_png_webp_avif_or_jpeg(levels):
    level = levels[0]
    gif = Sponsor(
        site_id=level.site_id, level=level, name="Gif", logo=logo_image("G", extension="gif")
    )
    with pytest.raises(ValidationError) as refused:
        gif.full_clean()
    assert "PNG, WebP, AVIF, JPEG" in str(refused.value.message_dict["logo"])
    jpeg = Sponsor(
        site_id=level.site_id, level=level, name="Jpeg", logo=logo_image("J", extension="jpg")
    )
    jpeg.full_clean()
    # The admin says what to upload instead of an SVG.
    assert "export a PNG from the sponsor's SVG" in Sponsor._meta.get_field("logo").help_text


def test_hiring_needs_a_jobs_link(levels):
    level = levels[0]
    sponsor = Sponsor(
        site_id=level.site_id, level=level, name="Hiring", logo=logo_image("H"), hiring=True
    )
    with pytest.raises(ValidationError) as refused:
        sponsor.full_clean()
    assert "jobs_link" in refused.value.message_dict


def test_names_and_slugs_are_unique_per_edition(site, second_edition, levels):
    make_sponsor(levels[0], "Twice Co")
    other_level = make_levels(Site.objects.get(root_page=second_edition))[0]
    make_sponsor(other_level, "Twice Co")  # another edition may reuse it
    again = Sponsor(site=site, level=levels[1], name="Twice Co", logo=logo_image("T"))
    with pytest.raises(ValidationError):
        again.full_clean()
    assert Sponsor.objects.get(site=site, name="Twice Co").slug == "twice-co"


def test_one_sponsors_page_per_edition(home_page, sponsors_page):
    from sponsors.models import SponsorsPage

    assert not SponsorsPage.can_create_at(home_page)


def test_a_sponsor_whose_logo_was_deleted_shows_its_name(client, levels, sponsors_page):
    sponsor = make_sponsor(levels[0], "Lost Logo Inc")
    sponsor.logo.delete()
    strip = soup_of(client, "/").select_one("footer .sponsor-strip")
    assert strip.select_one(".sponsor-logo--text").get_text() == "Lost Logo Inc"
    # On the sponsors page its name is beside it already.
    card = soup_of(client, sponsors_page.url).select_one("#sponsor-lost-logo-inc")
    assert not card.select(".sponsor-logo")
    assert card.select_one("h3").get_text() == "Lost Logo Inc"


def test_the_demo_builds_the_page_and_levels_once(home_page):
    levels = build_sponsors(home_page)
    assert list(levels) == ["Platinum", "Gold", "Silver", "Bronze", "Community"]
    build_sponsors(home_page)
    assert SponsorLevel.objects.for_site(home_page.get_site()).count() == 5
    logo = drawn_logo("Riverbend Data", (20, 80, 160))
    sponsor = Sponsor(site=home_page.get_site(), level=levels["Gold"], name="Riverbend", logo=logo)
    sponsor.full_clean()


# --- The page cache ---------------------------------------------------------------------------


# A sponsor is shown in its own edition only; a level may move, its sponsors with it.
@pytest.mark.parametrize(("model", "renews_the_other"), [("sponsor", False), ("level", True)])
def test_a_change_renews_the_editions_that_show_it(
    site,
    second_edition,
    levels,
    settings,
    django_capture_on_commit_callbacks,
    model,
    renews_the_other,
):
    settings.PAGE_CACHE_ENABLED = True
    sponsor = Sponsor.objects.get(pk=make_sponsor(levels[0], "Renewing Co").pk)
    other = Site.objects.get(root_page=second_edition)
    before = {s.pk: current_generation(s.pk) for s in (site, other)}
    row = sponsor if model == "sponsor" else levels[0]
    row.name = f"{row.name} (renamed)"
    with django_capture_on_commit_callbacks(execute=True):
        row.save()
    database_generations.forget()
    assert current_generation(site.pk) != before[site.pk]
    assert (current_generation(other.pk) != before[other.pk]) == renews_the_other


def test_the_footer_strip_is_a_cached_fragment_renewed_by_an_edit(
    client, levels, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    settings.CACHES = {
        **settings.CACHES,
        "fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "sponsor-strip-test",
        },
    }
    sponsor = make_sponsor(levels[0], "Before Co")
    assert strip_alts(soup_of(client, "/")) == ["Before Co"]
    # Changed without a signal: another address still gets the cached fragment.
    Sponsor.objects.filter(pk=sponsor.pk).update(name="Unseen Co")
    assert strip_alts(soup_of(client, "/?another")) == ["Before Co"]
    sponsor.name = "After Co"
    with django_capture_on_commit_callbacks(execute=True):
        sponsor.save()
    database_generations.forget()
    assert strip_alts(soup_of(client, "/?again")) == ["After Co"]


def test_a_sponsor_moved_to_another_edition_renews_both(
    site, second_edition, levels, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    # As the admin's edit view does, the sponsor is read from the database.
    sponsor = Sponsor.objects.get(pk=make_sponsor(levels[0], "Moving Co").pk)
    other = Site.objects.get(root_page=second_edition)
    other_level = make_levels(other)[0]
    before = {s.pk: current_generation(s.pk) for s in (site, other)}
    sponsor.site, sponsor.level = other, other_level
    with django_capture_on_commit_callbacks(execute=True):
        sponsor.save()
    database_generations.forget()
    assert all(current_generation(pk) != generation for pk, generation in before.items())


def test_dragging_a_level_renews_the_pages(
    admin_client, site, levels, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    before = current_generation(site.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/snippets/sponsors/sponsorlevel/reorder/{levels[2].pk}/?position=0"
        )
    assert response.status_code == 200
    assert list(SponsorLevel.objects.for_site(site).values_list("name", flat=True)) == [
        "Community",
        "Gold",
        "Silver",
    ]
    database_generations.forget()
    assert current_generation(site.pk) != before


# --- Permissions -------------------------------------------------------------------------------


def member_of(django_user_model, group_name, username):
    user = django_user_model.objects.create_user(username, password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def denied(response):
    """Wagtail answers a refused admin view with 403, or a redirect with a "permission
    denied" message."""
    if response.status_code == 403:
        return True
    if response.status_code == 302:
        messages = [str(m) for m in response.wsgi_request._messages]
        return any("permission" in m.lower() for m in messages)
    return False


def sponsor_form(site, level, image, name):
    return {
        "site": site.pk,
        "level": level.pk,
        "name": name,
        "slug": "",
        "logo": image.pk,
        "logo_orientation": "landscape",
        "link": "https://new.example.com/",
        "link_label": "",
        "description": "",
        "jobs_link": "",
        "sort_order": 0,
    }


@pytest.fixture
def edition_sections(home_page):
    news = NewsIndexPage(title="News", slug="news")
    home_page.add_child(instance=news)
    program = ProgramPage(title="Schedule", slug="schedule")
    home_page.add_child(instance=program)
    return news, program


def test_the_sponsorship_team_adds_sponsors_and_nothing_else(
    client, django_user_model, site, levels, sponsors_page, edition_sections
):
    client.force_login(member_of(django_user_model, SPONSORSHIP_TEAM, "sponsorship"))
    logo = logo_image("New logo")
    response = client.post(
        "/admin/snippets/sponsors/sponsor/add/", sponsor_form(site, levels[0], logo, "New Co")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Sponsor.objects.get(name="New Co").slug == "new-co"
    for path in (
        "/admin/snippets/sponsors/sponsor/",
        "/admin/snippets/sponsors/sponsorlevel/?ordering=sort_order",
        "/admin/snippets/sponsors/sponsorlevel/add/",
        f"/admin/snippets/sponsors/sponsor/edit/{Sponsor.objects.get(name='New Co').pk}/",
    ):
        assert client.get(path).status_code == 200, path
    assert client.get("/admin/images/chooser/").status_code == 200
    # The sponsors page's introduction is theirs; the news and the program are not.
    assert client.get(f"/admin/pages/{sponsors_page.pk}/edit/").status_code == 200
    news, program = edition_sections
    for path in (
        f"/admin/pages/{news.pk}/edit/",
        f"/admin/pages/{program.pk}/edit/",
        f"/admin/pages/add/blog/announcementpage/{news.pk}/",
        "/admin/snippets/program/room/",
        "/admin/snippets/blog/blogcategory/",
    ):
        assert denied(client.get(path)), path
    room = Room.objects.create(site=site, name="Hall", slug="hall")
    assert denied(client.get(f"/admin/snippets/program/room/edit/{room.pk}/"))


def test_editors_edit_sponsors_too(client, django_user_model, site, levels):
    client.force_login(member_of(django_user_model, EDITORS, "editor"))
    logo = logo_image("Editor logo")
    response = client.post(
        "/admin/snippets/sponsors/sponsor/add/", sponsor_form(site, levels[1], logo, "Editor Co")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Sponsor.objects.filter(name="Editor Co", level=levels[1]).exists()


def test_a_level_of_another_edition_is_refused_in_the_admin(
    admin_client, site, second_edition, levels
):
    other_level = make_levels(Site.objects.get(root_page=second_edition))[0]
    response = admin_client.post(
        "/admin/snippets/sponsors/sponsor/add/",
        sponsor_form(site, other_level, logo_image("Other"), "Other Co"),
    )
    assert response.status_code == 200
    assert "belongs to another edition" in response.content.decode()
    assert not Sponsor.objects.filter(name="Other Co").exists()


# --- Query counts ------------------------------------------------------------------------------

# Measured with 1 sponsor; the same with 3 and 30. A change here is a change in the budget.
SPONSORS_PAGE_QUERIES = 11
# What sponsors add to any page's footer: the sponsors and their logos' renditions (one query
# even without sponsors, counted in every page's budget), the sponsors page's URL.
STRIP_QUERIES = 3
WITH_SPONSORS_EXTRA = 2


def queries_of(client, path):
    """Queries of a second view of `path`: the first makes the renditions."""
    assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("count", [1, 3, 30])
def test_queries_do_not_grow_with_the_sponsors(client, site, levels, sponsors_page, count):
    without_sponsors = queries_of(client, "/")
    dark = logo_image("Shared dark logo", (230, 230, 230))
    make_sponsors(levels, count, logo_dark=dark)
    assert queries_of(client, sponsors_page.url) == SPONSORS_PAGE_QUERIES
    assert queries_of(client, "/") == without_sponsors + WITH_SPONSORS_EXTRA
    template = engines["django"].from_string("{% load sponsor_tags %}{% sponsor_strip site_id %}")
    request = RequestFactory().get("/")
    Site.find_for_request(request)  # as a page being served has already
    with CaptureQueriesContext(connection) as queries:
        html = template.render({"request": request, "site_id": site.pk})
    assert len(queries) == STRIP_QUERIES
    assert html.count("<img ") == count
