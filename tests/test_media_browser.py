"""What a phone downloads: a 4000 px camera JPEG in a recap, seen in Chromium at 375 px."""

import io
import urllib.request

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from blog.models import RecapPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_IMAGE_BYTES = 100_000
# The design's first-visit budget for a page with its images (Digital Carbon Rating A+).
MAX_FIRST_VISIT_BYTES = 272_000


@pytest.fixture
def camera_photo(s3_server, photo_jpeg):
    data = photo_jpeg(4000, 3000)
    assert 1_000_000 < len(data) < 3_000_000
    # Transactional tests flush the root collection that migrations made.
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    image = get_image_model()(title="Keynote", description="The keynote hall, full")
    image.file = ImageFile(io.BytesIO(data), name="keynote.jpg")
    image._set_image_file_metadata()
    image.save()
    return image


@pytest.mark.parametrize("scale", [1, 2])
def test_recap_photo_reaches_a_phone_small(
    browser_context, live_server, s3_server, camera_photo, make_post, scale
):
    recap = make_post(
        "Day one recap",
        model=RecapPage,
        cover_image=camera_photo,
        cover_alt="The keynote hall, full",
        body=[
            {"type": "paragraph", "value": "<p>What a day.</p>" * 20},
            {"type": "image", "value": {"image": camera_photo.pk, "alt_text": "The hall"}},
        ],
    )
    page = browser_context(width=375, height=812, device_scale_factor=scale)
    responses = []
    page.on("response", lambda response: responses.append(response))
    assert page.goto(live_server.url + recap.url, wait_until="load").status == 200
    page.wait_for_load_state("networkidle")

    cover = page.locator(".post__cover img")
    chosen = cover.evaluate("img => ({src: img.currentSrc, complete: img.complete})")
    assert chosen["complete"]
    assert chosen["src"].startswith(s3_server.endpoint_url)

    received = {r.url: r for r in responses}
    image_response = received[chosen["src"]]
    assert image_response.headers["content-type"] == "image/avif"
    body = image_response.body()
    image_bytes = len(body)
    decoded = PILImage.open(io.BytesIO(body))
    # The column is 343 CSS px wide at 375 px: the 480 px candidate, or 800 px at 2x.
    assert (decoded.format, decoded.width) == ("AVIF", {1: 480, 2: 800}[scale])
    with urllib.request.urlopen(chosen["src"], timeout=10) as direct:
        assert len(direct.read()) == image_bytes
    total = sum(len(r.body()) for r in responses if r.status == 200)
    print(
        f"\n375 px at {scale}x: chose {chosen['src'].rsplit('/', 1)[-1]}, "
        f"{image_bytes} bytes (original {camera_photo.file_size} bytes); "
        f"first visit {total} bytes in {len(responses)} responses"
    )
    assert image_bytes <= MAX_IMAGE_BYTES
    assert total <= MAX_FIRST_VISIT_BYTES
    # Nothing the browser downloaded was the original.
    assert not [r.url for r in responses if "original_images" in r.url]
