"""Media on local storage: renditions from cache, upload rules for
images (no SVG) and documents (allow-list, size, privacy), and the S3 start-up checks."""

import io
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import connection
from django.template import engines
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from media.checks import check_s3_media

REPO = Path(__file__).resolve().parent.parent
Image = get_image_model()
Document = get_document_model()

SCRIPTED_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)


@pytest.fixture(autouse=True)
def local_media(settings, tmp_path):
    """Uploads go to a temporary directory, never to the developer's var/media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    caches["renditions"].clear()


def make_image(photo_jpeg, width=1600, height=1200, **fields):
    image = Image(title=fields.pop("title", "Keynote"), **fields)
    image.file = ImageFile(io.BytesIO(photo_jpeg(width, height)), name="keynote.jpg")
    image._set_image_file_metadata()
    image.save()
    return image


def render_photo(image):
    """An image as the presenter page draws it: Wagtail's `{% picture %}`, three formats."""
    template = engines["django"].from_string(
        "{% load wagtailimages_tags %}"
        '{% picture image format-{avif,webp,jpeg} fill-320x320 alt="x" %}'
    )
    return template.render({"image": image})


def test_second_view_reads_renditions_from_cache_and_never_the_original(db, photo_jpeg):
    image = make_image(photo_jpeg)
    first = render_photo(image)
    # Without the original, any rendition lookup that missed would give a "not-found" image.
    image.file.storage.delete(image.file.name)
    image = Image.objects.get(pk=image.pk)
    with CaptureQueriesContext(connection) as queries:
        second = render_photo(image)
    assert second == first
    assert "not-found" not in second
    assert not [q for q in queries if "wagtailimages_rendition" in q["sql"]]


# --- Uploads through the admin ---------------------------------------------------------------


def upload_image(client, name, content, title="Upload"):
    return client.post(
        "/admin/images/add/",
        {
            "title": title,
            "collection": Collection.get_first_root_node().pk,
            "file": ContentFile(content, name=name),
        },
    )


def test_a_4000px_camera_jpeg_is_accepted(admin_client, photo_jpeg):
    data = photo_jpeg(4000, 3000)
    assert 1_000_000 < len(data) < 3_000_000
    response = upload_image(admin_client, "hall.jpg", data, title="Hall")
    assert response.status_code == 302, response.content.decode()[:3000]
    image = Image.objects.get(title="Hall")
    assert (image.width, image.height) == (4000, 3000)
    assert image.file_size == len(data)


def test_svg_upload_is_refused(admin_client):
    response = upload_image(admin_client, "logo.svg", SCRIPTED_SVG)
    assert response.status_code == 200
    assert "Not a supported image format. Supported formats: AVIF, GIF, JPG, JPEG, PNG, WEBP." in (
        response.content.decode()
    )
    assert not Image.objects.exists()


def test_svg_disguised_as_png_is_refused(admin_client):
    response = upload_image(admin_client, "logo.png", SCRIPTED_SVG)
    assert response.status_code == 200
    assert "Not a valid .png image. The extension does not match the file format (svg)" in (
        response.content.decode()
    )
    assert not Image.objects.exists()


def test_svg_refused_by_the_multiple_uploader(admin_client):
    response = admin_client.post(
        "/admin/images/multiple/add/",
        {"files[]": ContentFile(SCRIPTED_SVG, name="logo.svg")},
    )
    assert response.json()["success"] is False
    assert "Not a supported image format" in response.json()["error_message"]
    assert not Image.objects.exists()


def test_image_with_too_many_pixels_is_refused(admin_client):
    # 10000 x 6000 px, 60 megapixels: a two-colour PNG keeps the upload itself small.
    out = io.BytesIO()
    PILImage.new("1", (10_000, 6_000)).save(out, "PNG")
    response = upload_image(admin_client, "huge.png", out.getvalue())
    assert response.status_code == 200
    assert "This file has too many pixels (60000000). Maximum pixels 50000000." in (
        response.content.decode()
    )
    assert not Image.objects.exists()


def upload_document(client, name, content, collection=None):
    collection = collection or Collection.get_first_root_node()
    return client.post(
        "/admin/documents/add/",
        {"title": name, "collection": collection.pk, "file": ContentFile(content, name=name)},
    )


def test_documents_outside_the_allow_list_are_refused(admin_client):
    response = upload_document(admin_client, "page.html", b"<script>alert(1)</script>")
    assert response.status_code == 200
    assert "File extension “html” is not allowed." in response.content.decode()
    assert not Document.objects.exists()


def test_documents_over_the_size_limit_are_refused(admin_client, settings):
    response = upload_document(
        admin_client, "big.txt", b"x" * (settings.WAGTAILDOCS_MAX_UPLOAD_SIZE + 1)
    )
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not Document.objects.exists()


@pytest.fixture
def private_document(admin_client):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Organisers only")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    assert restriction.pk
    response = upload_document(admin_client, "budget.csv", b"item,amount\nvenue,1000\n", private)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Document.objects.get(title="budget.csv")


def test_private_document_refused_to_an_anonymous_visitor(private_document):
    response = Client().get(private_document.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/_util/login/?next=/documents/")
    assert b"venue" not in response.content


def test_private_document_served_to_a_signed_in_user(admin_client, private_document):
    response = admin_client.get(private_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"item,amount\nvenue,1000\n"


def test_private_document_behind_a_password(admin_client):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Speakers")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="dj4ngo"
    )
    upload_document(admin_client, "speaker-notes.txt", b"secret notes", private)
    document = Document.objects.get(title="speaker-notes.txt")
    response = Client().get(document.url)
    assert response.status_code == 200
    assert b"secret notes" not in response.content
    assert b'name="password"' in response.content


def test_public_documents_go_through_the_serve_view(admin_client):
    upload_document(admin_client, "schedule.csv", b"day,talks\n1,12\n")
    document = Document.objects.get(title="schedule.csv")
    assert document.url.startswith("/documents/")
    response = Client().get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"day,talks\n1,12\n"


# --- Start-up checks -------------------------------------------------------------------------


@pytest.fixture
def no_ambient_aws_credentials(monkeypatch, tmp_path):
    """Only what a test sets counts: no keys, profile, files or instance role from this host."""
    for name in [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_SECURITY_TOKEN",
        "AWS_PROFILE",
        "AWS_S3_ACCESS_KEY_ID",
        "AWS_S3_SECRET_ACCESS_KEY",
        "AWS_S3_SESSION_PROFILE",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
    ]:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


def s3_settings(settings, **values):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "media.storage.MediaStorage"},
    }
    settings.AWS_STORAGE_BUCKET_NAME = "media"
    settings.AWS_S3_ENDPOINT_URL = None
    settings.AWS_ACCESS_KEY_ID = settings.AWS_SECRET_ACCESS_KEY = None
    settings.AWS_SESSION_TOKEN = None
    for name, value in values.items():
        setattr(settings, name, value)


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_checks_quiet_with_local_media():
    assert check_s3_media() == []


def test_check_bucket_without_credentials(settings, no_ambient_aws_credentials):
    s3_settings(settings)
    errors = check_s3_media()
    assert [e.id for e in errors] == ["media.E001"]
    assert "Media bucket 'media' is set but no AWS credentials were found." in errors[0].msg


def test_check_half_a_key_pair(settings, no_ambient_aws_credentials):
    s3_settings(settings, AWS_ACCESS_KEY_ID="AKIAEXAMPLE")
    errors = check_s3_media()
    assert [e.id for e in errors] == ["media.E001"]
    assert "only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY" in errors[0].msg


def test_check_credentials_from_the_environment_count(
    settings, no_ambient_aws_credentials, monkeypatch
):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "secret")
    s3_settings(settings)
    assert check_s3_media() == []


def test_check_endpoint_that_refuses_connections(settings):
    port = closed_port()
    s3_settings(
        settings,
        AWS_S3_ENDPOINT_URL=f"http://127.0.0.1:{port}",
        AWS_ACCESS_KEY_ID="key",
        AWS_SECRET_ACCESS_KEY="secret",
    )
    errors = check_s3_media()
    assert [e.id for e in errors] == ["media.E002"]
    assert f"The S3 endpoint http://127.0.0.1:{port} does not answer" in errors[0].msg


def test_check_endpoint_that_never_answers_does_not_hang(settings):
    # A listening socket whose backlog is full: the kernel drops further SYNs, so a connect
    # neither succeeds nor is refused, like a firewalled host. Only the timeout ends it.
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(0)
        port = server.getsockname()[1]
        fillers = []
        for _ in range(8):
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", port))
            fillers.append(filler)
        s3_settings(
            settings,
            AWS_S3_ENDPOINT_URL=f"http://127.0.0.1:{port}",
            AWS_ACCESS_KEY_ID="key",
            AWS_SECRET_ACCESS_KEY="secret",
        )
        errors = check_s3_media()
        for filler in fillers:
            filler.close()
    assert [e.id for e in errors] == ["media.E002"]
    assert "timed out" in errors[0].msg


def test_check_endpoint_must_be_a_url(settings):
    s3_settings(
        settings,
        AWS_S3_ENDPOINT_URL="minio:9000",
        AWS_ACCESS_KEY_ID="key",
        AWS_SECRET_ACCESS_KEY="secret",
    )
    assert [e.id for e in check_s3_media()] == ["media.E002"]


def test_check_custom_domain_without_scheme(settings):
    s3_settings(
        settings,
        AWS_S3_CUSTOM_DOMAIN="https://media.example.org",
        AWS_ACCESS_KEY_ID="key",
        AWS_SECRET_ACCESS_KEY="secret",
    )
    assert [e.id for e in check_s3_media()] == ["media.E004"]


def test_manage_py_refuses_to_start_half_configured(tmp_path):
    """The real start-up path: settings from the environment, `manage.py check` exits non-zero."""
    environment = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "site_config.settings.dev",
        "AWS_STORAGE_BUCKET_NAME": "conference-media",
        "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{closed_port()}",
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"),
        "AWS_CONFIG_FILE": str(tmp_path / "none"),
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "(media.E001) Media bucket 'conference-media' is set but no AWS credentials" in (
        result.stderr
    )
    assert "(media.E002) The S3 endpoint" in result.stderr
