"""Drill: SIGKILL the Celery worker in the middle of a notification fan-out, restart it; every e-mail once.

This is bench/fanout.py's crash drill (one implementation), run small: it SIGKILLs its own worker's process
group a quarter of the way through a fan-out, starts a new worker, redelivers, and prints the counts from the
outbox and from the mail folder (duplicates and missing e-mails should both be 0).

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/faults_drill REDIS_URL=redis://127.0.0.1:6379/5 \\
     .venv/bin/python bench/drills/worker_kill.py [--members 1200]
"""

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(members=1200):
    """Run the fan-out drill in its own process (it sets Django up itself); returns its printed lines."""
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(ROOT / "bench/fanout.py"), "--members", str(members)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
        check=True,
    )
    print(result.stdout, end="")
    return result.stdout


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1200)
    run(parser.parse_args().members)
