"""The block picker's previews (wagtailadmin_block_preview) show real content from the
library, styled with the site's own stylesheet."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from home.blocks import BodyStreamBlock
from program.models import TalkPage
from tests.factories.program import make_program


class Preview(HTMLParser):
    """The stylesheets, images and talk-card titles of a preview page."""

    def __init__(self):
        super().__init__()
        self.stylesheets, self.images, self.talk_titles = [], [], []
        self._in_talk_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.stylesheets.append(attrs.get("href", ""))
        elif tag == "img" and attrs.get("src"):
            self.images.append(attrs)
        elif "talk-card__title" in (attrs.get("class") or ""):
            self._in_talk_title = True

    def handle_endtag(self, tag):
        if tag == "h3":
            self._in_talk_title = False

    def handle_data(self, data):
        if self._in_talk_title and data.strip():
            self.talk_titles.append(data.strip())


def preview_of(admin_client, block_name):
    block = BodyStreamBlock.base_blocks[block_name]
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    assert response.status_code == 200
    parsed = Preview()
    parsed.feed(response.content.decode())
    return parsed


@pytest.mark.django_db
@pytest.mark.parametrize("block_name", sorted(BodyStreamBlock.base_blocks))
def test_every_preview_uses_the_site_stylesheet(admin_client, block_name):
    assert any(
        href.endswith("css/site.css") for href in preview_of(admin_client, block_name).stylesheets
    )


@pytest.mark.django_db
def test_image_and_gallery_previews_show_pictures_of_the_library(admin_client, make_image):
    images = [make_image(f"Hall {number}") for number in range(3)]
    image_preview = preview_of(admin_client, "image")
    assert image_preview.images, "the image block's preview shows no picture"
    assert image_preview.images[-1]["alt"] == images[-1].title
    assert len(preview_of(admin_client, "gallery").images) >= len(images)


@pytest.mark.django_db
def test_talk_preview_shows_a_talk_of_the_schedule(admin_client, home_page):
    make_program(home_page, talks=2, photos=False, items=False)
    titles = set(TalkPage.objects.live().values_list("title", flat=True))
    shown = preview_of(admin_client, "talk").talk_titles
    assert shown and shown[0] in titles
