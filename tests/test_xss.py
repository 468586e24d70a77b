"""Hostile markup through markdown, rich text, titles, captions and quote attributions: the
HTML a visitor gets holds no script, no event handler and no script URL."""

import re

import markdown
import pytest
from django.template import engines

from blog.models import RecapPage
from tests.factories.html import audit
from tests.factories.xss import VECTORS, hostile_body
from text.markdown import render_markdown


@pytest.fixture
def hostile_recap(make_post, make_image):
    image = make_image("Stage")
    body = hostile_body()
    for vector in VECTORS[:10]:
        body.append(
            {
                "type": "image",
                "value": {
                    "image": image.pk,
                    "alt_text": vector,
                    "caption": vector,
                    "credit": vector,
                },
            }
        )
        body.append(
            {
                "type": "gallery",
                "value": {"title": vector, "images": [{"image": image.pk, "alt_text": vector}]},
            }
        )
    return make_post(
        "<script>alert('title')</script><img src=x onerror=alert(1)>",
        model=RecapPage,
        slug="hostile",
        author="<svg onload=alert(1)>",
        excerpt=VECTORS[0],
        search_description="\"><script>alert('meta')</script>",
        body=body,
    )


# Not markup: dangerous only if the site ran visitors' text as a Django template.
TEMPLATE_PROBES = ["{% load static %}{{ request.META }}{% debug %}"]


def armed(vector):
    """The vector as a careless site would send it: markdown through a plain renderer with no
    sanitizer, everything else as raw HTML."""
    return markdown.markdown(vector) if "](" in vector else vector


def test_the_audit_catches_each_vector_unsanitized():
    """The checker itself works: every vector, unsanitized, is flagged."""
    missed = [v for v in VECTORS if v not in TEMPLATE_PROBES and not audit(armed(v))]
    assert missed == []
    for probe in TEMPLATE_PROBES:
        assert probe in VECTORS
        # Live template code: the engine would run it rather than show it.
        assert engines["django"].from_string(probe).render({}) != probe


@pytest.mark.parametrize("vector", VECTORS)
def test_markdown_neutralises_each_vector(vector):
    html = str(render_markdown(f"{vector}\n\n*{vector}*\n\n> {vector}\n"))
    assert audit(html) == []
    assert "<script" not in html.lower()


def test_a_page_holding_every_vector_is_harmless(client, hostile_recap):
    for url in [hostile_recap.url, "/news/", "/news/rss/", "/news/atom/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        if url.endswith(("rss/", "atom/")):
            # Feeds are XML: the title is escaped text, never markup.
            assert "<script" not in html
            continue
        assert audit(html) == [], url
        assert not re.search(
            r"<script(?![^>]*(src=\"/static/|type=\"application/ld\+json\"))", html, re.IGNORECASE
        ), url
        assert "{% debug %}" in html or url == "/news/"  # template code stays text
    html = client.get(hostile_recap.url).content.decode()
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in html


def test_site_variables_cannot_smuggle_markup(client, site, make_post):
    from home.models import ConferenceSettings

    settings = ConferenceSettings.for_site(site)
    settings.name = '<img src=x onerror="alert(1)">'
    settings.save()
    post = make_post(
        "Vars",
        body=[
            {"type": "markdown", "value": "{{ site.name }} [x]({{ site.name }})"},
            {"type": "paragraph", "value": "<p>{{ site.name }}</p>"},
        ],
    )
    html = client.get(post.url).content.decode()
    assert audit(html) == []
