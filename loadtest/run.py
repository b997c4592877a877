"""Load and fault test: many note-takers capture points into the same meetings at once.

Not a test of the suite. It runs two gunicorn app servers (two ports) against one
PostgreSQL database `pmqa_load` on this machine, lets N simulated note-takers (an
asyncio client each) log in and capture points through the capture form into M
meetings, half of them on each server, polling for the others' points as the
capture page does. It reports requests, errors, points acknowledged and points in
the database, and fails (exit 1) if an acknowledged point is missing.

    .venv/bin/python loadtest/run.py                 # 40 note-takers, 4 meetings, 30 s
    .venv/bin/python loadtest/run.py --restart-db    # PostgreSQL stopped and started mid-run

With --restart-db, PostgreSQL is stopped a third of the way through and started
again --down-seconds later (0: `pg_ctlcluster … restart`): requests fail while it is
down and succeed again once it is back, without restarting the app servers
(persistent connections with health checks, settings.DB_CONN_MAX_AGE).
Loopback only; bounded by --duration and --max-points.
"""

import argparse
import asyncio
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg2

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE = "pmqa_load"
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
HOST = "127.0.0.1"  # loopback only
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Tally:
    requests: Counter = field(default_factory=Counter)  # (kind, outcome) -> count
    acknowledged: set = field(default_factory=set)
    failed_texts: set = field(default_factory=set)
    timeline: Counter = field(default_factory=Counter)  # (second, ok|error) -> count
    started: float = field(default_factory=time.monotonic)

    def record(self, kind: str, outcome: str) -> None:
        self.requests[(kind, outcome)] += 1
        second = int(time.monotonic() - self.started)
        self.timeline[(second, "ok" if outcome == "ok" else "error")] += 1


def run_command(args, env=None, **kwargs):
    return subprocess.run(args, cwd=ROOT, env=env, check=True, text=True, capture_output=True, **kwargs)  # noqa: S603


def app_environment() -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST", "DJANGO_LIVE"))}
    env.update(
        DATABASE_URL=f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{DATABASE}",
        DEBUG="0",
        # The servers share one cache, as in production: a page cached by one is renewed by a write through the other.
        REDIS_URL=os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/5"),
        SECRET_KEY="load-" + secrets.token_urlsafe(40),
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="0",  # the client says it came through TLS (X-Forwarded-Proto)
        LOG_LEVEL="ERROR",
        STATIC_ROOT=str(Path(tempfile.gettempdir()) / "pmqa-load-static"),
    )
    return env


def fresh_database(env, meetings: int, note_takers: int, password: str) -> dict:
    connection = psycopg2.connect(dbname="postgres", **PG)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {DATABASE}")
    connection.close()
    run_command([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env=env)
    run_command([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], env=env)  # DEBUG off: manifest
    run_command([PYTHON, "manage.py", "load_demo"], env=env)
    seeded = run_command([PYTHON, "loadtest/seed.py", str(meetings), str(note_takers), password], env=env)
    return json.loads(seeded.stdout.strip().splitlines()[-1])


SERVER_LOG = ROOT / "test-artifacts" / "loadtest-servers.log"


def start_servers(env, ports, workers: int) -> list[subprocess.Popen]:
    servers = []
    SERVER_LOG.parent.mkdir(exist_ok=True)
    log = SERVER_LOG.open("w")  # the app servers' errors (e.g. while PostgreSQL is down)
    for port in ports:
        args = [str(Path(PYTHON).with_name("gunicorn")), "pmqa_portal.wsgi", "--config", str(ROOT / "gunicorn.conf.py"),
                "--bind", f"{HOST}:{port}",
                "--workers", str(workers), "--timeout", "30", "--graceful-timeout", "5",
                "--log-level", "error"]  # fmt: skip
        servers.append(subprocess.Popen(args, cwd=ROOT, env=env, start_new_session=True,  # noqa: S603
                                        stdout=log, stderr=subprocess.STDOUT))  # fmt: skip
    for port in ports:
        for _ in range(100):
            try:
                if httpx.get(f"http://{HOST}:{port}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        else:
            raise SystemExit(f"the app server on port {port} did not start")
    return servers


def stop_servers(servers) -> None:
    for server in servers:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
    for server in servers:
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


class NoteTaker:
    """One note-taker's browser: its own session, talking to one app server."""

    def __init__(self, base: str, username: str, password: str):
        self.base = base
        self.username = username
        self.password = password
        # The app runs with DEBUG off: cookies are Secure and the client says it came over TLS.
        self.client = httpx.AsyncClient(
            base_url=base, timeout=10, follow_redirects=False,
            headers={"X-Forwarded-Proto": "https", "Origin": base.replace("http://", "https://"),
                     "Referer": base.replace("http://", "https://") + "/"},
        )  # fmt: skip
        self.cookies: dict[str, str] = {}

    def _remember(self, response) -> None:
        for name in ("csrftoken", "sessionid"):
            value = response.cookies.get(name)
            if value:
                self.cookies[name] = value

    def _headers(self, extra=None) -> dict:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if "csrftoken" in self.cookies:
            headers["X-CSRFToken"] = self.cookies["csrftoken"]
        return {**headers, **(extra or {})}

    async def log_in(self) -> None:
        page = await self.client.get("/accounts/login/", headers=self._headers(), timeout=60)
        self._remember(page)
        token = CSRF_INPUT.search(page.text).group(1)
        data = {"username": self.username, "password": self.password, "csrfmiddlewaretoken": token}
        response = await self.client.post("/accounts/login/", data=data, headers=self._headers(), timeout=60)
        self._remember(response)
        if response.status_code != 302:
            raise RuntimeError(f"{self.username} could not log in: HTTP {response.status_code}")

    async def capture(self, meeting: dict, text: str, number: int) -> str:
        """Post one point as the capture form does with htmx: "ok" when the server acknowledged it."""
        data = {
            "agency": meeting["agencies"][number % len(meeting["agencies"])],
            "lead_question": meeting["questions"][number % len(meeting["questions"])],
            "kind": "current_practice",
            "text": text,
        }
        response = await self.client.post(f"/meetings/{meeting['id']}/capture/", data=data,
                                          headers=self._headers({"HX-Request": "true"}))  # fmt: skip
        # Saved: the fresh form and the new row, with the event that refreshes the coverage matrix.
        if response.status_code == 200 and "points-changed" in response.headers.get("HX-Trigger", ""):
            return "ok"
        return "form refused" if response.status_code == 200 else f"http {response.status_code}"

    async def poll(self, meeting: dict) -> int:
        response = await self.client.get(f"/meetings/{meeting['id']}/capture/changes/?since=",
                                         headers=self._headers({"HX-Request": "true"}))  # fmt: skip
        return response.status_code

    async def close(self) -> None:
        await self.client.aclose()


async def note_taker_loop(taker: NoteTaker, meeting: dict, tally: Tally, run_id: str, index: int,
                          deadline: float, max_points: int, pause: float) -> None:  # fmt: skip
    number = 0
    while time.monotonic() < deadline and number < max_points:
        number += 1
        text = f"{run_id} ผู้บันทึก {index} ประเด็น {number}"
        try:
            outcome = await taker.capture(meeting, text, number)
            (tally.acknowledged if outcome == "ok" else tally.failed_texts).add(text)
            tally.record("capture", outcome)
        except httpx.HTTPError as error:
            tally.failed_texts.add(text)
            tally.record("capture", type(error).__name__)
        if number % 3 == 0:
            try:
                status = await taker.poll(meeting)
                tally.record("poll", "ok" if status in (200, 204) else f"http {status}")
            except httpx.HTTPError as error:
                tally.record("poll", type(error).__name__)
        await asyncio.sleep(pause)


def other_database_sessions() -> int:
    connection = psycopg2.connect(dbname="postgres", **PG)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname IS NOT NULL AND datname NOT IN (%s, 'postgres')"
                " AND pid <> pg_backend_pid()",
                [DATABASE],
            )
            return cursor.fetchone()[0]
    finally:
        connection.close()


async def restart_database(at: float, down_seconds: float, events: list) -> None:
    await asyncio.sleep(at)
    cluster = ["pg_ctlcluster", "--skip-systemctl-redirect", os.environ.get("PG_CLUSTER_VERSION", "15"), "main"]
    started = time.monotonic()
    if down_seconds <= 0:
        events.append((started, "restart"))
        await asyncio.to_thread(run_command, [*cluster, "restart"])
    else:
        events.append((started, "stop"))
        await asyncio.to_thread(run_command, [*cluster, "stop", "-m", "fast"])
        await asyncio.sleep(down_seconds)
        await asyncio.to_thread(run_command, [*cluster, "start"])
    events.append((time.monotonic(), "PostgreSQL accepting connections again"))


def stored_points(run_id: str) -> set[str]:
    connection = psycopg2.connect(dbname=DATABASE, **PG)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT text FROM meetings_discussionpoint WHERE text LIKE %s AND deleted_at IS NULL", [run_id + "%"]
            )
            return {row[0] for row in cursor.fetchall()}
    finally:
        connection.close()


async def load(args, plan: dict, password: str, ports: list[int], tally: Tally, events: list) -> None:
    run_id = "load-" + secrets.token_hex(4)
    args.run_id = run_id
    takers = [NoteTaker(f"http://{HOST}:{ports[n % len(ports)]}", username, password)
              for n, username in enumerate(plan["users"])]  # fmt: skip
    # Passwords are hashed slowly on purpose: log in a few at a time before the load starts.
    gate = asyncio.Semaphore(len(ports) * args.workers)

    async def log_in(taker):
        async with gate:
            await taker.log_in()

    await asyncio.gather(*(log_in(taker) for taker in takers))
    tally.started = time.monotonic()
    deadline = tally.started + args.duration
    tasks = [
        note_taker_loop(taker, plan["meetings"][n % len(plan["meetings"])], tally, run_id, n, deadline,
                        args.max_points, args.pause)
        for n, taker in enumerate(takers)
    ]  # fmt: skip
    if args.restart_db:
        tasks.append(restart_database(args.duration / 3, args.down_seconds, events))
    await asyncio.gather(*tasks)
    await asyncio.gather(*(taker.close() for taker in takers))


def report(args, tally: Tally, stored: set[str], events: list, elapsed: float) -> bool:
    acknowledged = tally.acknowledged
    lost = acknowledged - stored
    unacknowledged_but_stored = (stored - acknowledged) & tally.failed_texts
    total = sum(tally.requests.values())
    errors = sum(count for (_kind, outcome), count in tally.requests.items() if outcome != "ok")
    restart = ", PostgreSQL restarted mid-run" if args.restart_db else ""
    print(f"\n== load test: {len(args.users)} note-takers, {args.meetings} meetings, 2 app servers × "
          f"{args.workers} workers, {elapsed:.0f} s{restart} ==")  # fmt: skip
    print(f"requests: {total} ({total / elapsed:.0f}/s), errors: {errors}")
    for (kind, outcome), count in sorted(tally.requests.items()):
        print(f"  {kind:<8} {outcome:<22} {count}")
    print(f"points acknowledged: {len(acknowledged)}")
    print(f"points in the database: {len(stored)}")
    print(f"acknowledged but missing: {len(lost)}")
    print(f"stored although the client saw an error (committed, answer lost): {len(unacknowledged_but_stored)}")
    if events:
        start = tally.started
        print("database events: " + ", ".join(f"{when - start:.1f} s {what}" for when, what in events))
        seconds = sorted({second for second, _ in tally.timeline})
        print("per second (ok/error): " + " ".join(
            f"{s}:{tally.timeline[(s, 'ok')]}/{tally.timeline[(s, 'error')]}" for s in seconds))  # fmt: skip
        last_error = max((s for s in seconds if tally.timeline[(s, "error")]), default=None)
        recovered = [s for s in seconds if last_error is not None and s > last_error and tally.timeline[(s, "ok")]]
        print(f"last second with an error: {last_error}; ok requests after it: "
              f"{sum(tally.timeline[(s, 'ok')] for s in recovered)}")  # fmt: skip
    return not lost


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--note-takers", type=int, default=40)
    parser.add_argument("--meetings", type=int, default=4)
    parser.add_argument("--duration", type=float, default=30, help="seconds of load (at most 300)")
    parser.add_argument("--max-points", type=int, default=1000, help="per note-taker")
    parser.add_argument("--pause", type=float, default=0.05, help="seconds between a note-taker's points")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per app server")
    parser.add_argument("--ports", default="8101,8102")
    parser.add_argument("--restart-db", action="store_true")
    parser.add_argument("--down-seconds", type=float, default=3, help="0: pg_ctlcluster restart")
    args = parser.parse_args(argv)
    args.duration = min(args.duration, 300)
    ports = [int(port) for port in args.ports.split(",")]
    password = "load-" + secrets.token_urlsafe(12)
    env = app_environment()
    print("preparing the database pmqa_load …", flush=True)
    plan = fresh_database(env, args.meetings, args.note_takers, password)
    args.users = plan["users"]
    if args.restart_db:
        for _ in range(60):  # do not pull PostgreSQL from under another database's session
            if other_database_sessions() == 0:
                break
            time.sleep(5)
        else:
            print("other databases are in use on this PostgreSQL: not restarting it", file=sys.stderr)
            return 2
    servers = start_servers(env, ports, args.workers)
    tally, events = Tally(), []
    try:
        asyncio.run(load(args, plan, password, ports, tally, events))
        elapsed = time.monotonic() - tally.started  # the load itself, logins excluded
    finally:
        stop_servers(servers)
    stored = stored_points(args.run_id)
    return 0 if report(args, tally, stored, events, elapsed) else 1


if __name__ == "__main__":
    sys.exit(main())
