"""`make bench`: build a large conference in a fresh PostgreSQL database, serve it with gunicorn
under the production settings and load it with wrk on 127.0.0.1; time an import of 1,000
markdown files. Writes bench/results.md and bench/results.json, and exits non-zero naming each
budget missed.

Environment: BENCH_DATABASE_URL (default: DATABASE_URL, else postgres://postgres@127.0.0.1:5432/;
the `conference_bench` database on that server is dropped and made again), BENCH_REDIS_URL
(default redis://127.0.0.1:6379/0; keys under a prefix of this run, deleted at the end; when
Redis does not answer the run uses local memory), BENCH_DURATION (seconds per wrk run, 5),
BENCH_CONNECTIONS (wrk connections, 8), BENCH_ROUNDS (cached page and static file measured
in turn this many times, the median kept; 3), BENCH_WORKER_CLASS (gunicorn's, for cached
pages and static files, default gthread; uncached pages are served by sync workers: see
`Gunicorn`).

BENCH_ONLY=cached: only the cached pages against the static files of the same sizes (the
build, the in-process counts, then the cached server): no uncached server, hostile recap or
import, and bench/results.md and results.json are left alone; the figures go to stdout and
var/bench/cached-only.json. For comparing two versions of the page cache back to back.
"""

import datetime
import json
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "bench"
VAR = BASE_DIR / "var" / "bench"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
DB_NAME = "conference_bench"
HOST = "2027.bench.example.org"
IMPORT_HOST = "2023.bench.example.org"
IMPORT_FILES = 1000
IMPORT_TIMEOUT = int(os.environ.get("BENCH_IMPORT_TIMEOUT", "180"))  # 3 x the budget
IMPORT_WORDS = "ticket schedule keynote sprint venue hotel volunteer speaker community"
DURATION = int(os.environ.get("BENCH_DURATION", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))  # cached page and static file, in turn
WORKERS = 2
WORKER_CLASS = os.environ.get("BENCH_WORKER_CLASS", "gthread")
ONLY = os.environ.get("BENCH_ONLY", "")
if ONLY not in ("", "cached"):
    raise SystemExit(f"bench: BENCH_ONLY={ONLY!r}: the only part that runs alone is 'cached'")

BUDGETS = {
    "cached_vs_static": 0.5,  # a cached page: at least half the static file's throughput
    "schedule_uncached_p50_ms": 80.0,
    "page_weight_gzip_bytes": 30 * 1024,  # HTML + CSS, compressed
    "import_seconds": 60.0,
    "hostile_vs_ordinary": 3.0,  # a hostile recap's uncached render: at most 3x an ordinary one
}


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


# -- setup ----------------------------------------------------------------------------------


def database_urls():
    base = os.environ.get("BENCH_DATABASE_URL") or os.environ.get(
        "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/"
    )
    parts = urlsplit(base)
    admin = urlunsplit(parts._replace(path="/postgres"))
    bench = urlunsplit(parts._replace(path=f"/{DB_NAME}"))
    return admin, bench


def fresh_database(admin_url):
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DB_NAME}"')


def settle_database(url):
    """Vacuum, analyse and checkpoint after the build, so that PostgreSQL's own catching up
    (autovacuum, a checkpoint after the bulk writes) does not land inside a measurement."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
        connection.execute("CHECKPOINT")


def redis_url():
    url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port or 6379), timeout=1).close()
    except OSError:
        log(f"Redis at {url} does not answer: the page cache uses local memory per worker")
        return ""
    return url


def environment(database_url, redis, prefix):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_config.settings.production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": ".bench.example.org,127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "DEBUG": "0",
        "MEDIA_ROOT": str(VAR / "media"),
        "STATIC_ROOT": str(VAR / "static"),
        "CONN_MAX_AGE": "600",
        "LOG_LEVEL": "WARNING",
        "REDIS_URL": redis,
        "CACHE_KEY_PREFIX": prefix,
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("AWS_STORAGE_BUCKET_NAME", None)
    return env


def run(command, env, **kwargs):
    return subprocess.run(command, cwd=BASE_DIR, env=env, check=True, **kwargs)


def manage(env, *args, **kwargs):
    return run([PYTHON, "manage.py", *args], env, **kwargs)


# -- serving and loading -------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """The site under the production settings on 127.0.0.1.

    How wrk's few long-lived connections meet the workers decides the figures, so each kind of
    measurement gets the server that measures the page rather than the luck of the accept:
    - cached pages and static files (`worker_class` gthread, the default): a listening socket
      per worker (`--reuse-port`), which the kernel balances connections across. On one shared
      socket the first worker to wake often took all eight connections: about one run in
      five measured one worker, at a third of the throughput.
    - uncached pages (`sync`): two connections for two workers, one request per connection,
      so each request goes to a free worker and p50 is the time a page takes. With threaded
      workers both connections landed on one worker in about half the runs, doubling p50.
    """

    def __init__(self, env, worker_class=WORKER_CLASS):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [
            GUNICORN,
            "site_config.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(WORKERS),
            "--worker-class",
            worker_class,
            "--threads",
            "4" if worker_class == "gthread" else "1",
            "--keep-alive",
            "5",
            *(["--reuse-port"] if worker_class != "sync" else []),
            "--log-level",
            "warning",
        ]
        self.logfile = open(VAR / f"gunicorn-{self.port}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            command, cwd=BASE_DIR, env=env, stdout=self.logfile, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped: see {self.logfile.name}")
            try:
                self.get("/healthz", host="127.0.0.1")
                return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("gunicorn did not start within 60 s")

    def get(self, path, host=HOST):
        request = urllib.request.Request(self.base + path, headers={"Host": host})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.logfile.close()


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def measure_cached_and_static(server, pages):
    """Each cached page and the static file of its size, one after the other, in ROUNDS
    rounds over all the pages: a page and its limit meet the same moments of a shared
    machine, a passing disturbance spoils one round rather than one page, and the median run
    of each is kept."""
    runs = {name: {"cached": [], "static": []} for name in pages}
    for name, page in pages.items():
        path = f"/static/bench/{name}.html"
        status, _headers, body = server.get(path)
        assert status == 200 and len(body) == page["html_bytes"], path
    for round_number in range(1, ROUNDS + 1):
        for name, page in pages.items():
            runs[name]["cached"].append(wrk(server.base, page["path"]))
            runs[name]["static"].append(wrk(server.base, f"/static/bench/{name}.html"))
            log(
                f"round {round_number} {name}: cached {runs[name]['cached'][-1]['rps']} req/s,"
                f" static {runs[name]['static'][-1]['rps']} req/s"
            )
    for name, page in pages.items():
        page["cached"].update(median_run(runs[name]["cached"]))
        page["static"] = median_run(runs[name]["static"])


def median_run(runs):
    """The run with the median requests per second (its latencies with it)."""
    return sorted(runs, key=lambda run: run["rps"])[len(runs) // 2]


def wrk(base, path, host=HOST, connections=CONNECTIONS, duration=DURATION):
    """Requests per second and p50/p99 latency (ms) for one URL, on loopback only."""
    assert base.startswith("http://127.0.0.1:"), "load tests only against 127.0.0.1"
    output = subprocess.run(
        [
            "wrk",
            "--threads",
            "2",
            "--connections",
            str(connections),
            "--duration",
            f"{duration}s",
            "--timeout",
            "10s",
            "--latency",
            "--header",
            f"Host: {host}",
            base + path,
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=duration + 60,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))

    def percentile(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        return round(float(match.group(1)) * UNITS[match.group(2)], 2)

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": round(rps, 1),
        "p50_ms": percentile("50"),
        "p99_ms": percentile("99"),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


# -- the import ----------------------------------------------------------------------------


def write_import_files(folder):
    if folder.exists():
        shutil.rmtree(folder)
    posts = folder / "_posts"
    posts.mkdir(parents=True)
    words = [
        "ticket",
        "schedule",
        "keynote",
        "sprint",
        "venue",
        "hotel",
        "volunteer",
        "speaker",
        "community",
    ]
    for number in range(IMPORT_FILES):
        day = datetime.date(2023, 1, 1) + datetime.timedelta(days=number % 365)
        title = f"Imported post {number:04d} about the {words[number % len(words)]}"
        body = "\n\n".join(
            [
                f"Welcome to post {number}. Get a ticket at {{{{ site.ticket_link }}}}.",
                f"## The {words[(number + 1) % len(words)]}",
                " ".join(words) * 3,
                "- one\n- two\n- three",
                f"<!-- a note for editors {number} -->",
                f"[The schedule](/schedule/) and [us](mailto:team@example.org) #{number}.",
            ]
        )
        (posts / f"{day.isoformat()}-imported-{number:04d}.md").write_text(
            f'---\nlayout: post\ntitle: "{title}"\nauthor: Bench Author\n'
            f"date: {day.isoformat()} 10:00\ncategories: news\n---\n\n{body}\n"
        )


# -- report --------------------------------------------------------------------------------


def machine():
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": model or platform.processor() or "unknown",
        "python": platform.python_version(),
        "gunicorn": f"{WORKERS} workers: sync for uncached pages, {WORKER_CLASS} (4 threads,"
        " a socket per worker) for cached pages and static files",
        "wrk": f"2 threads, {DURATION} s per URL, {CONNECTIONS} connections"
        f" ({WORKERS} for uncached pages); cached pages and static files the median of"
        f" {ROUNDS} runs taken in turn",
    }


def check_budgets(results):
    missed = []
    for name, page in results["pages"].items():
        ratio = page["cached"]["vs_static"]
        if ratio < BUDGETS["cached_vs_static"]:
            missed.append(
                f"cached {name}: {ratio:.0%} of the static file's throughput "
                f"(budget: at least {BUDGETS['cached_vs_static']:.0%})"
            )
        weight = page["html_gzip_bytes"] + page["css_gzip_bytes"]
        if weight >= BUDGETS["page_weight_gzip_bytes"]:
            missed.append(
                f"{name}: HTML + CSS {weight / 1024:.1f} KB compressed (budget: under 30 KB)"
            )
    hostile = results.get("hostile")
    if hostile and hostile["ratio"] > BUDGETS["hostile_vs_ordinary"]:
        missed.append(
            f"hostile recap: {hostile['ratio']}x the ordinary recap's render time "
            f"(budget: at most {BUDGETS['hostile_vs_ordinary']:.0f}x)"
        )
    p50 = results["pages"]["schedule"]["uncached"]["p50_ms"]
    if p50 >= BUDGETS["schedule_uncached_p50_ms"]:
        missed.append(f"uncached schedule: p50 {p50} ms (budget: under 80 ms)")
    seconds = results["import"]["seconds"]
    if results["import"].get("failed"):
        missed.append(f"import of {IMPORT_FILES} files: failed (see the log above)")
    elif seconds is None:
        missed.append(
            f"import of {IMPORT_FILES} files: stopped after {IMPORT_TIMEOUT} s (budget: under 60 s)"
        )
    elif seconds >= BUDGETS["import_seconds"]:
        missed.append(f"import of {IMPORT_FILES} files: {seconds} s (budget: under 60 s)")
    return missed


def import_figure(result):
    if result.get("failed"):
        return "failed"
    if result["seconds"] is None:
        return f"stopped after {result['stopped_after']} s"
    return f"{result['seconds']} s"


def hostile_figure(hostile):
    if not hostile:
        return "Hostile recap: not measured."
    return (
        f"Hostile recap (the worst markdown the bounds let through: `[`, `[!` and `(` left open"
        f" and nested to the bound, deep quotes, unclosed tags, many `<`, `*` and `_`, long"
        f" lines; {hostile['hostile_chars']:,} characters): {hostile['hostile']} ms to plan and"
        f" render uncached, against {hostile['ordinary']} ms for an ordinary recap of"
        f" {hostile['ordinary_chars']:,} characters: {hostile['ratio']}x (median of"
        f" {hostile['renders']} renders each, in process)."
    )


def measure_hostile(env):
    output = run(
        [PYTHON, str(BENCH_DIR / "django_steps.py"), "hostile"],
        env,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output)


def kb(value):
    return f"{value / 1024:.1f}"


def markdown_report(results):
    info = results["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"{results['date']} · {info['nproc']} CPUs ({info['cpu']}) · Python {info['python']}"
        f" · gunicorn {info['gunicorn']} · wrk {info['wrk']} · cache: {results['cache']}",
        "",
        f"Data: {results['data']}. Built in {results['build_seconds']} s.",
        "",
        "| page | queries uncached / cached | uncached req/s | p50 / p99 ms | cached req/s"
        " | p50 / p99 ms | static req/s (same size) | cached / static | uncached / static"
        " | HTML KB | HTML gzip KB | + CSS gzip KB |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, page in results["pages"].items():
        un, ca, st = page["uncached"], page["cached"], page["static"]
        lines.append(
            f"| {name} (`{page['path']}`) | {un['queries']} / {ca['queries']} | {un['rps']}"
            f" | {un['p50_ms']} / {un['p99_ms']} | {ca['rps']} | {ca['p50_ms']} / {ca['p99_ms']}"
            f" | {st['rps']} | {ca['vs_static']:.0%} | {un['vs_static']:.0%}"
            f" | {kb(page['html_bytes'])} | {kb(page['html_gzip_bytes'])}"
            f" | {kb(page['html_gzip_bytes'] + page['css_gzip_bytes'])} |"
        )
    lines += [
        "",
        f"Import of {IMPORT_FILES} generated markdown files (`manage.py import_content`):"
        f" {import_figure(results['import'])}.",
        "",
        hostile_figure(results.get("hostile")),
        "",
        "Budgets: a cached page at least 50% of the static file's throughput; the uncached"
        " schedule p50 under 80 ms; HTML + CSS under 30 KB compressed; the import under 60 s;"
        " the hostile recap at most 3x the ordinary one.",
        "",
    ]
    if results["missed"]:
        lines += ["**Budgets missed:**", ""] + [f"- {item}" for item in results["missed"]]
    else:
        lines.append("Every budget met.")
    return "\n".join(lines) + "\n"


def cached_only_report(results):
    """BENCH_ONLY=cached: the cached/static figures on stdout and in var/bench, nothing else."""
    (VAR / "cached-only.json").write_text(json.dumps(results, indent=1) + "\n")
    print("| page | cached req/s | static req/s (same size) | cached / static |")
    print("| --- | --- | --- | --- |")
    for name, page in results["pages"].items():
        cached, static = page["cached"], page["static"]
        print(
            f"| {name} (`{page['path']}`) | {cached['rps']} | {static['rps']}"
            f" | {cached['vs_static']:.0%} |"
        )
    return 0


# -- main ----------------------------------------------------------------------------------


def main():
    if not shutil.which("wrk"):
        raise SystemExit("bench: wrk is missing (`make bench` installs Debian's package as root)")
    VAR.mkdir(parents=True, exist_ok=True)
    admin_url, bench_url = database_urls()
    redis = redis_url()
    prefix = f"bench-{os.getpid()}-"
    env = environment(bench_url, redis, prefix)
    results = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "cache": "Redis" if redis else "local memory",
        "budgets": BUDGETS,
        "data": "5 editions (Sites), 150 talks and 120 presenters each (750 talks, 600 "
        "presenters), 100 posts each with a cover image (500, 100 of them recaps), 60 images",
    }
    try:
        log(f"fresh database {DB_NAME}")
        fresh_database(admin_url)
        for folder in ("media", "static"):
            shutil.rmtree(VAR / folder, ignore_errors=True)
        manage(env, "migrate", "--noinput", stdout=subprocess.DEVNULL)
        manage(env, "collectstatic", "--noinput", stdout=subprocess.DEVNULL)
        log("building the conference")
        started = time.monotonic()
        run([PYTHON, str(BENCH_DIR / "django_steps.py"), "build"], env)
        settle_database(bench_url)
        results["build_seconds"] = round(time.monotonic() - started)

        log("counting queries and bytes in-process")
        measured = {}
        for mode, enabled in (("uncached", "0"), ("cached", "1")):
            output = run(
                [PYTHON, str(BENCH_DIR / "django_steps.py"), "measure"],
                {**env, "PAGE_CACHE_ENABLED": enabled},
                capture_output=True,
                text=True,
            ).stdout
            measured[mode] = json.loads(output)
        if not ONLY:
            log("rendering a hostile recap and an ordinary one of the same size")
            results["hostile"] = measure_hostile(env)
            log(f"hostile recap: {results['hostile']}")
        pages = {}
        for name, page in measured["uncached"].items():
            pages[name] = {
                key: page[key]
                for key in ("path", "html_bytes", "html_gzip_bytes", "css_bytes", "css_gzip_bytes")
            }
            pages[name]["uncached"] = {"queries": page["queries"]}
            pages[name]["cached"] = {"queries": measured["cached"][name]["queries"]}

        # Static files of the same sizes as the pages, served by WhiteNoise from the same
        # gunicorn (WhiteNoise indexes STATIC_ROOT when the server starts).
        static_dir = VAR / "static" / "bench"
        static_dir.mkdir(parents=True, exist_ok=True)
        for name, page in pages.items():
            (static_dir / f"{name}.html").write_bytes(b"x" * page["html_bytes"])

        for mode, enabled in (("uncached", "0"), ("cached", "1")):
            if ONLY and mode != ONLY:
                continue
            log(f"serving {mode} pages")
            server = Gunicorn(
                {**env, "PAGE_CACHE_ENABLED": enabled},
                worker_class="sync" if mode == "uncached" else WORKER_CLASS,
            )
            try:
                for name, page in pages.items():
                    for _ in range(3):
                        status, headers, body = server.get(page["path"])
                        assert status == 200, (name, status)
                    pages[name][mode]["cache_control"] = headers.get("Cache-Control", "")
                    if mode == "uncached":
                        # One connection per worker, so p50 is the time a page takes rather
                        # than the time it waits in line behind others. A second of warm-up
                        # first: a few requests leave one of the workers cold for the page
                        # (its first renders put p99 at hundreds of ms).
                        wrk(server.base, page["path"], connections=WORKERS, duration=1)
                        pages[name][mode].update(
                            wrk(server.base, page["path"], connections=WORKERS)
                        )
                        log(f"{mode} {name}: {pages[name][mode]}")
                if mode == "cached":
                    measure_cached_and_static(server, pages)
            finally:
                server.stop()
        for page in pages.values():
            for mode in ("uncached", "cached"):
                if "rps" in page[mode]:
                    page[mode]["vs_static"] = round(page[mode]["rps"] / page["static"]["rps"], 3)
        results["pages"] = pages
        if ONLY:
            return cached_only_report(results)

        log(f"importing {IMPORT_FILES} markdown files")
        folder = VAR / "import"
        write_import_files(folder)
        started = time.monotonic()
        try:
            manage(
                env,
                "import_content",
                str(folder),
                "--site",
                IMPORT_HOST,
                stdout=subprocess.DEVNULL,
                timeout=IMPORT_TIMEOUT,
            )
            results["import"] = {
                "files": IMPORT_FILES,
                "seconds": round(time.monotonic() - started, 1),
            }
        except subprocess.CalledProcessError as error:
            log(f"the import failed (exit status {error.returncode})")
            results["import"] = {"files": IMPORT_FILES, "seconds": None, "failed": True}
        except subprocess.TimeoutExpired:
            log(f"the import did not finish within {IMPORT_TIMEOUT} s: stopped")
            results["import"] = {
                "files": IMPORT_FILES,
                "seconds": None,
                "stopped_after": IMPORT_TIMEOUT,
            }
    finally:
        if redis:
            import redis as redis_client

            client = redis_client.Redis.from_url(redis)
            keys = list(client.scan_iter(match=f"{prefix}*", count=1000))
            for start in range(0, len(keys), 1000):
                client.delete(*keys[start : start + 1000])
            client.close()

    results["missed"] = check_budgets(results)
    (BENCH_DIR / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    (BENCH_DIR / "results.md").write_text(markdown_report(results))
    print(markdown_report(results))
    if results["missed"]:
        for item in results["missed"]:
            print(f"bench: budget missed: {item}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
