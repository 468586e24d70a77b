"""Between editions: each page names its edition, an archived edition points to the current
one, the footer lists the others, the 404 offers the same path in the current edition, a
presenter links to their other years, and none of it costs more queries with more editions."""

import datetime
from html.parser import HTMLParser

import pytest
from wagtail.models import Site

from home.models import ConferenceSettings, Phase
from program.models import PresenterIndexPage, PresenterPage
from tests.factories.editions import make_edition
from tests.test_accessibility_browser import run_axe

# Measured on the home page; the same with 1, 3 or 10 editions. Without a schedule page the
# keynotes cost 2 (looking for the schedule page and its view restrictions); the footer's
# sponsors 1.
HOME_QUERIES = 12


class Links(HTMLParser):
    """The links (href, text) inside the first element with `css_class`, and the <title>."""

    def __init__(self, css_class):
        super().__init__()
        self.css_class, self.depth, self.links, self.title = css_class, 0, [], ""
        self.href, self.in_title = None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title":
            self.in_title = True
        if self.depth:
            self.depth += 1
        elif self.css_class in (attrs.get("class") or "").split():
            self.depth = 1
        if self.depth and tag == "a":
            self.href = attrs.get("href")
            self.links.append([self.href, ""])

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag == "a":
            self.href = None
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        if self.depth and self.href is not None:
            self.links[-1][1] += data.strip()


def links_in(html, css_class):
    parser = Links(css_class)
    parser.feed(html)
    return parser


def archived_edition(root_page, year):
    home = make_edition(
        root_page,
        hostname=f"{year}.example.org",
        name=f"Test Conference {year}",
        ticket_link=f"https://tickets.example.org/{year}/",
        slug=f"home-{year}",
        start=datetime.date(year, 9, 20),
        end=datetime.date(year, 9, 22),
    )
    ConferenceSettings.objects.filter(site__root_page=home).update(phase=Phase.ARCHIVED)
    return home


def get(client, host, path="/"):
    return client.get(path, HTTP_HOST=host)


@pytest.fixture
def editions(home_page, root_page):
    return [archived_edition(root_page, year) for year in (2023, 2024)]


def test_archived_edition_notice_links_to_the_current(client, editions):
    html = get(client, "2024.example.org").content.decode()
    notice = links_in(html, "edition-notice")
    assert notice.links == [["http://localhost/", "Test Conference 2027 →"]]
    assert "Test Conference 2024" in notice.title


def test_current_edition_has_no_notice(client, editions):
    html = get(client, "localhost").content.decode()
    assert links_in(html, "edition-notice").links == []


def test_current_is_newest_not_archived_when_the_default_is_archived(client, editions):
    ConferenceSettings.objects.filter(site__is_default_site=True).update(phase=Phase.ARCHIVED)
    ConferenceSettings.objects.filter(site__hostname="2023.example.org").update(phase=Phase.LIVE)
    html = get(client, "2024.example.org").content.decode()
    assert links_in(html, "edition-notice").links == [
        ["http://2023.example.org/", "Test Conference 2023 →"]
    ]


def test_footer_lists_the_other_editions_newest_first(client, editions):
    html = get(client, "2023.example.org", "/").content.decode()
    assert links_in(html, "other-editions").links == [
        ["http://localhost/", "Test Conference 2027"],
        ["http://2024.example.org/", "Test Conference 2024"],
    ]
    html = get(client, "localhost").content.decode()
    assert [text for _, text in links_in(html, "other-editions").links] == [
        "Test Conference 2024",
        "Test Conference 2023",
    ]


def presenters(home, slugs, live=True):
    index = PresenterIndexPage(title="Presenters", slug="presenters")
    home.add_child(instance=index)
    pages = []
    for slug in slugs:
        page = PresenterPage(title=slug.title(), slug=slug, live=live)
        index.add_child(instance=page)
        pages.append(page)
    return pages


def test_404_offers_the_same_path_in_the_current_edition(client, home_page, editions):
    presenters(home_page, ["ada"])
    response = get(client, "2024.example.org", "/presenters/ada/")
    assert response.status_code == 404
    main = links_in(response.content.decode(), "flow").links
    assert ["http://localhost/presenters/ada/", "see it in Test Conference 2027"] in main


def test_404_without_the_path_in_the_current_edition_offers_nothing(client, editions):
    response = get(client, "2024.example.org", "/presenters/nobody/")
    assert response.status_code == 404
    hrefs = [href for href, _ in links_in(response.content.decode(), "flow").links]
    assert hrefs == ["/"]


def test_presenter_links_to_their_other_years(client, home_page, editions):
    presenters(home_page, ["ada", "grace"])
    presenters(editions[0], ["ada"])
    presenters(editions[1], ["ada", "grace"], live=False)  # drafts are not linked
    html = get(client, "localhost", "/presenters/ada/").content.decode()
    assert links_in(html, "presenter__other-years").links == [
        ["http://2023.example.org/presenters/ada/", "2023"]
    ]
    html = get(client, "2023.example.org", "/presenters/ada/").content.decode()
    assert links_in(html, "presenter__other-years").links == [
        ["http://localhost/presenters/ada/", "2027"]
    ]
    html = get(client, "localhost", "/presenters/grace/").content.decode()
    assert links_in(html, "presenter__other-years").links == []


# -- links over the visitor's scheme ----------------------------------------------------------


def test_links_between_editions_follow_the_visitors_scheme(client, home_page, editions):
    """Sites stored with port 80 (as `start_edition` makes them) are served over https too:
    every link to another edition keeps the scheme the visitor came by."""
    presenters(home_page, ["ada"])
    presenters(editions[0], ["ada"])
    html = client.get("/", HTTP_HOST="2024.example.org", secure=True).content.decode()
    assert links_in(html, "edition-notice").links == [
        ["https://localhost/", "Test Conference 2027 →"]
    ]
    assert [href for href, _ in links_in(html, "other-editions").links] == [
        "https://localhost/",
        "https://2023.example.org/",
    ]
    response = client.get("/presenters/ada/", HTTP_HOST="2024.example.org", secure=True)
    assert response.status_code == 404
    main = links_in(response.content.decode(), "flow").links
    assert ["https://localhost/presenters/ada/", "see it in Test Conference 2027"] in main
    html = client.get("/presenters/ada/", HTTP_HOST="localhost", secure=True).content.decode()
    assert links_in(html, "presenter__other-years").links == [
        ["https://2023.example.org/presenters/ada/", "2023"]
    ]


@pytest.mark.parametrize(
    ("port", "secure", "address"),
    [
        (80, True, "https://2023.example.org/"),
        (443, False, "http://2023.example.org/"),
        (8443, True, "https://2023.example.org:8443/"),
        (8000, False, "http://2023.example.org:8000/"),
    ],
)
def test_the_port_of_another_edition_is_named_unless_a_default_one(
    client, editions, port, secure, address
):
    Site.objects.filter(hostname="2023.example.org").update(port=port)
    html = client.get("/", HTTP_HOST="2024.example.org", secure=secure).content.decode()
    assert links_in(html, "other-editions").links[-1] == [address, "Test Conference 2023"]


@pytest.mark.parametrize("count", [1, 3, 10])
def test_home_page_queries_do_not_grow_with_editions(
    client, home_page, root_page, django_assert_num_queries, count
):
    for year in range(2026 - count + 1, 2026):
        archived_edition(root_page, year)
    host = "localhost" if count == 1 else "2025.example.org"
    assert get(client, host).status_code == 200  # warms Wagtail's site cache
    with django_assert_num_queries(HOME_QUERIES):
        response = get(client, host)
    assert len(links_in(response.content.decode(), "other-editions").links) == count - 1


def test_year_is_added_to_a_name_without_it(client, home_page):
    ConferenceSettings.objects.update(name="Test Conference")
    html = client.get("/").content.decode()
    assert links_in(html, "site-header").links[0] == ["/", "Test Conference 2027"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_axe_finds_no_violation_on_an_archived_edition(browser_context, live_server, home_page):
    """The notice, the footer's editions, the 404's offer and the presenter's other years, in
    a real Chromium: the browser's host is the default Site's, made archived here."""
    current = archived_edition(home_page.get_parent(), 2028)
    ConferenceSettings.objects.filter(site__root_page=current).update(phase=Phase.UPCOMING)
    ConferenceSettings.objects.filter(site__root_page=home_page).update(phase=Phase.ARCHIVED)
    presenters(home_page, ["ada"])
    presenters(current, ["ada", "grace"])
    found = {}
    for scheme in ("light", "dark"):
        page = browser_context(width=375, color_scheme=scheme, bypass_csp=True)
        for path, status in (("/", 200), ("/presenters/ada/", 200), ("/presenters/grace/", 404)):
            response = page.goto(live_server.url + path, wait_until="load")
            assert response.status == status, path
            assert page.locator(".edition-notice a").count() == 1
            if violations := run_axe(page):
                found[(scheme, path)] = violations
    assert found == {}, found
