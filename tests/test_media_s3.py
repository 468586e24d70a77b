"""Media on S3: moto's S3 server on a loopback port, boto3 unmodified, talking HTTP."""

import io
import re
import urllib.error
import urllib.request

import pytest
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from blog.models import RecapPage
from media.checks import check_s3_media

Image = get_image_model()
Document = get_document_model()


def upload_image(client, content, name="hall.jpg", title="The main hall"):
    return client.post(
        "/admin/images/add/",
        {
            "title": title,
            "collection": Collection.get_first_root_node().pk,
            "file": ContentFile(content, name=name),
        },
    )


def publish_recap(make_post, image):
    return make_post(
        "Recap of day one",
        model=RecapPage,
        body=[
            {"type": "paragraph", "value": "<p>What a day.</p>"},
            {"type": "image", "value": {"image": image.pk, "alt_text": "The main hall"}},
        ],
    )


def candidates(html, mime_type):
    """{width: url} of the <source> of that type in the page's first <picture>."""
    source = re.search(rf'<source[^>]*type="{mime_type}"[^>]*>', html).group(0)
    srcset = re.search(r'srcset="([^"]+)"', source).group(1)
    return {int(w): url for url, w in re.findall(r"(\S+) (\d+)w", srcset)}


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read(), response.headers


@pytest.fixture
def uploaded(s3_server, admin_client, photo_jpeg):
    response = upload_image(admin_client, photo_jpeg(1600, 1200))
    assert response.status_code == 302, response.content.decode()[:3000]
    return Image.objects.get(title="The main hall")


def test_upload_through_the_admin_lands_in_the_bucket(s3_server, uploaded):
    assert s3_server.object_keys() == ["original_images/hall.jpg"]
    bucket_url = f"{s3_server.endpoint_url}/{s3_server.bucket}"
    assert uploaded.file.url == f"{bucket_url}/original_images/hall.jpg"
    assert (uploaded.width, uploaded.height) == (1600, 1200)
    # Originals keep their camera metadata (location too): only renditions are public.
    with pytest.raises(urllib.error.HTTPError) as refused:
        fetch(uploaded.file.url)
    assert refused.value.code == 403


def test_recap_renders_renditions_served_by_the_s3_server(s3_server, uploaded, make_post, client):
    recap = publish_recap(make_post, uploaded)
    response = client.get(recap.url)
    assert response.status_code == 200
    html = response.content.decode()
    avif = candidates(html, "image/avif")
    webp = candidates(html, "image/webp")
    prefix = f"{s3_server.endpoint_url}/{s3_server.bucket}/images/"
    for url in [*avif.values(), *webp.values()]:
        # Plain public URLs: no signature, so the CDN and browsers can cache them.
        assert url.startswith(prefix) and "?" not in url

    for width, url, pil_format, mime_type in [
        (480, avif[480], "AVIF", "image/avif"),
        (800, webp[800], "WEBP", "image/webp"),
    ]:
        body, headers = fetch(url)
        picture = PILImage.open(io.BytesIO(body))
        assert picture.format == pil_format
        assert picture.size == (width, width * 3 // 4)
        assert headers["Content-Type"] == mime_type
        assert headers["Cache-Control"] == "public, max-age=31536000"

    fallback = re.search(r'<img[^>]*src="([^"]+)"', html).group(1)
    body, _ = fetch(fallback)
    assert PILImage.open(io.BytesIO(body)).format == "JPEG"
    assert len([key for key in s3_server.object_keys() if key.endswith(".avif")]) == 3


def test_multiple_upload_view_stores_in_the_bucket(s3_server, admin_client, photo_jpeg):
    response = admin_client.post(
        "/admin/images/multiple/add/",
        {"files[]": ContentFile(photo_jpeg(800, 600), name="sprint.jpg")},
    )
    assert response.json()["success"] is True
    assert s3_server.object_keys() == ["original_images/sprint.jpg"]


def test_same_name_never_overwrites(s3_server, admin_client, photo_jpeg):
    upload_image(admin_client, photo_jpeg(800, 600), name="hall.jpg", title="First")
    upload_image(admin_client, photo_jpeg(640, 480), name="hall.jpg", title="Second")
    first, second = Image.objects.get(title="First"), Image.objects.get(title="Second")
    assert first.file.name != second.file.name
    assert len(s3_server.object_keys()) == 2


def test_deleting_an_image_removes_its_objects(
    s3_server, uploaded, make_post, client, admin_client, django_capture_on_commit_callbacks
):
    client.get(publish_recap(make_post, uploaded).url)
    # The edition's social card (the home page's) is not the image's: it stays.
    social_cards = [key for key in s3_server.object_keys() if key.startswith("images/social/")]
    image_keys = set(s3_server.object_keys()) - set(social_cards)
    assert "original_images/hall.jpg" in image_keys and len(image_keys) > 1
    # Wagtail deletes files once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/images/{uploaded.pk}/delete/")
    assert response.status_code == 302
    assert s3_server.object_keys() == social_cards


def test_with_the_store_down_upload_fails_clearly_and_pages_still_render(
    s3_server, uploaded, make_post, admin_client, photo_jpeg
):
    recap = publish_recap(make_post, uploaded)
    visitor = Client()
    before = visitor.get(recap.url).content.decode()
    s3_server.stop()

    response = upload_image(admin_client, photo_jpeg(800, 600), name="late.jpg", title="Late")
    assert response.status_code == 200
    html = response.content.decode()
    assert "The file could not be saved: the media storage did not answer" in html
    assert "EndpointConnectionError" in html
    assert not Image.objects.filter(title="Late").exists()

    response = admin_client.post(
        "/admin/images/multiple/add/",
        {"files[]": ContentFile(photo_jpeg(800, 600), name="later.jpg")},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert "media storage did not answer" in response.json()["error_message"]

    # Renditions come from the renditions cache, then from their rows: never the store.
    after = visitor.get(recap.url)
    assert after.status_code == 200
    assert after.content.decode() == before
    caches["renditions"].clear()
    assert visitor.get(recap.url).content.decode() == before


def test_a_new_rendition_with_the_store_down_leaves_the_image_out_and_the_page_uncached(
    s3_server, uploaded, make_post, settings
):
    """The first view of an image at a new size reads its original: with the store down the
    page is still served (without the image) and not cached, and for a while the process
    stops asking the store rather than waiting for its timeouts on every image."""
    from django.core.files.storage import default_storage

    from media.storage import outage

    settings.PAGE_CACHE_ENABLED = True
    recap = publish_recap(make_post, uploaded)
    s3_server.stop()

    visitor = Client()
    response = visitor.get(recap.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "What a day." in html
    assert 'alt="The main hall"' in html
    assert "no-cache" in response["Cache-Control"]
    assert "s-maxage" not in response["Cache-Control"]
    # Not stored: the next view renders the page again (it shows a title changed quietly).
    RecapPage.objects.filter(pk=recap.pk).update(title="Recap of day one, amended")
    assert "Recap of day one, amended" in visitor.get(recap.url).content.decode()

    assert outage.ongoing()
    with pytest.raises(OSError, match="did not answer a moment ago"):
        default_storage.open(uploaded.file.name)
    settings.MEDIA_STORE_RETRY_AFTER = 0
    outage.end()
    with pytest.raises(OSError, match="did not answer reading original_images/hall.jpg"):
        default_storage.open(uploaded.file.name)


def test_private_document_in_the_bucket_goes_through_wagtail(s3_server, admin_client):
    private = Collection.get_first_root_node().add_child(name="Organisers only")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": "Budget",
            "collection": private.pk,
            "file": ContentFile(b"item,amount\nvenue,1000\n", name="budget.csv"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Document.objects.get(title="Budget")
    assert s3_server.object_keys() == ["documents/budget.csv"]
    assert document.url == f"/documents/{document.pk}/budget.csv"
    with pytest.raises(urllib.error.HTTPError) as refused:
        fetch(f"{s3_server.endpoint_url}/{s3_server.bucket}/documents/budget.csv")
    assert refused.value.code == 403

    anonymous = Client().get(document.url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/_util/login/")

    signed_in = admin_client.get(document.url)
    assert signed_in.status_code == 200
    assert b"".join(signed_in.streaming_content) == b"item,amount\nvenue,1000\n"


def test_document_upload_with_the_store_down_is_a_form_error(s3_server, admin_client):
    s3_server.stop()
    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": "Schedule",
            "collection": Collection.get_first_root_node().pk,
            "file": ContentFile(b"day,talks\n", name="schedule.csv"),
        },
    )
    assert response.status_code == 200
    assert "media storage did not answer" in response.content.decode()
    assert not Document.objects.exists()


def test_start_up_check_with_the_s3_server(s3_server):
    assert check_s3_media() == []
    s3_server.stop()
    errors = check_s3_media()
    assert [e.id for e in errors] == ["media.E002"]
    assert s3_server.endpoint_url in errors[0].msg
