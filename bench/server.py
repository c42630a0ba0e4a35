"""What bench/load.py and bench/loadtest.py share: gunicorn with the production settings on this machine, the
benchmark members' sessions, and the requests' fixed headers.

The server runs `portal.settings.production` with BENCH_VIEWS on (the bare view and the X-Queries header,
portal/bench.py). Requests say `X-Forwarded-Proto: https`, as the TLS proxy in front of gunicorn would, so
the production settings neither redirect to https nor refuse the Secure cookies.
"""

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.seeding import ROOT

PORT = 8765
HOST = f"127.0.0.1:{PORT}"
ORIGIN = f"https://{HOST}"
HEADERS = {"X-Forwarded-Proto": "https", "Accept-Language": "ja"}
# Two gthread workers (one process per core) with four threads each: the Python work of a request keeps a
# core busy, so more processes than cores only add memory and context switches; the threads overlap the
# waits on PostgreSQL and Redis, and gthread keeps connections alive as a proxy would.
WORKERS, THREADS = 2, 4


def server_environment(workers_env=None):
    """The environment of the server (and of this process, which makes sessions with the same SECRET_KEY)."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("set DATABASE_URL to the seeded PostgreSQL database (bench/seed.py)")
    environment = {
        # Another settings module can be measured the same way (it should build on production's).
        "DJANGO_SETTINGS_MODULE": os.environ.get("BENCH_SETTINGS_MODULE", "portal.settings.production"),
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY", "bench-" + "k" * 50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/8"),
        "BENCH_VIEWS": "1",
        "LOG_LEVEL": "WARNING",
        "SECURE_HSTS_SECONDS": "0",
    }
    environment.update(workers_env or {})
    os.environ.update(environment)
    return dict(os.environ)


def collect_static():
    """The production storage serves hashed file names from a manifest: make sure it exists."""
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=dict(os.environ),
        check=True,
    )


class Server:
    """gunicorn in its own process group; `rss()` is each worker's resident memory in MB."""

    def __init__(self, workers=WORKERS, threads=THREADS, log=None):
        command = [str(Path(sys.executable).parent / "gunicorn"), "portal.wsgi:application"]
        command += ["--bind", HOST, "--workers", str(workers), "--threads", str(threads)]
        command += ["--worker-class", "gthread", "--keep-alive", "30", "--timeout", "60"]
        self.process = subprocess.Popen(  # noqa: S603 - our own server command
            command,
            cwd=ROOT,
            env=dict(os.environ),
            stdout=log or subprocess.DEVNULL,
            stderr=log or subprocess.DEVNULL,
            start_new_session=True,
        )
        self.wait_until_ready()

    def wait_until_ready(self, timeout=120):
        started = time.monotonic()
        request = urllib.request.Request(f"http://{HOST}/bench/bare/", headers=HEADERS)
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise SystemExit("gunicorn exited: see its log")
            try:
                with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - our server
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise SystemExit("gunicorn did not answer in time")

    def worker_pids(self):
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == self.process.pid:
                    pids.append(int(entry.name))
        return pids

    def rss(self):
        sizes = []
        for pid in self.worker_pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def member_sessions(users):
    """Session keys of logged-in sessions for `users`, stored as a log-in would store them (db sessions), so
    no password is hashed during the run and allauth's per-address log-in limit is not in the way."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    keys = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    return keys


def cookie_header(session_key=None):
    """Cookies of one client: its session, if any, and a CSRF secret it also sends as X-CSRFToken."""
    from django.conf import settings

    csrf = secrets.token_hex(16)
    cookies = {settings.CSRF_COOKIE_NAME: csrf}
    if session_key:
        cookies[settings.SESSION_COOKIE_NAME] = session_key
    return "; ".join(f"{name}={value}" for name, value in cookies.items()), csrf


def flush_redis():
    """Empty the Redis db the server used (ours alone: the db number in REDIS_URL)."""
    from django_redis import get_redis_connection

    get_redis_connection("default").flushdb()
