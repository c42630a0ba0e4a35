"""The fault drills (bench/drills/, docs/reliability.md): the long ones with FAULT_DRILLS=1, the short ones always.

The long drills break real services (PostgreSQL restarted, a Redis of their own stopped, the worker SIGKILLed,
the mail server refusing) and need DATABASE_URL (PostgreSQL) and Redis; each runs in its own process, as it
sets Django up with its own settings, and prints what it checked. The short drills, double submits and the
503 page, are ordinary tests always run: tests/community/test_double_submit.py and
tests/test_database_unavailable.py, collected here too so that `pytest tests/test_fault_drills.py` runs every
drill.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.community.test_double_submit import *  # noqa: F403 - the short drills, run here too
from tests.test_database_unavailable import *  # noqa: F403

ROOT = Path(__file__).resolve().parent.parent
LONG = pytest.mark.skipif(
    os.environ.get("FAULT_DRILLS") != "1",
    reason="long fault drills run only with FAULT_DRILLS=1 (they restart PostgreSQL and kill processes)",
)


def drill(name, *args, env=None):
    """Run bench/drills/<name>.py; returns its last printed line."""
    database = os.environ.get("FAULT_DRILLS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/faults_drill")
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(ROOT / f"bench/drills/{name}.py"), *args],
        cwd=ROOT,
        # The drills' own settings (bench/drills/harness.py: dev), not the suite's: under portal.settings.test
        # tasks would run in-process and the cache would be local, and there would be no outage to drill.
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DATABASE_URL": database,
            **(env or {}),
        },
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    print(result.stdout)
    return result.stdout.strip().splitlines()[-1]


def number(line, label):
    return int(re.search(rf"{label}:? (\d+)", line).group(1))


@LONG
def test_postgres_restart_loses_no_acknowledged_write_and_recovers():
    line = drill("postgres_restart")
    assert number(line, r"lost writes \(success without its row\)") == 0
    assert line.endswith("feed afterwards: 200")


@LONG
def test_worker_killed_mid_fan_out_sends_every_email_once():
    redis = os.environ.get("FAULT_DRILLS_REDIS_URL", "redis://127.0.0.1:6379/5")
    line = drill("worker_kill", "--members", "1200", env={"REDIS_URL": redis})
    assert number(line, "duplicates") == 0 and number(line, "missing") == 0


@LONG
def test_redis_down_keeps_the_site_up_and_loses_no_email():
    line = drill("redis_down")
    assert "during post 302" in line and "during feed 200" in line
    assert number(line, "duplicates") == 0 and number(line, "lost") == 0


@LONG
def test_mail_server_outage_is_retried_and_every_email_sent_once():
    redis = os.environ.get("FAULT_DRILLS_REDIS_URL", "redis://127.0.0.1:6379/5")
    line = drill("mail_outage", env={"REDIS_URL": redis})
    assert number(line, "lost") == 0 and number(line, "duplicates") == 0
    assert int(re.search(r"(\d+) failed", line).group(1)) == 0  # "… 20 rows sent, 0 failed, …"
