"""Real app servers for the page cache tests: gunicorn workers on loopback ports sharing the
test's PostgreSQL database and one Redis, and helpers to read and change what they serve."""

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests
from django.conf import settings
from django.db import connection

REDIS_URL = os.environ.get("PAGE_CACHE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
BASE_DIR = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def closed_port():
    """A loopback port nothing listens on (bound, never listening, then released)."""
    return free_port()


def database_url():
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


class Server:
    """One gunicorn worker on a loopback port with the page cache on."""

    def __init__(self, redis_url, prefix):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "site_config.settings.test",
            "DATABASE_URL": database_url(),
            "TEST_PAGE_CACHE": "1",
            "TEST_REDIS_URL": redis_url,
            "TEST_CACHE_PREFIX": prefix,
            # The files this test process stores (social cards, renditions), served there too.
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "PYTHONUNBUFFERED": "1",
        }
        self.log = open(f"/tmp/page-cache-test-{self.port}.log", "w+")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                str(GUNICORN),
                "site_config.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--timeout",
                "60",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.output()
            try:
                if requests.get(self.url + "/healthz", timeout=10).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise AssertionError(f"the server did not start:\n{self.output()}")

    def get(self, path, **kwargs):
        # Behind a load balancer every app server sees the site's own host name.
        headers = {"Host": "localhost", **kwargs.pop("headers", {})}
        return requests.get(
            self.url + path, timeout=10, allow_redirects=False, headers=headers, **kwargs
        )

    def output(self):
        self.log.seek(0)
        return self.log.read()[-4000:]

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def title_of(response):
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.text, re.DOTALL).group(1).strip()


def rename_quietly(page, title):
    """Change a page in the database without any signal: a cached copy stays as it was, so
    seeing the old title proves the response came from the cache."""
    type(page).objects.filter(pk=page.pk).update(title=title)
