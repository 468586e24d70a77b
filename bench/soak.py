"""`make soak`: load and faults against the production settings, on 127.0.0.1 only.

1. 60 s of wrk at 64 connections over the public pages: no errors.
2. PostgreSQL restarted in the middle of a load: a poller records every request's time and
   status; errors only inside the restart window, service back within 5 s of it.
3. Redis stopped: every page still renders (the cache is bypassed); Redis is restarted.
4. The S3 server (moto, holding the demo images) stopped: every page still renders.
5. Still without S3, every rendition row deleted and the caches emptied, so that pages need
   renditions that cannot be made: every page still renders, without those images.

A fresh PostgreSQL database with the demo content, gunicorn under
`site_config.settings.production` (SECURE_SSL_REDIRECT=0 for plain HTTP on loopback). Writes
bench/soak.md and exits non-zero naming the checks that failed. PostgreSQL and Redis are
always left running. Settings: SOAK_DURATION (60), SOAK_CONNECTIONS (64).
"""

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(sys.executable).parent
DB_NAME = "conference_soak"
DURATION = int(os.environ.get("SOAK_DURATION", "60"))
CONNECTIONS = int(os.environ.get("SOAK_CONNECTIONS", "64"))
RECOVERY_BUDGET = 5.0
BUCKET = "conference-soak"
REDIS_START = [
    "redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379",
    "--save", "", "--appendonly", "no", "--dir", "/var/lib/redis",
    "--logfile", "/var/log/redis/ci.log",
]  # fmt: skip
PATHS = ["/", "/schedule/", "/presenters/", "/news/", "/healthz"]


def log(message):
    print(f"soak: {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return True
        except OSError:
            time.sleep(0.1)
    return False


# -- services ----------------------------------------------------------------------------


def pg_version():
    return sorted(os.listdir("/etc/postgresql"))[-1]


def pg_ctl(action):
    return subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", pg_version(), "main", action],
        capture_output=True,
        text=True,
        timeout=120,
    )


def pg_ready():
    return subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"]).returncode == 0


def redis_ping():
    try:
        out = subprocess.run(["redis-cli", "ping"], capture_output=True, text=True, timeout=5)
        return out.stdout.strip() == "PONG"
    except (OSError, subprocess.TimeoutExpired):
        return False


def ensure_services():
    """PostgreSQL and Redis running, whatever happened."""
    if not pg_ready():
        log("PostgreSQL is down: starting it")
        pg_ctl("start")
        for _ in range(50):
            if pg_ready():
                break
            time.sleep(0.2)
    if not redis_ping():
        log("Redis is down: starting it")
        subprocess.run(REDIS_START, check=False)
        for _ in range(50):
            if redis_ping():
                break
            time.sleep(0.1)


class Moto:
    """moto's S3 server in a process of its own, so it can be stopped like a real store."""

    def __init__(self):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not wait_for_port(self.port):
            raise SystemExit("soak: moto's S3 server did not start")
        import boto3

        boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id="soak",
            aws_secret_access_key="soak",
        ).create_bucket(Bucket=BUCKET)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


class Gunicorn:
    def __init__(self, env, logfile):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.logfile = open(logfile, "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "site_config.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "4",
                "--worker-class",
                "gthread",
                "--threads",
                "8",
                "--timeout",
                "60",
                "--log-level",
                "warning",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=self.logfile,
            stderr=subprocess.STDOUT,
        )
        if not wait_for_port(self.port, 60):
            raise SystemExit(f"soak: gunicorn did not start: see {logfile}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.logfile.close()


def get(base, path, timeout=10):
    """(status, body) of one request; status 0 for a connection error or a timeout."""
    try:
        with urllib.request.urlopen(base + path, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (OSError, urllib.error.URLError):
        return 0, b""


# -- checks ------------------------------------------------------------------------------


def wrk(base, paths, duration, connections):
    assert base.startswith("http://127.0.0.1:"), "load only against 127.0.0.1"
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        quoted = ", ".join(f'"{p}"' for p in paths)
        script.write(
            f"paths = {{{quoted}}}\ncounter = 0\n"
            "request = function()\n  counter = counter + 1\n"
            '  return wrk.format("GET", paths[(counter % #paths) + 1])\nend\n'
        )
    output = subprocess.run(
        ["wrk", "--threads", "4", "--connections", str(connections), "--duration",
         f"{duration}s", "--timeout", "10s", "--latency", "--script", script.name, base],
        capture_output=True, text=True, timeout=duration + 120, check=True,
    ).stdout  # fmt: skip
    os.unlink(script.name)
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    socket_errors = sum(
        int(n)
        for n in re.findall(
            r"(?:connect|read|write|timeout) (\d+)",
            (re.search(r"Socket errors:.*", output) or re.match("", "")).group(0),
        )
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)", output, re.MULTILINE)
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    return {
        "requests": requests,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "errors": socket_errors + (int(non_2xx.group(1)) if non_2xx else 0),
        "p99_ms": round(float(p99.group(1)) * scale[p99.group(2)], 1) if p99 else None,
    }


class Poller:
    """Threads requesting `paths` in turn, recording (time, path, status) of each request."""

    def __init__(self, base, paths, threads=8):
        self.base, self.paths, self.records = base, paths, []
        self.stop_event = threading.Event()
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.loop, args=(n,)) for n in range(threads)]

    def loop(self, number):
        counter = number
        while not self.stop_event.is_set():
            path = self.paths[counter % len(self.paths)]
            counter += 1
            started = time.monotonic()
            status, _ = get(self.base, path, timeout=5)
            with self.lock:
                self.records.append((started, time.monotonic(), path, status))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop_event.set()
        for thread in self.threads:
            thread.join()


def check_pages(base, paths, seconds):
    """Every path answers 200 for `seconds` (a poller); the failing (path, status) pairs."""
    with Poller(base, paths, threads=4) as poller:
        time.sleep(seconds)
    failures = sorted({(p, s) for _, _, p, s in poller.records if s != 200})
    durations = sorted(end - start for start, end, _, _ in poller.records)
    median = durations[len(durations) // 2] * 1000 if durations else 0
    return f"{len(poller.records)} requests (median {median:.0f} ms)", failures


# -- the run -----------------------------------------------------------------------------


def main():
    if not shutil.which("wrk"):
        raise SystemExit("soak: wrk is missing (`make soak` installs Debian's package as root)")
    base_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/")
    parts = urlsplit(base_url)
    assert parts.hostname in ("127.0.0.1", "localhost", "::1"), "soak runs on loopback only"
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    database_url = urlunsplit(parts._replace(path=f"/{DB_NAME}"))
    work = Path(tempfile.mkdtemp(prefix="soak-"))
    results, failures = [], []
    moto = server = None

    def record(check, measured, requirement, ok):
        results.append((check, measured, requirement, "pass" if ok else "FAIL"))
        if not ok:
            failures.append(check)
        log(f"{check}: {measured} ({'pass' if ok else 'FAIL'})")

    ensure_services()
    import psycopg

    try:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')
        moto = Moto()
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("AWS_")},
            "DJANGO_SETTINGS_MODULE": "site_config.settings.production",
            "DATABASE_URL": database_url,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "DEBUG": "0",
            "CONN_MAX_AGE": "600",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
            "CACHE_KEY_PREFIX": f"soak{os.getpid()}:",
            "STATIC_ROOT": str(work / "static"),
            "LOG_LEVEL": "ERROR",
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": moto.endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "soak",
            "AWS_SECRET_ACCESS_KEY": "soak",
            "AWS_S3_ADDRESSING_STYLE": "path",
            "AWS_S3_CONNECT_TIMEOUT": "1",
            "AWS_S3_READ_TIMEOUT": "2",
        }
        log("migrating a fresh database and loading the demo (images go to moto's S3)")
        for args in (["migrate", "--noinput"], ["load_demo"], ["collectstatic", "--noinput"]):
            subprocess.run(
                [PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, check=True,
                stdout=subprocess.DEVNULL,
            )  # fmt: skip
        urls = subprocess.run(
            [PYTHON, "manage.py", "shell", "-c",
             "from program.models import TalkPage, PresenterPage\n"
             "from blog.models import AnnouncementPage, RecapPage\n"
             "for m in (TalkPage, PresenterPage, AnnouncementPage, RecapPage):\n"
             "    p = m.objects.live().public().first()\n"
             "    print(p.url) if p else None"],
            cwd=BASE_DIR, env=env, check=True, capture_output=True, text=True,
        ).stdout.split()  # fmt: skip
        urls = [url for url in urls if url.startswith("/")]
        paths = PATHS + urls
        server = Gunicorn(env, work / "gunicorn.log")
        for path in paths:  # renditions are made (and stored in S3) on the first view
            status, _ = get(server.base, path, timeout=60)
            if status != 200:
                raise SystemExit(f"soak: {path} answered {status} before any fault")
        log(f"pages: {', '.join(paths)}")

        # 1. Sustained load.
        load = wrk(server.base, paths, DURATION, CONNECTIONS)
        record(
            f"wrk {DURATION} s, {CONNECTIONS} connections, {len(paths)} URLs",
            f"{load['requests']} requests, {load['rps']:.0f}/s, p99 {load['p99_ms']} ms, "
            f"{load['errors']} errors",
            "0 errors",
            load["errors"] == 0,
        )

        # 2. PostgreSQL restarted under load.
        background = threading.Thread(
            target=wrk, args=(server.base, paths, 20, CONNECTIONS // 4), daemon=True
        )
        with Poller(server.base, ["/healthz", "/schedule/", urls[0], "/news/"]) as poller:
            background.start()
            time.sleep(5)
            restart_start = time.monotonic()
            restarted = pg_ctl("restart")
            restart_end = time.monotonic()
            time.sleep(10)
        background.join()
        errors = [r for r in poller.records if r[3] != 200]
        after = [r for r in poller.records if r[0] >= restart_end and r[3] == 200]
        recovered = min(r[1] for r in after if r[2] == "/healthz") - restart_end if after else None
        window_end = restart_end + (recovered or 0)
        outside = [r for r in errors if r[1] < restart_start or r[0] > window_end]
        record(
            "PostgreSQL restart under load",
            f"restart took {restart_end - restart_start:.1f} s; {len(errors)} errors of "
            f"{len(poller.records)} requests, {len(outside)} outside the window; database "
            f"answered {recovered:.2f} s after the restart"
            if recovered is not None
            else "the database never answered again",
            f"back within {RECOVERY_BUDGET:.0f} s, errors only in the window",
            restarted.returncode == 0
            and recovered is not None
            and recovered <= RECOVERY_BUDGET
            and not outside,
        )

        # 3. Redis stopped.
        subprocess.run(["redis-cli", "shutdown", "nosave"], capture_output=True)
        time.sleep(0.5)
        try:
            count, failed = check_pages(server.base, paths, 10)
        finally:
            subprocess.run(REDIS_START, check=False)
        time.sleep(0.5)
        record(
            "Redis stopped",
            f"{count}, {len(failed)} failing URLs {failed or ''}".strip(),
            "every page 200",
            not failed,
        )
        record("Redis restarted", "PONG" if redis_ping() else "no answer", "PONG", redis_ping())

        # 4. The S3 server stopped.
        moto.stop()
        count, failed = check_pages(server.base, paths, 10)
        _, html = get(server.base, urls[-1])
        record(
            "S3 server stopped",
            f"{count}, {len(failed)} failing URLs {failed or ''}".strip(),
            "every page 200",
            not failed,
        )
        record(
            "pages still point at the media store",
            "image URLs present" if moto.endpoint.encode() in html else "no image URLs",
            "img URLs in the HTML",
            moto.endpoint.encode() in html,
        )

        # 5. Still without S3, pages whose renditions are not made yet (as after a new image
        # size): their rows are deleted in SQL, and a Redis restart empties the caches.
        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute("DELETE FROM wagtailimages_rendition")
        subprocess.run(["redis-cli", "shutdown", "nosave"], capture_output=True)
        subprocess.run(REDIS_START, check=False)
        time.sleep(0.5)
        count, failed = check_pages(server.base, paths, 10)
        status, _ = get(server.base, urls[-1])
        record(
            "S3 server stopped, renditions to make",
            f"{count}, {len(failed)} failing URLs {failed or ''}".strip(),
            "every page 200 (without the images)",
            not failed and status == 200,
        )
    finally:
        if server:
            server.stop()
        if moto:
            moto.stop()
        ensure_services()
        record("PostgreSQL and Redis running at the end", f"pg_isready {pg_ready()}, "
               f"redis {redis_ping()}", "both", pg_ready() and redis_ping())  # fmt: skip
        try:
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        except psycopg.Error as error:
            log(f"could not drop {DB_NAME}: {error}")
        shutil.rmtree(work, ignore_errors=True)
        write_report(results, failures)

    if failures:
        raise SystemExit(f"soak failed: {'; '.join(failures)}")
    log("all checks passed")


def write_report(results, failures):
    lines = [
        "# Soak and fault test",
        "",
        "`make soak` (bench/soak.py): gunicorn (4 workers x 8 threads) under the production",
        "settings on 127.0.0.1, a fresh PostgreSQL database with the demo content, Redis as",
        "the cache, the demo images in moto's S3 server.",
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        "",
        "| check | measured | required | result |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in results]
    lines += ["", f"**{'FAILED: ' + '; '.join(failures) if failures else 'All checks passed.'}**"]
    (BASE_DIR / "bench" / "soak.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
