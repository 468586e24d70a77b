"""Fixtures shared by the suite. The database is a real PostgreSQL server (DATABASE_URL)."""

import logging
import os
import shutil
import urllib.request
import uuid
from pathlib import Path

import pytest
import redis
from wagtail.models import Locale, Page, Site

from tests.factories.editions import make_edition
from tests.factories.servers import REDIS_URL, Server


@pytest.fixture(scope="session", autouse=True)
def media_root_of_this_process():
    """site_config.settings.test gives each test process its own MEDIA_ROOT: remove it after."""
    from django.conf import settings

    os.makedirs(settings.MEDIA_ROOT, exist_ok=True)
    yield settings.MEDIA_ROOT
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


# Tests that use these fixtures get the marker, so `make test-fast` (-m "not browser and not
# servers") leaves them out without each test having to remember its marker.
MARKERS_OF_FIXTURES = {
    "chromium": "browser",
    "start_servers": "servers",  # gunicorn app servers (tests/test_page_cache.py)
    "scheduler": "servers",  # manage.py run_scheduler (tests/test_page_cache_processes.py)
    "production_server": "servers",  # gunicorn, production settings (test_security_headers)
}


def pytest_collection_modifyitems(items):
    for item in items:
        for fixture in MARKERS_OF_FIXTURES.keys() & set(item.fixturenames):
            item.add_marker(MARKERS_OF_FIXTURES[fixture])


@pytest.fixture
def root_page(db):
    """Wagtail's tree root. Transactional tests flush what migrations created, so remake it."""
    Locale.objects.get_or_create(language_code="en")
    return Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))


@pytest.fixture
def home_page(root_page):
    """One edition, the default site, replacing the welcome page Wagtail's migrations create."""
    Site.objects.all().delete()
    Page.objects.child_of(root_page).delete()
    return make_edition(
        root_page,
        hostname="localhost",
        name="Test Conference 2027",
        ticket_link="https://tickets.example.org/2027/",
        slug="home",
        default=True,
    )


@pytest.fixture
def site(home_page):
    return Site.objects.get(root_page=home_page)


@pytest.fixture
def second_edition(home_page, root_page):
    return make_edition(
        root_page,
        hostname="2026.example.org",
        name="Test Conference 2026",
        ticket_link="https://tickets.example.org/2026/",
        slug="home-2026",
    )


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    return client


# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# alongside it are still synchronous, so Django's async guard does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless, driven by Playwright. Missing Chromium fails, never skips."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: `make test` installs it as root."
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_context(chromium):
    """A fresh browser profile per test; pass viewport or color scheme via `new_page`."""
    contexts = []

    def new_page(width=1280, height=900, **options):
        context = chromium.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        return context.new_page()

    yield new_page
    for context in contexts:
        context.close()


# --- App servers for the page cache tests ----------------------------------------------


@pytest.fixture
def prefix():
    """A Redis key prefix for this test only; its keys are deleted afterwards."""
    name = f"pagecache-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    yield name
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=f"{name}:*", count=1000))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture
def start_servers(prefix):
    started = []

    def start(count=2, redis_url=REDIS_URL):
        servers = [Server(redis_url, prefix) for _ in range(count)]
        started.extend(servers)
        return [server.wait() for server in servers]

    yield start
    for server in started:
        server.stop()


# --- Media: an S3-protocol server on loopback ---------------------------------------------

MEDIA_BUCKET = "conference-media-test"


class S3Server:
    """moto's S3 server in a thread of this process, reached over a real socket by boto3."""

    def __init__(self):
        from moto.server import ThreadedMotoServer

        # One log line per S3 request would bury a failing test's own output.
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        # Port 0: the kernel picks a free port, so parallel runs never collide.
        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self._server.start()
        host, port = self._server.get_host_and_port()
        self.endpoint_url = f"http://{host}:{port}"
        self.bucket = MEDIA_BUCKET
        self.running = True

    def client(self):
        import boto3
        from django.conf import settings

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
            config=settings.AWS_S3_CLIENT_CONFIG,
        )

    def object_keys(self):
        response = self.client().list_objects_v2(Bucket=self.bucket)
        return sorted(item["Key"] for item in response.get("Contents", []))

    def stop(self):
        if self.running:
            self._server.stop()
            self.running = False


def public_renditions_policy(bucket=MEDIA_BUCKET):
    import json

    statement = {
        "Sid": "PublicRenditions",
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{bucket}/images/*",
    }
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


@pytest.fixture
def s3_server(settings):
    """A fresh S3 server with an empty bucket; the default storage is S3Storage pointing at it
    with the project's own client config (checksums, timeouts), as in production."""
    from django.core.cache import caches

    from media.storage import outage

    server = S3Server()
    try:
        # moto keeps its state per process: start every test from an empty store.
        urllib.request.urlopen(
            urllib.request.Request(server.endpoint_url + "/moto-api/reset", method="POST")
        ).close()
        server.client().create_bucket(Bucket=server.bucket)
        # docs/media.md's bucket policy: renditions are public; originals and documents are not.
        server.client().put_bucket_policy(Bucket=server.bucket, Policy=public_renditions_policy())
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "media.storage.MediaStorage"},
        }
        settings.AWS_STORAGE_BUCKET_NAME = server.bucket
        settings.AWS_S3_ENDPOINT_URL = server.endpoint_url
        settings.AWS_S3_REGION_NAME = "us-east-1"
        settings.AWS_S3_CUSTOM_DOMAIN = None
        settings.AWS_ACCESS_KEY_ID = "testing"
        settings.AWS_SECRET_ACCESS_KEY = "testing"
        settings.AWS_SESSION_TOKEN = None
        # Rendition rows from earlier tests are gone; so must their cache entries be.
        caches["renditions"].clear()
        # An earlier test's stopped store must not make this process skip reads from this one.
        outage.end()
        yield server
    finally:
        server.stop()


# --- News: an index, posts and small real images ------------------------------------------


@pytest.fixture
def news_index(home_page):
    from blog.models import NewsIndexPage

    index = NewsIndexPage(title="News", slug="news", intro="What is new at the conference.")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def make_image(db):
    """A real (small) PNG in the image library; `make_image("title", color)`."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    # Transactional tests flush what migrations created, the root collection included.
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")

    def make(title="A photo", color=(30, 120, 80), size=(64, 48)):
        buffer = io.BytesIO()
        PILImage.new("RGB", size, color).save(buffer, "PNG")
        return get_image_model().objects.create(
            title=title, file=ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.png")
        )

    return make


@pytest.fixture
def make_post(news_index):
    """Publish an AnnouncementPage (or `model=RecapPage`) under the news index."""
    from blog.models import AnnouncementPage

    def make(title="Tickets on sale", *, model=AnnouncementPage, parent=None, body=(), **fields):
        slug = fields.pop("slug", None) or title.lower().replace(" ", "-")[:50]
        post = model(title=title, slug=slug, body=list(body), **fields)
        (parent or news_index).add_child(instance=post)
        post.save_revision().publish()
        return model.objects.get(pk=post.pk)

    return make


def _photo_bytes(width, height, seed=7, quality=85):
    """A JPEG that compresses like a photo: shapes and colour with texture at several scales,
    so its renditions are not trivially small. 4000 x 3000 px weighs about 2.2 MB."""
    import io
    import random

    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    sketch = Image.new("RGB", (160, 120))
    draw = ImageDraw.Draw(sketch)
    for _ in range(150):
        x, y, r = rng.randrange(160), rng.randrange(120), rng.randrange(3, 30)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    photo = sketch.filter(ImageFilter.GaussianBlur(1.5)).resize(
        (width, height), Image.Resampling.BICUBIC
    )
    for divisor, amount in ((16, 0.25), (4, 0.15), (1, 0.12)):
        grain = Image.effect_noise((max(width // divisor, 1), max(height // divisor, 1)), 50)
        grain = grain.resize((width, height), Image.Resampling.BICUBIC)
        rotated = grain.transpose(Image.Transpose.ROTATE_180)
        photo = Image.blend(photo, Image.merge("RGB", (grain, rotated, grain)), amount)
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=quality)
    return out.getvalue()


@pytest.fixture(scope="session")
def photo_jpeg():
    """`photo_jpeg(width, height)`: JPEG bytes, made once per size and session."""
    made = {}

    def make(width=4000, height=3000):
        if (width, height) not in made:
            made[width, height] = _photo_bytes(width, height)
        return made[width, height]

    return make
