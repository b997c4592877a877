"""Benchmark harness: the portal under gunicorn on a PostgreSQL database of its own, and a load generator.

Absolute speed depends on the machine; a page's speed *relative to the trivial
view* (/healthz: one `SELECT 1`, answered first in the middleware stack) served by the
same server in the same run depends much less on it, so every table shows that
ratio. Targets are stated as such ratios.

The API a benchmark module `bench/<name>.py` uses from `run(h)` (h is this module;
bench/run.py calls `setup()` first):

    setup()                        Django in this process on the bench database (created and
                                   migrated if missing), production settings; static files collected
    is_filled(name), mark_filled(name)
                                   markers in the bench database, so a slow fill runs only once
    copy_rows(model, rows)         COPY an iterable of {attname: value} dicts into the model's table
                                   (fields left out get their model default); returns the row count
    with server(spare_connections=0) as base_url:
                                   gunicorn on a free port: WORKERS workers × THREADS threads (4 × 2), DEBUG=0,
                                   random SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, SECURE_SSL_REDIRECT=0, CONN_MAX_AGE
                                   on; each worker takes its share of CONCURRENCY connections plus
                                   `spare_connections` (room for a background load's requests)
    worker_memory()                {pid: (peak RSS, current RSS) in KiB} of the running (or last) server's
                                   workers, sampled every second from /proc while it runs
    cpu_per_request(base_url, page)
                                   the workers' CPU ms per request of one page, sent one at a time
    profile(base_url, page)        one page (a measure_rounds dict) loaded by wrk while py-spy samples the
                                   workers (BENCH_PY_SPY or py-spy on PATH); the report's lines: the share of
                                   samples by kind of work (SQL, templates, ORM …), by the project's functions
                                   and by the function on top of the stack
    session_cookie(username)       "sessionid=…" for that user (a session made in the database)
    csrf(base_url, path, cookie)   (cookie with csrftoken added, token) for POSTs
    measure(base_url, path, cookie, *, name=None, method="GET", body_factory=None, headers=None,
            seconds=SECONDS, concurrency=CONCURRENCY, expect=(200,))
                                   → Result(name, path, rps, p50_ms, p95_ms, p99_ms, errors, requests); wrk
                                   when installed (less client CPU taken from the server), else httpx (asyncio)
    measure_rounds(base_url, [dict(path=..., cookie=..., name=..., before=None, **measure's options), ...])
                                   the pages taking turns (ROUNDS rounds), so that a change of load on a
                                   shared machine weighs on all of them alike; one combined Result each
                                   (p50: median of the rounds, p95 and p99: the worst round); `before()`,
                                   if given, runs before each of the page's turns (e.g. to reset its data)
    print_table(title, results, *, baseline="healthz", targets=None)
                                   each result beside the baseline, with the ratio and its target
    check(name, ok, detail="")     a target met or missed; bench/run.py exits 1 if any was missed
    record(name, **figures)        free-form figures (e.g. ORM timings) printed at the end

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/pmqa_bench), BENCH_REDIS_URL
(default redis://127.0.0.1:6379/3, emptied whenever a server starts),
BENCH_SECONDS (per page, 12), BENCH_ROUNDS (3), BENCH_CONCURRENCY (16), BENCH_CLIENT=wrk|httpx,
BENCH_WORKERS (4), BENCH_THREADS (2).
"""

import asyncio
import contextlib
import io
import json
import math
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pmqa_bench")
# The shared cache and session store, as in production.
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
SECONDS = float(os.environ.get("BENCH_SECONDS", "12"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "16"))
WARM_UP_SECONDS = 2.0
WORKERS, THREADS = int(os.environ.get("BENCH_WORKERS", "4")), int(os.environ.get("BENCH_THREADS", "2"))
STATIC_ROOT = Path(tempfile.gettempdir()) / "pmqa-bench-static"
# One key for this process and the server it starts: the sessions made here must be valid there.
SECRET_KEY = os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50)

_checks: list[tuple[str, bool, str]] = []
_records: list[tuple[str, dict]] = []


def _server_environment() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pmqa_portal.settings",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "DEBUG": "0",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DB_CONN_MAX_AGE": "600",
        "STATIC_ROOT": str(STATIC_ROOT),
        "LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(ROOT),
    }


# --- the database --------------------------------------------------------------


def _create_database_if_missing() -> None:
    import psycopg2

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    connection = psycopg2.connect(admin_url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                print(f"creating database {name}", flush=True)
                cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        connection.close()


def _manage(*arguments: str) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *arguments], env=_server_environment(), cwd=ROOT, check=True
    )


_set_up = False


def setup() -> None:
    """Create and migrate the bench database, collect static files, and set Django up in this process."""
    global _set_up
    if _set_up:
        return
    _create_database_if_missing()
    _manage("migrate", "--noinput", "--verbosity", "0")
    _manage("collectstatic", "--noinput", "--verbosity", "0")
    os.environ.update({key: value for key, value in _server_environment().items() if key != "PYTHONPATH"})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    with _cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_fill (name text PRIMARY KEY, filled_at timestamptz DEFAULT now())"
        )
    _set_up = True


@contextlib.contextmanager
def _cursor():
    from django.db import connection

    with connection.cursor() as cursor:
        yield cursor


def is_filled(name: str) -> bool:
    with _cursor() as cursor:
        cursor.execute("SELECT 1 FROM bench_fill WHERE name = %s", [name])
        return cursor.fetchone() is not None


def mark_filled(name: str) -> None:
    with _cursor() as cursor:
        cursor.execute("INSERT INTO bench_fill (name) VALUES (%s) ON CONFLICT DO NOTHING", [name])


def _copy_text(value) -> str:
    r"""PostgreSQL's COPY text format: \N for NULL, backslash escapes for the separators."""
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def copy_rows(model, rows: Iterable[dict], *, chunk: int = 50_000) -> int:
    """COPY rows (dicts of attname → value) into the model's table, `chunk` rows at a time."""
    from django.db import connection

    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: f.get_default() for f in fields}
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    total = 0
    buffer = io.StringIO()
    count = 0

    def flush():
        buffer.seek(0)
        with connection.cursor() as cursor:
            cursor.cursor.copy_expert(sql, buffer)
        buffer.seek(0)
        buffer.truncate()

    for row in rows:
        buffer.write("\t".join(_copy_text(row.get(f.attname, defaults[f.attname])) for f in fields))
        buffer.write("\n")
        count += 1
        if count == chunk:
            flush()
            total += count
            count = 0
    if count:
        flush()
        total += count
    return total


# --- the server --------------------------------------------------------------------


def log_path() -> Path:
    return Path(tempfile.gettempdir()) / "pmqa-bench-gunicorn.log"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def server(*, workers: int = WORKERS, threads: int = THREADS, spare_connections: int = 0):
    """gunicorn serving the project's WSGI app; yields its base URL and stops it afterwards."""
    from django.core.cache import cache

    # Every run starts from an empty cache (sessions, the app's key-based entries): what an earlier
    # run kept says nothing of this one.
    cache.clear()
    port = _free_port()
    log = open(log_path(), "w")  # noqa: SIM115
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "pmqa_portal.wsgi",
        "--config",
        str(ROOT / "gunicorn.conf.py"),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--worker-class",
        "gthread",
        "--backlog",
        "2048",
        # gunicorn's workers accept keep-alive connections unevenly: one would often take all of them
        # and leave the other core idle. Capping each worker at its share makes them split evenly; a
        # background load needs a few spare places, else its requests wait until the measure ends.
        "--worker-connections",
        str(max(1, -(-CONCURRENCY // workers)) + spare_connections),
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=_server_environment(), stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    _memory.clear()
    global _server_pid
    _server_pid = process.pid
    stop_sampling = threading.Event()
    sampler = threading.Thread(target=_sample_memory, args=(process.pid, stop_sampling), daemon=True)
    sampler.start()
    try:
        _wait_until_up(base_url, process)
        yield base_url
    finally:
        stop_sampling.set()
        sampler.join()
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


# pid → (peak RSS, last RSS) in KiB, of the current (or last) server's workers.
_memory: dict[int, tuple[int, int]] = {}
_server_pid: int | None = None  # the current server's gunicorn arbiter


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:  # no such file (kernel without it): look for the children's parent pid
        children = []
        for status in Path("/proc").glob("[0-9]*/status"):
            with contextlib.suppress(OSError):
                if f"\nPPid:\t{pid}\n" in status.read_text():
                    children.append(int(status.parent.name))
        return children


def _memory_of(pid: int) -> tuple[int, int] | None:
    """(VmHWM, VmRSS) of a process in KiB: the peak resident memory the kernel recorded, and the current."""
    try:
        fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
        return int(fields["VmHWM"].split()[0]), int(fields["VmRSS"].split()[0])
    except (OSError, KeyError, ValueError):
        return None


def _sample_memory(arbiter: int, stop: threading.Event) -> None:
    while not stop.wait(1.0):
        for pid in _children(arbiter):
            figures = _memory_of(pid)
            if figures:
                peak, rss = figures
                _memory[pid] = (max(peak, _memory.get(pid, (0, 0))[0]), rss)


def worker_memory() -> dict[int, tuple[int, int]]:
    """{pid: (peak RSS KiB, last RSS KiB)} of the gunicorn workers of the current (or last) server;
    a worker that was replaced keeps its entry."""
    return dict(_memory)


def _wait_until_up(base_url: str, process) -> None:
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}; see {log_path()}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(base_url + "/healthz", timeout=2).status_code == 200:
                return
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer /healthz within 60 s")


# --- signing in ---------------------------------------------------------------------


def session_cookie(username: str) -> str:
    """A session for the user, made straight in the database (no login form, no django-axes)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def csrf(base_url: str, path: str, cookie: str) -> tuple[str, str]:
    """GET a page with a form; returns the cookie with the CSRF cookie added, and the token to send."""
    import httpx
    from django.conf import settings

    response = httpx.get(base_url + path, headers={"Cookie": cookie}, timeout=30)
    response.raise_for_status()
    token = response.cookies.get(settings.CSRF_COOKIE_NAME)
    if not token:
        raise RuntimeError(f"{path} set no CSRF cookie")
    return f"{cookie}; {settings.CSRF_COOKIE_NAME}={token}", token


# --- measuring -----------------------------------------------------------------------


@dataclass
class Result:
    name: str
    path: str
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int
    requests: int
    client: str = ""
    extra: dict = field(default_factory=dict)


def _client() -> str:
    choice = os.environ.get("BENCH_CLIENT", "")
    if choice:
        return choice
    return "wrk" if shutil.which("wrk") else "httpx"


def measure(
    base_url: str,
    path: str,
    cookie: str | None,
    *,
    name: str | None = None,
    method: str = "GET",
    body_factory: Callable[[int], dict | str] | None = None,
    headers: dict | None = None,
    seconds: float = SECONDS,
    concurrency: int = CONCURRENCY,
    expect: tuple[int, ...] = (200,),
    warm_up: bool = True,
    quiet: bool = False,
) -> Result:
    """Requests per second and latency of one URL under `concurrency` open connections, after a warm-up."""
    headers = {**(headers or {}), **({"Cookie": cookie} if cookie else {})}
    _preflight(base_url, path, method, headers, body_factory, expect)
    run = _measure_wrk if _client() == "wrk" else _measure_httpx
    if warm_up:
        run(base_url, path, method, headers, body_factory, WARM_UP_SECONDS, concurrency)
    result = run(base_url, path, method, headers, body_factory, seconds, concurrency)
    result.name = name or path
    if not quiet:
        _print_result(result)
    return result


def measure_rounds(base_url: str, pages: list[dict], *, rounds: int = ROUNDS, seconds: float = SECONDS) -> list[Result]:
    """Measure several pages taking turns (`rounds` turns of seconds/rounds each), so that a change in the
    machine's load during the run weighs on every page alike; each dict holds measure()'s arguments
    (path, cookie, name, ...). Returns one combined result per page, in the pages' order."""
    turns: list[list[Result]] = [[] for _ in pages]
    for round_number in range(rounds):
        for index, page in enumerate(pages):
            page = dict(page)
            path, cookie, before = page.pop("path"), page.pop("cookie"), page.pop("before", None)
            if before:
                before()
            turns[index].append(
                measure(base_url, path, cookie, seconds=seconds / rounds, warm_up=round_number == 0, quiet=True, **page)
            )
    results = [_combine(results) for results in turns]
    for result in results:
        _print_result(result)
    return results


def _combine(results: list[Result]) -> Result:
    requests = sum(result.requests for result in results)
    elapsed = sum(result.requests / result.rps for result in results if result.rps)
    first = results[0]
    return Result(
        name=first.name,
        path=first.path,
        rps=requests / elapsed if elapsed else 0.0,
        p50_ms=statistics.median(result.p50_ms for result in results),
        p95_ms=max(result.p95_ms for result in results),
        p99_ms=max(result.p99_ms for result in results),
        errors=sum(result.errors for result in results),
        requests=requests,
        client=first.client,
    )


def _print_result(result: Result) -> None:
    print(
        f"  {result.name:<34} {result.rps:9.1f} req/s  p50 {result.p50_ms:7.1f} ms  p95 {result.p95_ms:7.1f} ms"
        f"  p99 {result.p99_ms:7.1f} ms"
        f"  errors {result.errors}",
        flush=True,
    )


def _encode(body) -> tuple[str, str]:
    from urllib.parse import urlencode

    if isinstance(body, dict):
        return urlencode(body), "application/x-www-form-urlencoded"
    return str(body), "text/plain"


def _preflight(base_url, path, method, headers, body_factory, expect) -> None:
    """One request first: a wrong cookie or URL fails loudly instead of measuring a redirect to the login page."""
    import httpx

    content, content_type = _encode(body_factory(0)) if body_factory else ("", "")
    request_headers = {**headers, **({"Content-Type": content_type} if body_factory else {})}
    response = httpx.request(method, base_url + path, headers=request_headers, content=content or None, timeout=60)
    if response.status_code not in expect:
        raise RuntimeError(f"{method} {path} answered {response.status_code}, expected {expect}: {response.text[:300]}")


_WRK_SCRIPT = """
local bodies = %(bodies)s
local counter = 0
wrk.method = %(method)s
%(headers)s
request = function()
  counter = counter + 1
  if #bodies > 0 then
    return wrk.format(nil, nil, nil, bodies[(counter %% #bodies) + 1])
  end
  return wrk.format()
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %%d %%d %%d %%f %%f %%f\\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.status + e.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99)))
end
"""


def _lua(value: str) -> str:
    """A Lua string literal; the bodies (URL-encoded) and headers are ASCII, where JSON's escapes are Lua's too."""
    if not value.isascii():
        raise ValueError("wrk bodies and headers must be ASCII (URL-encode them)")
    return json.dumps(value)


def _measure_wrk(base_url, path, method, headers, body_factory, seconds, concurrency) -> Result:
    bodies, content_type = [], ""
    if body_factory:
        encoded = [_encode(body_factory(i)) for i in range(1, 201)]
        bodies = [text for text, _type in encoded]
        content_type = encoded[0][1]
    all_headers = {**headers, **({"Content-Type": content_type} if content_type else {})}
    header_lines = "\n".join(f"wrk.headers[{_lua(k)}] = {_lua(v)}" for k, v in all_headers.items())
    script = _WRK_SCRIPT % {
        "bodies": "{" + ", ".join(_lua(body) for body in bodies) + "}",
        "method": _lua(method),
        "headers": header_lines,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script)
    try:
        output = subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{concurrency}",
                f"-d{max(1, round(seconds))}s",
                "--timeout",
                "30s",
                "-s",
                file.name,
                base_url + path,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(file.name)
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    requests, duration_us, errors, p50_us, p95_us, p99_us = line.split()[1:]
    requests = int(requests)
    return Result(
        name="",
        path=path,
        rps=requests / (int(duration_us) / 1e6),
        p50_ms=float(p50_us) / 1000,
        p95_ms=float(p95_us) / 1000,
        p99_ms=float(p99_us) / 1000,
        errors=int(errors),
        requests=requests,
        client="wrk",
    )


def _measure_httpx(base_url, path, method, headers, body_factory, seconds, concurrency) -> Result:
    return asyncio.run(_httpx_load(base_url, path, method, headers, body_factory, seconds, concurrency))


async def _httpx_load(base_url, path, method, headers, body_factory, seconds, concurrency) -> Result:
    import httpx

    latencies: list[float] = []
    errors = 0
    counter = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=30) as client:
        deadline = time.perf_counter() + seconds

        async def worker():
            nonlocal errors, counter
            while time.perf_counter() < deadline:
                counter += 1
                content, content_type = _encode(body_factory(counter)) if body_factory else (None, None)
                request_headers = {**headers, **({"Content-Type": content_type} if content_type else {})}
                start = time.perf_counter()
                try:
                    response = await client.request(method, path, headers=request_headers, content=content)
                    if response.status_code >= 400:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                latencies.append((time.perf_counter() - start) * 1000)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return Result(
        name="",
        path=path,
        rps=len(latencies) / elapsed,
        p50_ms=percentile(latencies, 50),
        p95_ms=percentile(latencies, 95),
        p99_ms=percentile(latencies, 99),
        errors=errors,
        requests=len(latencies),
        client="httpx",
    )


def percentile(ordered: list[float], percent: float) -> float:
    """The value below which `percent` % of the sorted samples lie (nearest rank); 0 without samples."""
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, math.ceil(len(ordered) * percent / 100) - 1))]


# --- profiling ------------------------------------------------------------------------


def _worker_cpu_seconds() -> float:
    """User and system CPU time the current server's workers have used, from /proc/<pid>/stat."""
    ticks = 0
    for pid in _children(_server_pid) if _server_pid else []:
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
    return ticks / os.sysconf("SC_CLK_TCK")


def cpu_per_request(base_url: str, page: dict, *, seconds: float = 4.0, max_requests: int = 400) -> float:
    """The workers' CPU milliseconds per request of one page (a measure_rounds dict), from requests sent one
    at a time on one connection: nothing else may load the server meanwhile. Unlike requests per second, it
    hardly depends on what else the machine runs."""
    import httpx

    page = dict(page)
    headers = {**page.get("headers", {}), **({"Cookie": page["cookie"]} if page.get("cookie") else {})}
    method, body_factory = page.get("method", "GET"), page.get("body_factory")
    with httpx.Client(base_url=base_url, timeout=120) as client:

        def send(n: int):
            content, content_type = _encode(body_factory(n)) if body_factory else (None, None)
            extra = {"Content-Type": content_type} if content_type else {}
            client.request(method, page["path"], headers={**headers, **extra}, content=content)

        send(0)  # the connection is open, the worker warm
        before, count, deadline = _worker_cpu_seconds(), 0, time.monotonic() + seconds
        while count < max_requests and (count < 5 or time.monotonic() < deadline):
            count += 1
            send(count)
        used = _worker_cpu_seconds() - before
    return used * 1000 / count


# What a sample of a worker was doing, by the frames on its stack (the first that matches, from the top).
_PROFILE_BUCKETS = [
    ("waiting for PostgreSQL", ("CursorWrapper._execute ", "DatabaseWrapper.is_usable", "psycopg")),
    ("Redis (sessions, cache)", ("redis/",)),
    ("rendering templates", ("Template.render ", "render_to_string ")),
    ("ORM: rows to objects", ("ModelIterable.__iter__", "Model.from_db", "RelatedPopulator.populate")),
    ("ORM: building SQL", ("SQLCompiler.as_sql", "SQLCompiler.compile", "Query.add_q", "Query.build_filter")),
    ("forms and widgets", ("django/forms/",)),
    ("sessions and the user", ("django/contrib/sessions/", "django/contrib/auth/")),
    ("URL resolving and reversing", ("django/urls/",)),
]
PROJECT_PACKAGES = ("meetings/", "pmqa_portal/", "stakeholders/")


def py_spy() -> str | None:
    """py-spy's path: BENCH_PY_SPY, else on PATH (pip install py-spy, in a venv of its own)."""
    return os.environ.get("BENCH_PY_SPY") or shutil.which("py-spy")


def profile(base_url: str, page: dict, *, seconds: float = 8.0, top: int = 8) -> list[str]:
    """Load one page (measure()'s arguments, as for measure_rounds) with wrk while py-spy samples the
    server's workers; returns the report's lines: where the samples of request handling were spent (by
    kind of work, by the project's functions, and the functions on top of the stack)."""
    spy = py_spy()
    if not spy or _server_pid is None:
        return ["(no profile: install py-spy and set BENCH_PY_SPY, or put it on PATH)"]
    page = dict(page)
    path, cookie = page.pop("path"), page.pop("cookie")
    page.pop("before", None)
    page.pop("name", None)
    output = Path(tempfile.gettempdir()) / "pmqa-bench-profile.txt"
    load = threading.Thread(
        target=measure,
        args=(base_url, path, cookie),
        kwargs={**page, "seconds": seconds + 2, "warm_up": False, "quiet": True},
    )
    load.start()
    time.sleep(1)
    subprocess.run(
        [spy, "record", "--pid", str(_server_pid), "--subprocesses", "--nonblocking", "--rate", "50",
         "--duration", str(round(seconds)), "--format", "raw", "--output", str(output)],
        capture_output=True, check=False,
    )  # fmt: skip
    load.join()
    if not output.exists():
        return ["(no profile: py-spy wrote nothing; it needs ptrace rights)"]
    return _profile_report(output.read_text().splitlines(), top)


def _profile_report(lines: list[str], top: int) -> list[str]:
    buckets: Counter = Counter()
    project: Counter = Counter()
    leaves: Counter = Counter()
    total = 0
    for line in lines:
        stack, _space, count = line.rpartition(" ")
        frames = [frame for frame in stack.split(";") if not frame.startswith("process ")]
        if not count.isdigit() or not any("WSGIHandler.__call__" in frame for frame in frames):
            continue  # not handling a request (the arbiter, gunicorn's accept loop)
        samples = int(count)
        total += samples
        leaves[frames[-1]] += samples
        bucket = next(
            (name for frame in reversed(frames) for name, marks in _PROFILE_BUCKETS if any(m in frame for m in marks)),
            "other (Python in Django, middleware, the views)",
        )
        buckets[bucket] += samples
        for frame in {frame for frame in frames if any(f"({package}" in frame for package in PROJECT_PACKAGES)}:
            project[frame] += samples
    if not total:
        return ["(no profile: no sample was handling a request)"]

    def share(counter):
        return [f"    {count / total:5.0%}  {name}" for name, count in counter.most_common(top)]

    return [
        f"  {total} samples handling requests; by kind of work (the innermost that matches):",
        *share(buckets),
        "  the project's functions (inclusive):",
        *share(project),
        "  on top of the stack (self):",
        *share(leaves),
    ]


# --- reporting -----------------------------------------------------------------------


def check(name: str, ok: bool, detail: str = "") -> bool:
    _checks.append((name, ok, detail))
    return ok


def record(name: str, **figures) -> None:
    _records.append((name, figures))


def print_table(title: str, results: list[Result], *, baseline: str = "healthz", targets: dict | None = None) -> None:
    """Each page's figures beside the baseline's, the ratio of their request rates and the target ratio."""
    targets = targets or {}
    base = next(result for result in results if result.name == baseline)
    width = max(len(result.name) for result in results)
    client = base.client or _client()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"\n{title}  (client {client}, {CONCURRENCY} connections, {SECONDS:g} s a page;"
        f" gunicorn {WORKERS} workers × {THREADS} threads; {os.cpu_count()} CPUs, load average {load})"
    )
    columns = "  ".join(f"{column:>8}" for column in ("req/s", "p50 ms", "p95 ms", "p99 ms"))
    header = f"{'page':<{width}}  {columns}  {'errors':>6}  {'ratio':>6}  {'target':>7}"
    print(header)
    print("-" * len(header))
    for result in results:
        ratio = result.rps / base.rps if base.rps else 0.0
        target = targets.get(result.name)
        mark = "" if target is None else (" ok" if ratio >= target else " MISSED")
        target_text = "" if target is None else f"≥{target:.2f}"
        print(
            f"{result.name:<{width}}  {result.rps:8.1f}  {result.p50_ms:8.1f}  {result.p95_ms:8.1f}  "
            f"{result.p99_ms:8.1f}  {result.errors:6d}  {ratio:6.2f}  {target_text:>7}{mark}"
        )


def summary() -> int:
    """Print the free-form records and the targets; 1 if a target was missed."""
    if _records:
        print("\nOther figures")
        for name, figures in _records:
            text = ", ".join(
                f"{key} {value:.1f}" if isinstance(value, float) else f"{key} {value}" for key, value in figures.items()
            )
            print(f"  {name}: {text}")
    if _checks:
        print("\nTargets")
        for name, ok, detail in _checks:
            print(f"  {'ok    ' if ok else 'MISSED'} {name}{(': ' + detail) if detail else ''}")
    return 0 if all(ok for _name, ok, _detail in _checks) else 1


__all__ = [
    "CONCURRENCY",
    "ROUNDS",
    "SECONDS",
    "Result",
    "check",
    "copy_rows",
    "csrf",
    "is_filled",
    "mark_filled",
    "measure",
    "measure_rounds",
    "percentile",
    "cpu_per_request",
    "profile",
    "py_spy",
    "print_table",
    "record",
    "server",
    "session_cookie",
    "setup",
    "summary",
    "worker_memory",
]
