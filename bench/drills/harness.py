"""What the drills share: Django set up against real services, our own subprocesses, a logged-in HTTP client.

Importing this module sets Django up with `portal.settings.dev` (unless DJANGO_SETTINGS_MODULE is set) and a
throwaway var folder, so e-mails are written as files in `MAIL_DIR`, where duplicates can be counted.
"""

import http.client
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
# dev settings: with REDIS_URL set, tasks really go through the broker (the test settings would run them inline).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ.setdefault("TSUNAGARI_VAR_DIR", tempfile.mkdtemp(prefix="tsunagari-drill-"))
MAIL_DIR = Path(os.environ["TSUNAGARI_VAR_DIR"]) / "mail"

import django  # noqa: E402

django.setup()


def start(command, env=None, log=None):
    """Start one of our processes in its own process group (so `kill` stops it and its children only)."""
    return subprocess.Popen(  # noqa: S603 - our own commands
        command,
        cwd=ROOT,
        env=dict(os.environ, **(env or {})),
        stdout=log or subprocess.DEVNULL,
        stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
        start_new_session=True,
    )


def start_worker(env=None):
    """A Celery worker consuming both queues, as in production."""
    command = [str(ROOT / ".venv/bin/celery"), "-A", "portal", "worker", "-Q", "celery,email"]
    command += ["--loglevel", "WARNING", "--concurrency", "2", "--without-gossip", "--without-mingle"]
    return start(command, env)


def kill(process, sig=signal.SIGKILL):
    """Signal this process's group (only ours: it runs in its own) and wait for it."""
    if process.poll() is None:
        os.killpg(process.pid, sig)
    process.wait()


def wait(condition, timeout=900, every=0.2):
    """Seconds until condition() is true; SystemExit after `timeout`."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return time.monotonic() - started
        time.sleep(every)
    raise SystemExit("timed out")


def mailed(header="Message-ID"):
    """One entry per e-mail written to MAIL_DIR (the file backend): the value of its `header` line."""
    return [
        line.split(":", 1)[1].strip()
        for path in MAIL_DIR.glob("*.log")
        for line in path.read_text(errors="replace").splitlines()
        if line.startswith(f"{header}: ")
    ]


def member(handle):
    """An approved member (created on the first run) to log in as."""
    from django.contrib.auth import get_user_model

    from community.models import Profile

    user, _ = get_user_model().objects.get_or_create(email=f"{handle}@drill.example")
    Profile.objects.get_or_create(
        user=user, defaults={"handle": handle, "display_name": handle, "status": "member"}
    )
    return user


def session_cookie(user):
    """A session for `user`, as a log-in would make it (in the database: sessions are never only in Redis)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return settings.SESSION_COOKIE_NAME, session.session_key


class Browser:
    """A logged-in member talking HTTP to a running site: cookies by hand, the CSRF token from the form."""

    CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    TOKEN = re.compile(r'name="submit_token" value="([0-9a-f]{32})"')

    def __init__(self, host, port, cookie):
        self.host, self.port, self.cookies = host, port, dict([cookie])

    def request(self, method, path, data=None, timeout=30):
        """(status, headers, body); status 0 when the connection itself failed."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "drill.example"}
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode(errors="replace")
        except OSError:
            return 0, {}, ""
        finally:
            connection.close()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, dict(response.getheaders()), text

    def form_fields(self, path):
        """The CSRF token and a fresh submit token of the page's form (None when the page failed)."""
        status, _headers, text = self.request("GET", path)
        csrf, token = self.CSRF.search(text), self.TOKEN.search(text)
        if status != 200 or not csrf:
            return None
        return {"csrfmiddlewaretoken": csrf.group(1), **({"submit_token": token.group(1)} if token else {})}
