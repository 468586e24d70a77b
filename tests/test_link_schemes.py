"""Links lead only to http(s), mailto:, tel: or within the site, read the way a browser reads
them (WHATWG URL: controls and spaces around dropped, tabs and newlines anywhere dropped,
scheme case-insensitive). Refused on save (blocks, navigation, settings, imports) and never
rendered when stored before the rule."""

from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StructBlockValidationError

from home.blocks import CallToActionBlock
from home.models import ConferenceSettings, LinkBlock, NavigationSettings, StandardPage
from text.site_variables import link_is_safe, safe_value

HOSTILE_LINKS = [
    "javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "\x00javascript:alert(1)",
    "\x01javascript:alert(1)",
    "\x1f javascript:alert(1)",
    " \t\njavascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "javascript:\talert(1)",
    "javascript&colon;alert(1)",
    "javascript&#58;alert(1)",
    "&#106;avascript:alert(1)",
    "java&Tab;script:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "ftp://files.example.org/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example/",
]
SAFE_LINKS = [
    "https://tickets.example.org/2027/",
    "HTTP://example.org/",
    "mailto:team@example.org",
    "tel:+1-555-0100",
    "/venue/",
    "#schedule",
    "?tag=python",
    "{{ site.ticket_link }}",
    # A space ends a scheme: browsers read this as a relative path, not as script.
    "javascript :alert(1)",
]
# PostgreSQL text holds no NUL, so that vector cannot have been stored before.
STORABLE_HOSTILE_LINKS = [link for link in HOSTILE_LINKS if "\x00" not in link]


class Hrefs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        self.hrefs += [value or "" for name, value in attrs if name in {"href", "src"}]


def hrefs_of(response):
    assert response.status_code == 200
    parser = Hrefs()
    parser.feed(response.content.decode())
    return parser.hrefs


def browser_reading(href):
    """What a browser makes of an attribute value (entities already decoded by the parser):
    WHATWG trimming, then tabs and newlines dropped."""
    value = href.strip("".join(chr(code) for code in range(0x21)))
    return value.replace("\t", "").replace("\n", "").replace("\r", "").lower()


def assert_no_script_links(hrefs):
    for href in hrefs:
        reading = browser_reading(href)
        assert not reading.startswith(("javascript:", "data:", "vbscript:", "//")), href
        assert "alert" not in reading and "msgbox" not in reading, href


@pytest.mark.parametrize("link", HOSTILE_LINKS)
def test_hostile_links_are_refused(link):
    assert not link_is_safe(link)
    assert safe_value(link) == ""


@pytest.mark.parametrize("link", SAFE_LINKS)
def test_ordinary_links_pass(link):
    assert link_is_safe(link)


@pytest.mark.parametrize("block", [CallToActionBlock(), LinkBlock()], ids=["cta", "nav"])
@pytest.mark.parametrize("link", HOSTILE_LINKS)
def test_link_blocks_refuse_hostile_links_on_save(block, link):
    value = block.to_python({"label": "Tickets", "url": link})
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(value)
    assert "url" in caught.value.block_errors


@pytest.mark.parametrize("link", SAFE_LINKS)
def test_link_blocks_accept_ordinary_links(link):
    block = CallToActionBlock()
    assert block.clean(block.to_python({"label": "Tickets", "url": link}))["url"] == link


@pytest.mark.parametrize("link", ["ftp://files.example.org/", "javascript:alert(1)"])
def test_conference_settings_refuse_other_schemes(site, link):
    settings = ConferenceSettings.for_site(site)
    settings.ticket_link = link
    settings.github_url = link
    with pytest.raises(ValidationError) as caught:
        settings.full_clean()
    assert {"ticket_link", "github_url"} <= set(caught.value.message_dict)


def test_conference_settings_form_shows_the_message(admin_client, site):
    response = admin_client.get(f"/admin/settings/home/conferencesettings/{site.pk}/")
    assert response.status_code == 200
    form = response.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(ticket_link="ftp://files.example.org/", time_zone="America/New_York")
    response = admin_client.post(f"/admin/settings/home/conferencesettings/{site.pk}/", data)
    assert response.status_code == 200
    assert "javascript:" in " ".join(response.context["form"].errors["ticket_link"])
    assert ConferenceSettings.for_site(site).ticket_link != "ftp://files.example.org/"


@pytest.mark.parametrize("link", STORABLE_HOSTILE_LINKS)
def test_links_stored_before_the_rule_never_render(client, site, home_page, link):
    # Stored straight into the tables, as an old script or import might have.
    ConferenceSettings.objects.filter(site=site).update(
        ticket_link=link, cfp_link=link, github_url=link, mastodon_url=link
    )
    page = StandardPage(
        title="Venue",
        slug="venue",
        body=[
            ("call_to_action", {"label": "Hostile button", "url": link, "style": "primary"}),
            ("call_to_action", {"label": "Via variable", "url": "{{ site.ticket_link }}"}),
            ("markdown", "[Tickets]({{ site.ticket_link }}) and {{ site.cfp_link }}"),
            ("paragraph", '<p><a href="{{ site.ticket_link }}">Tickets</a></p>'),
        ],
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    navigation = NavigationSettings.for_site(site)
    navigation.primary_links = [("link", {"label": "Hostile nav", "url": link})]
    navigation.footer_links = [("link", {"label": "Nav variable", "url": "{{ site.cfp_link }}"})]
    navigation.save()

    for url in ("/", "/venue/"):
        hrefs = hrefs_of(client.get(url))
        assert hrefs, url
        assert_no_script_links(hrefs)
