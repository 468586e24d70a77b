"""Page and collection passwords are throttled as logins are (security issue 14, finding 10):
after AXES_FAILURE_LIMIT wrong passwords from one address for one restriction, even the
right one is refused with 429 until the cool-off passes; other restrictions and addresses
are unaffected. The counts live in axes' database table, which every process shares."""

from html.parser import HTMLParser

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from home.models import StandardPage

pytestmark = pytest.mark.django_db

PASSWORD = "speakers-only-2027"
ATTACKER = "203.0.113.7"
SOMEONE_ELSE = "198.51.100.20"


class Heading(HTMLParser):
    def __init__(self):
        super().__init__()
        self.in_h1 = False
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.in_h1 = self.in_h1 or tag == "h1"

    def handle_endtag(self, tag):
        if tag == "h1":
            self.in_h1 = False

    def handle_data(self, data):
        if self.in_h1:
            self.text += data


def heading(response):
    parser = Heading()
    parser.feed(response.content.decode())
    return parser.text.strip()


def restricted_page(home_page, slug):
    page = StandardPage(title=f"Speaker notes {slug}", slug=slug)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    return page, restriction


@pytest.fixture
def page_url(home_page):
    page, restriction = restricted_page(home_page, "notes")
    return f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"


@pytest.fixture
def other_page_url(home_page):
    page, restriction = restricted_page(home_page, "other-notes")
    return f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"


@pytest.fixture
def collection_url(db):
    private = Collection.get_first_root_node().add_child(name="Speakers' documents")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password=PASSWORD
    )
    return f"/documents/authenticate_with_password/{restriction.pk}/"


def attempt(client, url, password, address=ATTACKER):
    return client.post(url, {"password": password, "return_url": "/notes/"}, REMOTE_ADDR=address)


def guess_until_locked(client, url):
    for number in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, url, f"guess {number}")
        assert response.status_code == 200, number  # the form again, with its error
    return attempt(client, url, "last guess")


@pytest.mark.parametrize("url_fixture", ["page_url", "collection_url"])
def test_the_right_password_is_refused_after_too_many_wrong_ones(client, request, url_fixture):
    url = request.getfixturevalue(url_fixture)
    assert guess_until_locked(client, url).status_code == 429
    response = attempt(client, url, PASSWORD)
    assert response.status_code == 429
    assert heading(response) == "Too many wrong passwords"
    # Kept where every process sees it.
    assert AccessAttempt.objects.filter(ip_address=ATTACKER).exists()


def test_fewer_wrong_passwords_still_let_the_right_one_in(client, page_url):
    for number in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, page_url, f"guess {number}")
    response = attempt(client, page_url, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/notes/"
    # A success starts the count again, as for logins (AXES_RESET_ON_SUCCESS).
    assert not AccessAttempt.objects.filter(ip_address=ATTACKER).exists()


def test_another_address_is_not_locked_out(client, page_url):
    guess_until_locked(client, page_url)
    response = attempt(client, page_url, PASSWORD, address=SOMEONE_ELSE)
    assert response.status_code == 302


def test_another_restriction_is_not_locked_out(client, page_url, other_page_url):
    guess_until_locked(client, page_url)
    response = attempt(client, other_page_url, PASSWORD)
    assert response.status_code == 302


def test_the_lockout_ends_with_the_cool_off(client, page_url):
    guess_until_locked(client, page_url)
    # As if the cool-off had passed: axes ignores attempts older than AXES_COOLOFF_TIME.
    AccessAttempt.objects.update(attempt_time="2000-01-01T00:00:00Z")
    assert attempt(client, page_url, PASSWORD).status_code == 302
