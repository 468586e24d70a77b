"""`manage.py backup` and `manage.py restore`: dump the database and the media, restore both
into a fresh database and a fresh media folder, and the restored site serves the same pages
(rendered by a separate process against the restored database)."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.factories.program import make_program

pytestmark = pytest.mark.django_db(transaction=True)

BASE_DIR = Path(__file__).resolve().parent.parent

# Renders pages with Django's test client in a process of its own, against whatever database
# and media folder its environment names, and prints them as JSON.
RENDER = """
import json, sys, django
from pathlib import Path
django.setup()
from django.conf import settings
from django.test import Client
client = Client()
pages = {}
for url in sys.argv[1:]:
    response = client.get(url)
    pages[url] = [response.status_code, response.content.decode()]
print(json.dumps({"pages": pages, "media_root": str(settings.MEDIA_ROOT)}))
"""


def admin_dsn(dbname="postgres"):
    db = connection.settings_dict
    return psycopg.conninfo.make_conninfo(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"] or "postgres",
        password=db["PASSWORD"] or None,
        dbname=dbname,
    )


def database_url(name):
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{db['USER'] or 'postgres'}{password}@{host}:{port}/{name}"


@pytest.fixture
def fresh_database():
    name = f"restore_{os.getpid()}_{int(time.time() * 1000) % 10**6}"
    with psycopg.connect(admin_dsn(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(admin_dsn(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def subprocess_env(database, media_root):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "REDIS_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="site_config.settings.test",
        DATABASE_URL=database_url(database),
        MEDIA_ROOT=str(media_root),
    )
    return env


def render(urls, database, media_root):
    result = subprocess.run(
        [sys.executable, "-c", RENDER, *urls],
        cwd=BASE_DIR,
        env=subprocess_env(database, media_root),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def manage(*args, database, media_root):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=subprocess_env(database, media_root),
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def media_root(settings, tmp_path):
    """Before any content: publishing a page already stores its social card."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return settings.MEDIA_ROOT


@pytest.fixture
def site_with_media(media_root, home_page, make_post, make_image):
    data = make_program(home_page, talks=4)
    photo = make_image("Keynote stage", (200, 40, 40))
    post = make_post(
        "Recap of day one",
        body=[
            ("paragraph", "<p>What a day.</p>"),
            ("image", {"image": photo, "alt_text": "The stage", "caption": "", "credit": ""}),
        ],
        cover_image=photo,
        cover_alt="The stage",
    )
    urls = ["/", "/schedule/", data.talks[1].url, data.presenters[0].url, "/presenters/"]
    urls += ["/news/", post.url, "/news/rss/", "/schedule/json/", "/sitemap.xml"]
    return urls


def test_backup_then_restore_into_a_fresh_database_serves_the_same_pages(
    site_with_media, settings, tmp_path, fresh_database
):
    urls = site_with_media
    source_db = connection.settings_dict["NAME"]
    before = render(urls, source_db, settings.MEDIA_ROOT)["pages"]
    assert all(status == 200 for status, _ in before.values()), before.keys()

    backup_dir = tmp_path / "backup"
    started = time.monotonic()
    result = manage("backup", str(backup_dir), database=source_db, media_root=settings.MEDIA_ROOT)
    backup_seconds = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    media_files = sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())
    assert manifest["media_files"] == len(media_files) > 0

    restored_media = tmp_path / "restored-media"
    started = time.monotonic()
    result = manage("restore", str(backup_dir), database=fresh_database, media_root=restored_media)
    restore_seconds = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    print(f"backup {backup_seconds:.2f} s, restore {restore_seconds:.2f} s, {manifest}")

    # Every media file is back, byte for byte.
    for original in media_files:
        copy = restored_media / original.relative_to(settings.MEDIA_ROOT)
        assert copy.read_bytes() == original.read_bytes(), copy

    after = render(urls, fresh_database, restored_media)["pages"]
    for url in urls:
        assert after[url][0] == 200, url
        assert after[url][1] == before[url][1], f"{url} differs after the restore"
    # The pictures the restored pages show exist in the restored media folder.
    html = after[urls[6]][1]
    assert "/media/images/" in html
    for name in {part.split('"')[0] for part in html.split("/media/")[1:]}:
        assert (restored_media / name.split(" ")[0]).is_file(), name


def test_restore_refuses_a_database_that_holds_a_site(site_with_media, settings, tmp_path):
    call_command("backup", str(tmp_path / "backup"))
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(tmp_path / "backup"))
    with pytest.raises(CommandError, match="not empty: choose a new folder"):
        call_command("backup", str(tmp_path / "backup"))


def test_restore_refuses_a_folder_that_is_not_a_backup(db, tmp_path):
    with pytest.raises(CommandError, match="database.dump is missing"):
        call_command("restore", str(tmp_path))


def test_restore_refuses_a_tar_entry_outside_the_media_folder(tmp_path, fresh_database, db):
    import io
    import tarfile

    call_command("backup", str(tmp_path / "backup"))
    with tarfile.open(tmp_path / "backup" / "media.tar", "w") as tar:
        info = tarfile.TarInfo("../escape.txt")
        info.size = 4
        tar.addfile(info, io.BytesIO(b"oops"))
    media = tmp_path / "restored-media"
    result = manage("restore", str(tmp_path / "backup"), database=fresh_database, media_root=media)
    assert result.returncode != 0
    assert "refusing the entry '../escape.txt'" in result.stderr
    assert not (tmp_path / "escape.txt").exists()
