"""The shared body blocks: each renders, markdown is safe and GitHub-compatible, site variables
resolve per edition, and the seed documents render as markdown."""

import datetime
import os
import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import frontmatter
import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.blocks import (
    BodyStreamBlock,
    CallToActionBlock,
    ImageFigureBlock,
    StandardPageStreamBlock,
    plan_body,
)
from home.edition import unknown_site_variables
from text.markdown import github_slug, render_markdown
from text.site_variables import substitute

SEEDS = Path(os.environ.get("SEEDS_DIR", Path(__file__).resolve().parents[2] / "shared/seeds"))


class Ids(HTMLParser):
    """Collects ids, hrefs and tags of an HTML document."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.ids, self.hrefs, self.tags = [], [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def make_talk(home_page):
    """A talk with two presenters, made through the program app's own models."""
    ProgramPage = apps.get_model("program", "ProgramPage")
    TalkPage = apps.get_model("program", "TalkPage")
    PresenterIndexPage = apps.get_model("program", "PresenterIndexPage")
    PresenterPage = apps.get_model("program", "PresenterPage")
    TalkPresenter = apps.get_model("program", "TalkPresenter")
    program = ProgramPage(title="Schedule", slug="schedule")
    home_page.add_child(instance=program)
    people = PresenterIndexPage(title="Presenters", slug="presenters")
    home_page.add_child(instance=people)
    talk = TalkPage(
        title="Migrations without fear",
        slug="migrations-without-fear",
        start=datetime.datetime(2027, 9, 20, 14, 5, tzinfo=datetime.UTC),
        end=datetime.datetime(2027, 9, 20, 14, 50, tzinfo=datetime.UTC),
    )
    program.add_child(instance=talk)
    for order, name in enumerate(["Ada Example", "Grace Sample"]):
        person = PresenterPage(title=name, slug=github_slug(name))
        people.add_child(instance=person)
        TalkPresenter.objects.create(page=talk, presenter=person, sort_order=order)
    return talk


def every_block(image, talk):
    return [
        {"type": "heading", "value": {"text": "What's new", "level": "h2", "anchor": ""}},
        {"type": "paragraph", "value": "<p>Rich <b>text</b> for {{ site.name }}.</p>"},
        {"type": "markdown", "value": "### From markdown\n\n- one\n- two\n"},
        {
            "type": "image",
            "value": {
                "image": image.pk,
                "alt_text": "The main hall",
                "decorative": False,
                "caption": "Opening morning",
                "credit": "Photo: a volunteer",
            },
        },
        {
            "type": "gallery",
            "value": {
                "title": "Hallway track",
                "images": [
                    {"image": image.pk, "alt_text": "People talking", "caption": "Break time"},
                    {"image": image.pk, "alt_text": "", "decorative": True, "caption": ""},
                ],
            },
        },
        {"type": "video", "value": {"url": "https://youtu.be/UTKcPBKCQEc", "title": "Keynote"}},
        {"type": "quote", "value": {"quote": "Best week of the year.", "attribution": "Sam"}},
        {
            "type": "call_to_action",
            "value": {"label": "Get a ticket", "url": "{{ site.ticket_link }}", "page": None},
        },
        {"type": "talk", "value": {"talk": talk.pk, "note": "Do not miss it."}},
        {
            "type": "table",
            "value": {
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "data": [["Day", "What"], ["Monday", "Talks <b>&</b> more"]],
            },
        },
        {"type": "code", "value": {"language": "python", "code": "print('<hi>')"}},
    ]


def test_every_block_type_is_covered():
    assert set(BodyStreamBlock.base_blocks) == {
        "heading", "paragraph", "markdown", "image", "gallery", "video", "quote",
        "call_to_action", "talk", "table", "code",
    }  # fmt: skip
    assert set(StandardPageStreamBlock.base_blocks) - set(BodyStreamBlock.base_blocks) == {
        "venue_details", "conduct_contact", "contacts",
    }  # fmt: skip
    for name, block in StandardPageStreamBlock.base_blocks.items():
        assert block.meta.template.startswith("components/blocks/"), name
        assert block.meta.icon and block.meta.icon != "placeholder", name
        assert block.meta.description, name


def preview_content(html, block_name):
    """Visible text and the number of images inside the block's wrapper in a block preview
    (the whole body if a custom preview template drops the wrapper)."""
    document = BeautifulSoup(html, "html.parser")
    shown = document.select_one(f".block-{block_name}") or document.body
    for hidden in shown.find_all(["script", "style", "template"]):
        hidden.decompose()
    return shown.get_text(" ", strip=True), len(shown.find_all("img"))


@pytest.mark.parametrize("name", list(BodyStreamBlock.base_blocks))
def test_every_block_preview_shows_content(admin_client, home_page, make_image, name):
    """The admin's block picker previews each block with its preview value: each must show
    visible text or an image, not an empty frame. The library holds an image and a talk, as
    on a real site."""
    make_image("Main hall")
    make_talk(home_page)
    block = BodyStreamBlock.base_blocks[name]
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    assert response.status_code == 200
    text, images = preview_content(response.content.decode(), name)
    assert text or images, f"the {name} block's preview shows nothing"


def test_an_announcement_holding_every_block_renders_each(client, home_page, make_post, make_image):
    image = make_image("Main hall")
    talk = make_talk(home_page)
    post = make_post("Everything at once", body=every_block(image, talk))
    response = client.get(post.url)
    assert response.status_code == 200
    html = response.content.decode()
    parsed = Ids(html)
    assert '<h2 id="whats-new" class="heading-anchor">What&#x27;s new</h2>' in html
    assert "Rich <b>text</b> for Test Conference 2027." in html
    assert '<h3 id="from-markdown">From markdown</h3>' in html
    assert "<li>one</li>" in html
    # image: <picture> with AVIF, WebP and a JPEG <img> with width, height, alt and lazy loading
    assert 'type="image/avif"' in html and 'type="image/webp"' in html
    img = next(
        attrs for tag, attrs in parsed.tags if tag == "img" and attrs.get("alt") == "The main hall"
    )
    assert img["loading"] == "lazy" and img["width"] and img["height"] and "srcset" in img
    assert "sizes" in img
    assert "Opening morning" in html and "Photo: a volunteer" in html
    # gallery, with the decorative image's alt text empty
    assert 'aria-label="Hallway track"' in html and 'alt="People talking"' in html
    assert 'alt=""' in html
    assert "video-facade" in html and "youtube-nocookie.com/embed/UTKcPBKCQEc" in html
    assert "Best week of the year." in html and "— Sam" in html
    assert '<a class="button" href="https://tickets.example.org/2027/">Get a ticket</a>' in html
    assert "Migrations without fear" in html and "Ada Example" in html and "Grace Sample" in html
    assert 'datetime="2027-09-20T10:05:00-04:00"' in html  # shown in the edition's time zone
    assert '<th scope="col">Day</th>' in html and "Talks &lt;b&gt;&amp;&lt;/b&gt; more" in html
    assert "print(&#x27;&lt;hi&gt;&#x27;)" in html and 'class="language-python"' in html


def test_image_alt_text_is_required_unless_decorative(make_image):
    image = make_image()
    block = ImageFigureBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "decorative": False}))
    assert "alt_text" in error.value.block_errors
    assert block.clean(block.to_python({"image": image.pk, "decorative": True}))["decorative"]
    assert block.clean(block.to_python({"image": image.pk, "alt_text": "A stage"}))


def test_call_to_action_refuses_script_urls_and_accepts_variables():
    block = CallToActionBlock()
    for bad in ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,<script>"]:
        with pytest.raises((StructBlockValidationError, ValidationError)):
            block.clean(block.to_python({"label": "Go", "url": bad}))
    for good in ["{{ site.ticket_link }}", "https://example.org/", "/venue/", "mailto:a@b.org"]:
        assert block.clean(block.to_python({"label": "Go", "url": good}))["url"] == good


def test_heading_anchor_is_filled_from_the_text_and_editable():
    block = BodyStreamBlock()
    value = block.clean(
        block.to_python(
            [
                {"type": "heading", "value": {"text": "Monday Morning Talks!", "level": "h2"}},
                {"type": "heading", "value": {"text": "X", "level": "h3", "anchor": "Custom"}},
            ]
        )
    )
    assert [child.value["anchor"] for child in value] == ["monday-morning-talks", "custom"]


def test_unknown_block_data_cannot_inject_a_tag_name(client, make_post):
    post = make_post(
        "Levels",
        body=[{"type": "heading", "value": {"text": "Hi", "level": "h2 onclick=alert(1)"}}],
    )
    html = client.get(post.url).content.decode()
    assert '<h2 id="hi" class="heading-anchor">Hi</h2>' in html and "onclick" not in html


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Monday Morning Talks", "monday-morning-talks"),
        ("Queeny's", "queenys"),
        ("21c Museum Hotel", "21c-museum-hotel"),
        ("Press Coffee, Crepes, and Cocktails", "press-coffee-crepes-and-cocktails"),
        (
            "Panel Discussion: Open, friendly, and welcoming",
            "panel-discussion-open-friendly-and-welcoming",
        ),
        ("snake_case and kebab-case", "snake_case-and-kebab-case"),
        ("Café Olé", "café-olé"),
    ],
)
def test_github_slugs(text, slug):
    assert github_slug(text) == slug


def test_duplicate_headings_get_github_suffixes_across_blocks(db):
    body = BodyStreamBlock().to_python(
        [
            {"type": "heading", "value": {"text": "Monday", "level": "h2"}},
            {"type": "markdown", "value": "## Monday\n\n## Monday\n\n### Talks"},
            {"type": "heading", "value": {"text": "Talks", "level": "h3"}},
        ]
    )
    anchors = [heading.anchor for heading in plan_body(body).headings]
    assert anchors == ["monday", "monday-1", "monday-2", "talks", "talks-1"]


def test_markdown_features_and_safety():
    html = str(
        render_markdown(
            "Intro[^1]\n\n[^1]: A note.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
            "```python\nx = '<!-- not a comment -->'\n```\n\n"
            '<a href="https://example.org/" target="_blank">new tab</a>\n\n'
            "<!-- secret note -->\n{% if x %}template{% endif %} {{ 7|add:1 }}\n\n"
            "Notes[ref]a Pelican footnote[/ref].\n"
        )
    )
    assert 'class="footnote"' in html and "A note." in html and "a Pelican footnote" in html
    assert "<table>" in html and "<td>1</td>" in html
    assert 'class="language-python"' in html and "&lt;!-- not a comment --&gt;" in html
    assert 'target="_blank" rel="noopener noreferrer"' in html
    assert "<!--" not in html and "secret note" not in html
    assert "{% if x %}template{% endif %} {{ 7|add:1 }}" in html


def test_site_variable_substitution_escapes_values_and_keeps_unknown_names():
    html = substitute(
        "<p>{{site.name}} {{ site.nope }} <a href='{{ site.ticket_link }}'>t</a></p>",
        {"name": "<b>Conf</b>", "ticket_link": "javascript:alert(1)"},
    )
    assert "&lt;b&gt;Conf&lt;/b&gt;" in html
    assert "{{ site.nope }}" in html
    assert "javascript" not in html  # a script URL is never substituted
    assert unknown_site_variables("{{ site.ticket_link }} {{site.tiket_link}} {{ site.x }}") == [
        "tiket_link",
        "x",
    ]


def test_site_variables_resolve_per_edition(client, home_page, second_edition):
    from blog.models import AnnouncementPage, NewsIndexPage

    body = [
        {"type": "paragraph", "value": "<p>Write to {{site.contact_us_email}}.</p>"},
        {"type": "markdown", "value": "[Buy a ticket]({{ site.ticket_link }}) {{ site.nope }}"},
        {"type": "call_to_action", "value": {"label": "Tickets", "url": "{{site.ticket_link}}"}},
    ]
    pages = {}
    for home, host in [(home_page, "localhost"), (second_edition, "2026.example.org")]:
        index = NewsIndexPage(title="News", slug="news")
        home.add_child(instance=index)
        post = AnnouncementPage(title="Tickets", slug="tickets", body=body)
        index.add_child(instance=post)
        post.save_revision().publish()
        pages[host] = client.get("/news/tickets/", HTTP_HOST=host).content.decode()
    first, second = pages["localhost"], pages["2026.example.org"]
    assert first.count('href="https://tickets.example.org/2027/"') == 2
    assert "2026/" not in first.replace("home-2026", "")
    assert second.count('href="https://tickets.example.org/2026/"') == 2
    assert "Write to team@example.org." in first
    assert "{{ site.nope }}" in first and "{{ site.nope }}" in second


def test_editors_are_warned_about_unknown_variables(admin_client, news_index):
    data = nested_form_data(
        {
            "title": "Hotel",
            "slug": "hotel",
            "author": "Team",
            "excerpt": "",
            "cover_alt": "",
            "tags": "",
            "body": streamfield(
                [("paragraph", rich_text("<p>Book at {{ site.hotel_link_typo }}.</p>"))]
            ),
        }
    )
    url = f"/admin/pages/add/blog/announcementpage/{news_index.pk}/"
    response = admin_client.post(url, {**data, "action-publish": "publish"}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Unknown site variable" in html and "site.hotel_link_typo" in html
    page_html = admin_client.get("/news/hotel/").content.decode()
    assert "{{ site.hotel_link_typo }}" in page_html


def test_a_known_variable_gives_no_warning(admin_client, news_index):
    data = nested_form_data(
        {
            "title": "Tickets",
            "slug": "tickets",
            "tags": "",
            "body": streamfield([("paragraph", rich_text("<p>{{ site.ticket_link }}</p>"))]),
        }
    )
    url = f"/admin/pages/add/blog/announcementpage/{news_index.pk}/"
    response = admin_client.post(url, {**data, "action-publish": "publish"}, follow=True)
    assert "Unknown site variable" not in response.content.decode()


def test_stream_validation_still_reports_alt_text(admin_client, news_index, make_image):
    image = make_image()
    data = nested_form_data(
        {
            "title": "Photo",
            "slug": "photo",
            "tags": "",
            "body": streamfield(
                [("image", {"image": image.pk, "alt_text": "", "caption": "", "credit": ""})]
            ),
        }
    )
    url = f"/admin/pages/add/blog/announcementpage/{news_index.pk}/"
    response = admin_client.post(url, {**data, "action-publish": "publish"})
    assert response.status_code == 200  # the form comes back with the error
    assert "Describe the image" in response.content.decode()
    assert not apps.get_model("blog", "AnnouncementPage").objects.filter(slug="photo").exists()
    # The error the admin shows comes from the body's stream block, on the image's alt text.
    stream_block = apps.get_model("blog", "AnnouncementPage")._meta.get_field("body").stream_block
    image_without_alt = {"image": image.pk, "alt_text": "", "caption": "", "credit": ""}
    body = stream_block.to_python([{"type": "image", "value": image_without_alt}])
    with pytest.raises(StreamBlockValidationError) as raised:
        stream_block.clean(body)
    assert list(raised.value.block_errors) == [0]
    assert list(raised.value.block_errors[0].block_errors) == ["alt_text"]


# --- The seed documents, read from ../shared/seeds (never copied into the repository) -------


def seed_files():
    if not SEEDS.is_dir():
        pytest.fail(
            f"The seed documents are missing: expected them in {SEEDS} "
            "(set SEEDS_DIR to their folder)."
        )
    files = sorted(SEEDS.glob("*.txt"))
    assert len(files) >= 5, f"expected the five seed documents in {SEEDS}"
    return files


PELICAN_HEADER = re.compile(r"\A(?:[A-Z][A-Za-z]*: .*\n)+\n")


def seed_body(path):
    """The markdown body of a seed: YAML front matter or a Pelican header removed."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        return frontmatter.loads(text).content
    return PELICAN_HEADER.sub("", text, count=1)


def test_all_seed_documents_render_as_markdown(client, make_post):
    files = seed_files()
    for number, path in enumerate(files):
        body = seed_body(path)
        post = make_post(f"Seed {number}", body=[{"type": "markdown", "value": body}])
        response = client.get(post.url)
        assert response.status_code == 200, path.name
        html = response.content.decode()
        article = html[html.index('<div class="post__body') :]
        parsed = Ids(article)
        tags = [tag for tag, _attrs in parsed.tags]
        assert "<!--" not in html, path.name
        assert "{{site.ticket_link}}" not in article and "{{ site." not in article, path.name
        # Every markdown heading (outside comments and code) and list made it.
        visible = re.sub(r"```.*?```", "", _without_comments(body), flags=re.S)
        headings = re.findall(r"^#{1,6} \S", visible, flags=re.M)
        rendered = [tag for tag in tags if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}]
        assert len(rendered) >= len(headings), path.name
        assert "script" not in tags
        if re.search(r"^\s*[-*] ", body, re.M):
            assert "ul" in tags, path.name
        for url in re.findall(r"\]\((https?://[^)\s]+)\)", _without_comments(body)):
            assert url.replace("&", "&amp;") in article, (path.name, url)
        # Images that were never uploaded show as a visible placeholder, not a broken request.
        if "![" in _without_comments(body):
            assert "Image not available" in article, path.name
            assert not any(tag == "img" for tag in tags), path.name


def _without_comments(text):
    # The recap seed ends inside an unterminated comment: it runs to the end, as in browsers.
    return re.sub(r"<!--.*?(?:-->|\Z)", "", text, flags=re.S)


def test_seed_recap_internal_links_land_on_github_style_anchors(client, make_post):
    from blog.models import RecapPage

    recap_seed = next(
        path for path in seed_files() if "(#monday-morning-talks)" in path.read_text()
    )
    body = seed_body(recap_seed)
    post = make_post("Recap", model=RecapPage, body=[{"type": "markdown", "value": body}])
    html = client.get(post.url).content.decode()
    parsed = Ids(html)
    fragments = {href[1:] for href in parsed.hrefs if href.startswith("#")}
    missing = fragments - set(parsed.ids)
    # The source's own mistakes: a misspelt target ("crepesand") and a contents entry whose
    # section is a link, not a heading. Every other link resolves.
    assert missing <= {"press-coffee-crepesand-cocktails", "cousins-maine-lobster"}, missing
    assert "monday-morning-talks" in parsed.ids and "queenys" in parsed.ids
    assert len(parsed.ids) == len(set(parsed.ids)), "ids must be unique on the page"


def test_seed_variable_resolves_in_the_announcement_seed(client, make_post):
    seed = next(path for path in seed_files() if "{{site.ticket_link}}" in path.read_text())
    post = make_post("Panel", body=[{"type": "markdown", "value": seed_body(seed)}])
    html = client.get(post.url).content.decode()
    assert '<a href="https://tickets.example.org/2027/">buy your ticket</a>' in html


def test_pelican_footnotes_become_footnotes(client, make_post):
    seed = next(path for path in seed_files() if "[ref]" in path.read_text())
    post = make_post("Pelican", body=[{"type": "markdown", "value": seed_body(seed)}])
    html = client.get(post.url).content.decode()
    assert "[ref]" not in html and 'class="footnote"' in html


def test_comments_in_seeds_never_reach_the_page_source(client, make_post):
    checked = 0
    for path in seed_files():
        text = path.read_text()
        # Every comment, the unterminated one at the end of the recap seed included.
        comments = re.findall(r"<!--(.*?)(?:-->|\Z)", text, flags=re.S)
        if not comments:
            continue
        post = make_post(
            f"Comments {path.stem}"[:40], body=[{"type": "markdown", "value": seed_body(path)}]
        )
        html = client.get(post.url).content.decode()
        outside_comments = _without_comments(text)
        for comment in comments:
            for line in (line.strip() for line in comment.splitlines()):
                # Short lines, and lines also written outside comments, may legitimately show.
                if len(line) > 25 and line not in outside_comments:
                    assert line not in html and escape(line) not in html, (path.name, line)
                    checked += 1
    assert checked, "the seeds hold no comment text to check"
