"""The production response headers, scored with the MDN HTTP Observatory's rules: A+ (100 or
more) for the home page, a talk and a news post.

The site runs under `site_config.settings.production` in gunicorn (a subprocess) against the
test database, with content this test creates; requests carry `X-Forwarded-Proto: https` as
the TLS proxy in front of it would."""

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection

from blog.models import RecapPage
from home.models import StandardPage
from tests.factories.html import parse_csp
from tests.factories.program import make_program

BASE_DIR = Path(__file__).resolve().parent.parent

# --- The scorer: https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring ----

PRIVATE_REFERRERS = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
UNSAFE_REFERRERS = {"unsafe-url", "no-referrer-when-downgrade"}
SIX_MONTHS = 15_768_000


def csp_score(header):
    """(points, rule) for the Content-Security-Policy header."""
    if not header:
        return -25, "csp-not-implemented"
    policy = parse_csp(header)
    default = policy.get("default-src", ["*"])
    scripts = policy.get("script-src", default)
    styles = policy.get("style-src", default)
    broad = {"*", "http:", "https:", "data:"}
    if "'unsafe-inline'" in scripts or broad & set(scripts):
        return -20, "csp-implemented-with-unsafe-inline"
    every_source = [s for sources in policy.values() for s in sources]
    if any(s.startswith("http:") or s == "http:" for s in every_source):
        return -20, "csp-implemented-with-insecure-scheme"
    if "'unsafe-eval'" in scripts:
        return -10, "csp-implemented-with-unsafe-eval"
    if "'unsafe-inline'" in styles:
        return 0, "csp-implemented-with-unsafe-inline-in-style-src-only"
    if default == ["'none'"]:
        return 10, "csp-implemented-with-no-unsafe-default-src-none"
    return 5, "csp-implemented-with-no-unsafe"


def parse_set_cookie(value):
    parts = [p.strip() for p in value.split(";")]
    name = parts[0].split("=", 1)[0]
    flags = {}
    for part in parts[1:]:
        key, _, val = part.partition("=")
        flags[key.lower()] = val
    return name, flags


def cookies_score(set_cookies, https=True):
    if not set_cookies:
        return 0, "cookies-not-found"
    cookies = [parse_set_cookie(c) for c in set_cookies]
    for name, flags in cookies:
        session = any(word in name.lower() for word in ("session", "sess", "login", "auth"))
        if "secure" not in flags and https:
            return -20, "cookies-without-secure-flag"
        if session and "httponly" not in flags:
            return -30, "cookies-session-without-httponly-flag"
    if all(flags.get("samesite", "").lower() in {"lax", "strict"} for _, flags in cookies):
        return 5, "cookies-secure-with-httponly-sessions-and-samesite"
    return 0, "cookies-secure-with-httponly-sessions"


def cors_score(headers):
    if headers.get("access-control-allow-origin", "").strip() == "*":
        return -50, "cors-universal-access"
    return 0, "cors-not-implemented"


def hsts_score(header):
    match = re.search(r"max-age=\"?(\d+)", header or "", re.IGNORECASE)
    if not match:
        return -20, "hsts-not-implemented"
    if int(match.group(1)) < SIX_MONTHS:
        return -10, "hsts-implemented-max-age-less-than-six-months"
    return 0, "hsts-implemented-max-age-at-least-six-months"


def redirection_score(status, location, host):
    if status not in (301, 302, 307, 308) or not location:
        return -20, "redirection-missing"
    target = urlsplit(location)
    if target.scheme != "https":
        return -20, "redirection-not-to-https"
    if target.hostname != host:
        return -5, "redirection-off-host-from-http"
    return 0, "redirection-to-https"


def referrer_score(header):
    values = {v.strip().lower() for v in (header or "").split(",") if v.strip()}
    if not values:
        return 0, "referrer-policy-not-implemented"
    # Browsers apply the last policy they understand.
    last = [v for v in (header or "").split(",") if v.strip()][-1].strip().lower()
    if last in UNSAFE_REFERRERS:
        return -5, "referrer-policy-unsafe"
    if last in PRIVATE_REFERRERS:
        return 5, "referrer-policy-private"
    return 0, "referrer-policy-no-referrer-when-downgrade"


class Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        if tag == "script" and dict(attrs).get("src"):
            self.scripts.append(dict(attrs))


def sri_score(html, origin_host):
    parser = Scripts()
    parser.feed(html)
    external = [s for s in parser.scripts if urlsplit(s["src"]).hostname not in (None, origin_host)]
    if not external:
        return 0, "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"
    if any("integrity" not in s for s in external):
        return -5, "sri-not-implemented-but-external-scripts-loaded-securely"
    return 5, "sri-implemented-and-external-scripts-loaded-securely"


def nosniff_score(header):
    if (header or "").strip().lower() == "nosniff":
        return 0, "x-content-type-options-nosniff"
    return -5, "x-content-type-options-not-implemented"


def frame_score(headers):
    if "frame-ancestors" in parse_csp(headers.get("content-security-policy")):
        return 5, "x-frame-options-implemented-via-csp"
    if headers.get("x-frame-options", "").strip().upper() in {"DENY", "SAMEORIGIN"}:
        return 0, "x-frame-options-sameorigin-or-deny"
    return -20, "x-frame-options-not-implemented"


def observatory(headers, set_cookies, html, redirect, host):
    """The score and the rules applied. `headers`: lower-case names of the HTTPS response;
    `redirect`: (status, Location) of the same URL asked over plain HTTP."""
    results = [
        csp_score(headers.get("content-security-policy")),
        cookies_score(set_cookies),
        cors_score(headers),
        hsts_score(headers.get("strict-transport-security")),
        redirection_score(*redirect, host),
        referrer_score(headers.get("referrer-policy")),
        sri_score(html, host),
        nosniff_score(headers.get("x-content-type-options")),
        frame_score(headers),
    ]
    penalties = 100 + sum(points for points, _ in results if points < 0)
    bonuses = sum(points for points, _ in results if points > 0)
    score = penalties + bonuses if penalties >= 90 else penalties
    return score, [rule for _, rule in results]


def grade(score):
    for floor, letter in ((100, "A+"), (90, "A"), (85, "A-"), (80, "B+"), (70, "B")):
        if score >= floor:
            return letter
    return "C or worse"


# --- The scorer on its own: it can fail ---------------------------------------------------

GOOD = {
    "content-security-policy": "default-src 'none'; script-src 'self'; frame-ancestors 'none'",
    "strict-transport-security": "max-age=63072000",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-content-type-options": "nosniff",
}


@pytest.mark.parametrize(
    "change, expected",
    [
        ({}, 120),
        ({"content-security-policy": None, "x-frame-options": "DENY"}, 75),
        (
            {
                "content-security-policy": (
                    "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'"
                )
            },
            80,
        ),
        (
            {
                "content-security-policy": (
                    "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"
                )
            },
            110,
        ),
        ({"strict-transport-security": "max-age=300"}, 110),
        ({"x-content-type-options": None}, 115),
        ({"referrer-policy": "unsafe-url"}, 110),
        ({"access-control-allow-origin": "*"}, 50),
    ],
)
def test_the_scorer_follows_the_published_rules(change, expected):
    headers = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    score, _ = observatory(headers, [], "", (301, "https://example.org/"), "example.org")
    assert score == expected


def test_the_scorer_penalises_cookies_redirects_and_foreign_scripts():
    assert cookies_score(["sessionid=x; Path=/; SameSite=Lax"])[0] == -20
    assert cookies_score(["sessionid=x; Secure; Path=/"])[0] == -30
    assert cookies_score(["sessionid=x; Secure; HttpOnly; SameSite=Lax"])[0] == 5
    assert redirection_score(200, None, "example.org")[0] == -20
    assert redirection_score(301, "http://example.org/", "example.org")[0] == -20
    html = '<script src="https://cdn.example.net/x.js"></script><script src="/static/a.js">'
    assert sri_score(html, "example.org")[0] == -5


# --- The production site in gunicorn ------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database_name, static_root, **extra):
    """The environment of a production process on loopback, against `database_name`."""
    db = connection.settings_dict
    user = db["USER"] or "postgres"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    host = db["HOST"] or "127.0.0.1"
    port = db["PORT"] or 5432
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AWS_", "DJANGO_", "REDIS_", "SECURE_"))
        and key not in {"DATABASE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "MEDIA_ROOT"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="site_config.settings.production",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="localhost,127.0.0.1",
        DATABASE_URL=f"postgres://{user}{password}@{host}:{port}/{database_name}",
        STATIC_ROOT=str(static_root),
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def production_static(tmp_path_factory, django_db_setup):
    """collectstatic once per run: the manifest storage needs it to render any page."""
    static_root = tmp_path_factory.mktemp("static")
    env = production_env(connection.settings_dict["NAME"], static_root)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
        timeout=300,
    )
    return static_root


class ProductionServer:
    def __init__(self, env):
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "site_config.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--log-level",
                "warning",
            ],
            cwd=BASE_DIR,
            env=env,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "gunicorn exited while starting"
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("gunicorn did not start within 30 s")

    def get(self, path, https=True, host="localhost"):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": host}
        if https:
            headers["X-Forwarded-Proto"] = "https"
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
        conn.close()
        return response, body

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def production_server(transactional_db, production_static):
    server = ProductionServer(production_env(connection.settings_dict["NAME"], production_static))
    yield server
    server.stop()


@pytest.mark.django_db(transaction=True)
def test_production_headers_score_a_plus(production_server, home_page, news_index, make_post):
    """Every public page type, and the feeds and exports beside them."""
    program = make_program(home_page, talks=2, photos=False)
    post = make_post("Tickets on sale", body=[("paragraph", "<p>Now.</p>")])
    recap = make_post("What we saw", model=RecapPage, body=[("paragraph", "<p>Much.</p>")])
    venue = StandardPage(title="Venue", slug="venue")
    home_page.add_child(instance=venue)
    venue.save_revision().publish()
    public = {
        "home": "/",
        "standard page": venue.url,
        "schedule": program.program.url,
        "talk": program.talks[0].url,
        "presenters": program.index.url,
        "presenter": program.presenters[0].url,
        "news index": news_index.url,
        "announcement": post.url,
        "recap": recap.url,
        "search": "/search/?q=tickets",
    }
    report = {}
    for label, path in public.items():
        response, html = production_server.get(path)
        assert response.status == 200, (label, response.status, html[:500])
        headers = {name.lower(): value for name, value in response.getheaders()}
        set_cookies = [v for k, v in response.getheaders() if k.lower() == "set-cookie"]
        plain, _ = production_server.get(path, https=False)
        redirect = (plain.status, plain.getheader("Location"))
        score, rules = observatory(headers, set_cookies, html, redirect, "localhost")
        report[label] = (score, grade(score), rules)
        assert score >= 100, (label, score, rules, headers)
        assert "'unsafe-inline'" not in headers["content-security-policy"]
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert "camera=()" in headers["permissions-policy"]
        assert headers["cross-origin-opener-policy"] == "same-origin"
        assert headers["cross-origin-resource-policy"] == "same-origin"
        assert int(re.search(r"max-age=(\d+)", headers["strict-transport-security"])[1]) >= (
            365 * 24 * 3600
        )
    print("Observatory:", report)

    # /healthz stays reachable over plain HTTP for the load balancer.
    response, _ = production_server.get("/healthz", https=False)
    assert response.status == 200


@pytest.mark.django_db(transaction=True)
def test_production_cookies_are_secure_httponly_and_samesite(production_server, home_page):
    response, html = production_server.get("/admin/login/")
    assert response.status == 200
    cookies = [v for k, v in response.getheaders() if k.lower() == "set-cookie"]
    assert cookies, "the login form sets the CSRF cookie"
    assert cookies_score(cookies) == (5, "cookies-secure-with-httponly-sessions-and-samesite")
    for cookie in cookies:
        _, flags = parse_set_cookie(cookie)
        assert "secure" in flags and "httponly" in flags, cookie
    # The admin runs under its own, looser policy; still no eval and no framing by others.
    csp = parse_csp(response.getheader("Content-Security-Policy"))
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_cross_origin_resource_policy_per_kind_of_response(client, home_page, admin_client):
    """Pages, static files and the admin: same-origin. Files under /media/ (when the app
    serves them, as in development): cross-origin, for feed readers and a CDN's own host."""
    assert client.get("/").headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert client.get("/healthz").headers["Cross-Origin-Resource-Policy"] == "same-origin"
    admin = admin_client.get("/admin/")
    assert admin.headers["Cross-Origin-Resource-Policy"] == "same-origin"
    media = client.get("/media/original_images/missing.png")
    assert media.headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    # Only the media prefix itself, not a page whose path merely starts alike.
    assert client.get("/mediakit/").headers["Cross-Origin-Resource-Policy"] == "same-origin"


@pytest.mark.django_db
def test_five_failed_logins_lock_the_account_for_that_address(client, django_user_model):
    django_user_model.objects.create_superuser("editor", "e@example.org", "right horse 42")
    for _ in range(4):
        response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
        assert response.status_code == 200  # the form again, with its error
    response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    assert response.status_code == 429  # the fifth failure locks
    # Now even the right password is refused.
    response = client.post("/admin/login/", {"username": "editor", "password": "right horse 42"})
    assert response.status_code == 429
    assert b"Too many failed logins" in response.content
    # Another address is not locked out.
    response = client.post(
        "/admin/login/",
        {"username": "editor", "password": "right horse 42"},
        REMOTE_ADDR="198.51.100.7",
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_login_under_the_limit_succeeds_and_resets_the_count(client, django_user_model):
    django_user_model.objects.create_superuser("editor", "e@example.org", "right horse 42")
    for _ in range(4):
        client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "editor", "password": "right horse 42"})
    assert response.status_code == 302
