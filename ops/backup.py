"""Backup and restore of a whole site: the PostgreSQL database (pg_dump's custom format) and
every file of the default storage (local media folder or S3 bucket) in one tar. docs/operations.md
"Backup and restore"; `manage.py backup PATH`, `manage.py restore PATH`."""

import contextlib
import datetime
import io
import json
import os
import shutil
import subprocess
import tarfile
import time
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any, TextIO

from django.conf import settings
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.core.management.base import CommandError
from django.db import connection

DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar"
MANIFEST_FILE = "manifest.json"


def pg_environment() -> dict[str, str]:
    """libpq's variables for the default database, so no password appears in argv."""
    db = settings.DATABASES["default"]
    if "postgresql" not in db["ENGINE"]:
        raise CommandError(
            f"backup and restore need PostgreSQL; the default database is {db['ENGINE']}."
        )
    env = dict(os.environ)
    env.update(
        PGHOST=str(db.get("HOST") or "127.0.0.1"),
        PGPORT=str(db.get("PORT") or 5432),
        PGUSER=str(db.get("USER") or "postgres"),
        PGDATABASE=str(db["NAME"]),
    )
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise CommandError(f"{name} is missing: install PostgreSQL's client tools.")
    return found


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    # The command is pg_dump/pg_restore/psql with arguments from the settings, never user input.
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode:
        raise CommandError(f"{Path(command[0]).name} failed: {result.stderr.strip()[:2000]}")
    return result


def storage_files(storage: Storage = default_storage, folder: str = "") -> Iterator[str]:
    """Every file name in a storage, walking its folders (works for local and S3)."""
    folders, files = storage.listdir(folder)
    for name in sorted(files):
        yield str(PurePosixPath(folder) / name) if folder else name
    for sub in sorted(folders):
        yield from storage_files(storage, str(PurePosixPath(folder) / sub) if folder else sub)


def backup(path: str | Path, stdout: TextIO | None = None) -> dict[str, Any]:
    """Write `path/` (a new folder): database.dump, media.tar and manifest.json."""
    path = Path(path)
    if path.exists() and any(path.iterdir()):
        raise CommandError(f"{path} exists and is not empty: choose a new folder.")
    path.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    env = pg_environment()
    run(
        [
            tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(path / DATABASE_FILE),
        ],
        env,
    )
    files = 0
    with tarfile.open(path / MEDIA_FILE, "w") as tar:
        for name in storage_files():
            with default_storage.open(name, "rb") as handle:
                data = handle.read()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = int(time.time())
            tar.addfile(info, io.BytesIO(data))
            files += 1
    manifest = {
        "made": datetime.datetime.now(datetime.UTC).isoformat(),
        "database": settings.DATABASES["default"]["NAME"],
        "storage": type(default_storage._wrapped).__name__,
        "media_files": files,
        "seconds": round(time.monotonic() - started, 2),
    }
    (path / MANIFEST_FILE).write_text(json.dumps(manifest, indent=1) + "\n")
    return manifest


def database_is_empty() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        )
        return cursor.fetchone()[0] == 0


def restore(path: str | Path, replace: bool = False) -> dict[str, Any]:
    """Load `path/` (made by `backup`) into the configured database and storage."""
    path = Path(path)
    for name in (DATABASE_FILE, MEDIA_FILE, MANIFEST_FILE):
        if not (path / name).is_file():
            raise CommandError(f"{path / name} is missing: is {path} a backup folder?")
    if not replace and not database_is_empty():
        raise CommandError(
            f"the database {settings.DATABASES['default']['NAME']} is not empty: restore into "
            "a new database, or pass --replace to overwrite this one."
        )
    started = time.monotonic()
    connection.close()
    command = [tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error"]
    if replace:
        command += ["--clean", "--if-exists"]
    run(
        command + ["--dbname", pg_environment()["PGDATABASE"], str(path / DATABASE_FILE)],
        {**pg_environment()},
    )
    files = 0
    with tarfile.open(path / MEDIA_FILE) as tar:
        for member in tar:
            name = PurePosixPath(member.name)
            if not member.isfile() or name.is_absolute() or ".." in name.parts:
                raise CommandError(f"{path / MEDIA_FILE}: refusing the entry {member.name!r}")
            data = tar.extractfile(member).read()
            if default_storage.exists(member.name):
                if not replace:
                    raise CommandError(f"{member.name} already exists in the media storage.")
                default_storage.delete(member.name)
            saved = default_storage.save(member.name, ContentFile(data))
            if saved != member.name:
                raise CommandError(f"{member.name} was stored as {saved}")
            files += 1
    # Renditions are looked up in their cache first: entries there may name other files.
    # A cache that is down holds nothing stale either.
    with contextlib.suppress(Exception):
        caches["renditions"].clear()
    return {"media_files": files, "seconds": round(time.monotonic() - started, 2)}
