"""Every public page: its HTML plus the stylesheets it links under 30 KB gzip-compressed."""

import gzip
import re
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from tests.factories.news import build_content, public_pages
from tests.factories.program import make_program

pytestmark = pytest.mark.django_db

BUDGET = 30 * 1024
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


@pytest.fixture(autouse=True)
def fresh_caches(settings):
    """Start from empty caches: a page cached by an earlier test (same URL, same host) must
    not stand in for this test's content."""
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()


def gzipped(data):
    # Level 6: what nginx and most CDNs use; the highest levels would flatter the figure.
    return len(gzip.compress(data, compresslevel=6))


def stylesheet_bytes(client, href):
    path = urlparse(href).path
    if path.startswith(settings.STATIC_URL):
        found = finders.find(path[len(settings.STATIC_URL) :])
        assert found, href
        with open(found, "rb") as stylesheet:
            return stylesheet.read()
    response = client.get(path)
    assert response.status_code == 200, href
    return response.content


def page_weight(client, url):
    response = client.get(url)
    html = response.content
    sheets = STYLESHEET.findall(html.decode())
    assert sheets, url
    css = sum(gzipped(stylesheet_bytes(client, href)) for href in sheets)
    return response.status_code, gzipped(html), css


def test_every_public_page_is_under_30_kb_compressed(client, home_page, make_image):
    content = build_content(home_page, make_image)
    weights = {}
    for name, url in public_pages(content).items():
        status, html, css = page_weight(client, url)
        assert status == (404 if name == "404" else 200), name
        weights[name] = (html, css, html + css)
    print({name: f"{total / 1024:.1f} KB" for name, (_h, _c, total) in weights.items()})
    over = {name: sizes for name, sizes in weights.items() if sizes[2] >= BUDGET}
    assert over == {}, over


def test_a_full_schedule_stays_under_budget(client, home_page):
    # 150 talks over three days: the heaviest page the site serves.
    make_program(home_page, talks=150)
    status, html, css = page_weight(client, "/schedule/")
    assert status == 200
    assert html + css < BUDGET, (html, css)


def test_the_budget_catches_a_heavy_page(client, home_page, make_image):
    content = build_content(home_page, make_image, drafts=False)
    # Random-looking text compresses badly: 60 KB of it must break the budget.
    import random

    rng = random.Random(1)
    noise = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(60_000))
    content.venue.intro = noise
    content.venue.save_revision().publish()
    _status, html, css = page_weight(client, content.venue.url)
    assert html + css > BUDGET
