"""Hostile markup through markdown, rich text, titles, captions and quote attributions: the
HTML a visitor gets holds no script, no event handler and no script URL."""

import json
import re
from html import unescape
from html.parser import HTMLParser

import pytest

from blog.models import RecapPage
from home.markdown import render_markdown
from tests.xss_vectors import VECTORS

SCRIPT_URL = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
FORBIDDEN_TAGS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "style", "base", "meta",
    "link", "form", "svg", "math", "input", "button", "textarea",
}  # fmt: skip


class Audit(HTMLParser):
    """Everything dangerous a browser could act on in an HTML document."""

    def __init__(self, allowed_scripts=(), head_links=True):
        super().__init__(convert_charrefs=True)
        self.problems, self.allowed_scripts, self.in_body = [], allowed_scripts, False
        self.head_links = head_links
        self.in_site_search = self.in_json_ld = False

    def is_site_chrome(self, tag, attrs):
        """The base template's own search form and JSON-LD blocks; their content is checked."""
        if tag == "form" and attrs.get("class") == "site-search":
            self.in_site_search = attrs.get("action") == "/search/"
            return self.in_site_search
        if self.in_site_search and tag in {"input", "button"}:
            return attrs.get("name") in {"q", None} and attrs.get("type") in {"search", "submit"}
        if tag == "script" and attrs == {"type": "application/ld+json"}:
            self.in_json_ld = True
            return True
        return False

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_site_search = False
        if tag == "script":
            self.in_json_ld = False

    def handle_data(self, data):
        # JSON-LD is inert only while it parses as JSON and cannot close its own element.
        if self.in_json_ld:
            try:
                json.loads(data)
            except ValueError:
                self.problems.append(f"JSON-LD that is not JSON: {data[:80]!r}")
            if "<" in data:
                self.problems.append(f"'<' inside JSON-LD: {data[:80]!r}")

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src") in self.allowed_scripts:
            return
        if self.is_site_chrome(tag, attrs):
            return
        if tag in FORBIDDEN_TAGS and not (tag in {"link", "meta"} and not self.in_body):
            self.problems.append(f"<{tag}> {attrs}")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"{name} on <{tag}>")
            cleaned = re.sub(r"[\x00-\x20]", "", unescape(value or ""))
            if name in URL_ATTRIBUTES and SCRIPT_URL.match(cleaned):
                self.problems.append(f"{name}={value!r} on <{tag}>")
            if name == "style" and "javascript" in cleaned.lower():
                self.problems.append(f"style={value!r} on <{tag}>")


def audit(html):
    parser = Audit()
    parser.feed(html)
    return parser.problems


def hostile_body():
    body = []
    for vector in VECTORS:
        body += [
            {"type": "markdown", "value": f"{vector}\n\n- {vector}\n\n## {vector}\n"},
            {"type": "paragraph", "value": f"<p>{vector}</p>{vector}"},
            {"type": "heading", "value": {"text": vector, "level": "h2", "anchor": vector}},
            {"type": "quote", "value": {"quote": vector, "attribution": vector}},
            {
                "type": "image",
                "value": {"image": None, "alt_text": vector, "caption": vector, "credit": vector},
            },
            {"type": "code", "value": {"language": vector, "code": vector}},
            {"type": "call_to_action", "value": {"label": vector, "url": vector}},
            {
                "type": "table",
                "value": {"first_row_is_table_header": True, "data": [[vector], [vector]]},
            },
        ]
    return body


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


def test_the_audit_catches_each_vector_unsanitized():
    """The checker itself works: most raw vectors are flagged."""
    flagged = [vector for vector in VECTORS if audit(vector)]
    assert len(flagged) >= 30


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
