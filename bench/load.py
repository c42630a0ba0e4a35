"""Requests per second and latency of the main pages under gunicorn with the production settings, each beside
a bare Django view through the same server (the ceiling on this machine).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tsunagari_load [REDIS_URL=redis://127.0.0.1:6379/8] \
        .venv/bin/python bench/load.py [--quick] [--duration 10] [--only home,feed]

Needs a database seeded by bench/seed.py. Starts gunicorn (bench/server.py: 2 gthread workers × 4 threads),
then for each workload and concurrency 1, 8 and 16 runs a closed-loop load generator (one thread and one
keep-alive connection per simulated client, here in this process) for a fixed time and prints: req/s, p50/p95/p99
in ms, req/s as a ratio of the bare view's at the same concurrency, SQL queries per request (median of the
X-Queries header) and each gunicorn worker's resident memory. The generator shares the two cores with the
server, so every figure, the ceiling included, is what this machine does with both on it.

Uncached pages: the anonymous page cache (home/page_cache.py) keys on the full path, so the "uncached"
workloads add a query parameter that changes on every request (`?nocache=<n>`): each request renders afresh
(and stores an entry nobody reads; the Redis db given in REDIS_URL is emptied at the end). A workload whose
uncached pages show 0 queries is flagged. Logged-in workloads use sessions made for seeded members; searches
and comments rotate over 500 of them so the per-member rate limits (community/ratelimit.py) are not reached.

Kept answers: member searches and the facet counts of filters without words are kept in the cache
(DIRECTORY_CACHE_SECONDS, docs/production.md), and the directory workloads repeat a few queries, so after the
first request of each they measure kept answers. `DIRECTORY_CACHE_SECONDS=0` in the environment measures every
search and count afresh, as for a query nobody asked in the last ten minutes.
"""

import argparse
import http.client
import itertools
import secrets
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.seeding import django_setup  # noqa: E402
from bench.server import HEADERS, HOST, ORIGIN, Server, collect_static, server_environment  # noqa: E402

django_setup(server_environment()["DJANGO_SETTINGS_MODULE"])

from bench.seeding import BENCH_EMAIL, DOMAIN, THREAD_BODY  # noqa: E402
from bench.server import cookie_header, flush_redis, member_sessions  # noqa: E402

CONCURRENCY = (1, 8, 16)
POOL = 500  # members whose sessions searches and comments rotate over
SEARCHES = ["佐藤", "発酵", "マーケティング", "静岡", "キャリア", "品質管理", "海外事業", "データ分析"]


class Client:
    """One simulated client: a keep-alive connection, its cookies, and the workload's next request."""

    def __init__(self, cookies=None):
        self.connection = http.client.HTTPConnection(HOST, timeout=60)
        self.cookies = cookies

    def request(self, method, path, body=None):
        headers = dict(HEADERS)
        if self.cookies:
            headers["Cookie"], csrf = self.cookies
            if method == "POST":
                headers.update({"X-CSRFToken": csrf, "Origin": ORIGIN, "Referer": ORIGIN + "/"})
                headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            self.connection.request(method, quote(path, safe="/?=&%"), body=body, headers=headers)
            response = self.connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            return time.perf_counter() - started, 599, None
        return time.perf_counter() - started, response.status, response.getheader("X-Queries")


class Workload:
    """A named stream of requests: `next(number)` gives (method, path, body). With `sessions`, request number n
    comes from member n modulo their number (rate limits are per member)."""

    def __init__(self, name, paths, sessions=(), method="GET", body=None, ok=(200,)):
        self.name, self.paths, self.method, self.body, self.ok = name, paths, method, body, ok
        self.cookies = [cookie_header(key) for key in sessions]

    def next(self, number):
        return self.method, self.paths(number), self.body(number) if self.body else None


def run(workload, concurrency, duration):
    """Closed loop: `concurrency` clients send requests back to back for `duration` seconds."""
    latencies, statuses, queries = [], [], []
    lock = threading.Lock()
    counter = itertools.count()
    deadline = time.monotonic() + duration

    def loop():
        client, mine = Client(), ([], [], [])
        while time.monotonic() < deadline:
            number = next(counter)
            if workload.cookies:
                client.cookies = workload.cookies[number % len(workload.cookies)]
            elapsed, status, count = client.request(*workload.next(number))
            mine[0].append(elapsed)
            mine[1].append(status)
            if count is not None:
                mine[2].append(int(count))
        with lock:
            latencies.extend(mine[0])
            statuses.extend(mine[1])
            queries.extend(mine[2])

    threads = [threading.Thread(target=loop) for _ in range(concurrency)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    errors = [status for status in statuses if status not in workload.ok]
    return {
        "rps": len(latencies) / elapsed,
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99),
        "queries": statistics.median(queries) if queries else None,
        "errors": len(errors),
        "statuses": sorted(set(errors)),
    }


def percentile(samples, pct):
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))] * 1000


def workloads():
    """The issue's workloads, on the data bench/seed.py made."""
    from community.models import Group, OrgUnit, Post, User
    from stories.models import StoryIndexPage, StoryPage

    bench_user = User.objects.get(email=BENCH_EMAIL)
    pool = list(User.objects.filter(email__endswith=f"@{DOMAIN}").order_by("pk")[:POOL])
    mine = member_sessions([bench_user])
    rotating = member_sessions(pool)
    story = StoryPage.objects.live().public().filter(locale__language_code="ja").first().url
    index = StoryIndexPage.objects.live().filter(locale__language_code="ja").first().url
    thread = Post.objects.get(body=THREAD_BODY).pk
    group = Group.objects.get(slug="load-0").slug
    department = OrgUnit.objects.filter(kind=OrgUnit.DEPARTMENT).order_by("pk").first().pk
    open_posts = list(
        Post.objects.filter(group__isnull=True, is_hidden=False)
        .order_by("-created_at")[:200]
        .values_list("pk")
    )

    def fixed(path):
        return lambda number: path

    def nocache(path):
        return lambda number: f"{path}?nocache={number}-{secrets.token_hex(4)}"

    def comment(number):
        return urlencode({"comment": f"負荷試験のコメント {number}", "submit_token": secrets.token_hex(16)})

    filters = f"/members/?department={department}&joined_from=1990&joined_to=2010"
    return [
        Workload("bare view (ceiling)", fixed("/bench/bare/")),
        Workload("home, anonymous, cached", fixed("/")),
        Workload("home, anonymous, uncached", nocache("/")),
        Workload("story page, cached", fixed(story)),
        Workload("story page, uncached", nocache(story)),
        Workload("story index, cached", fixed(index)),
        Workload("home feed (20 groups)", fixed("/community/"), mine),
        Workload("group page (busy group)", fixed(f"/community/groups/{group}/"), mine),
        Workload("1,000-comment thread", fixed(f"/community/posts/{thread}/"), mine),
        Workload("directory, filters", fixed(filters), mine),
        Workload("directory, broad filter", fixed("/members/?joined_from=1995"), rotating),
        Workload(
            "directory, text", lambda number: f"/members/?q={SEARCHES[number % len(SEARCHES)]}", rotating
        ),
        Workload(
            "directory, text + filter",
            lambda number: f"/members/?q={SEARCHES[number % len(SEARCHES)]}&department={department}",
            rotating,
        ),
        Workload("site search", lambda number: f"/search/?q={SEARCHES[number % len(SEARCHES)]}", rotating),
        Workload("messages inbox", fixed("/messages/"), mine),
        Workload(
            "post a comment",
            lambda number: f"/community/posts/{open_posts[number % len(open_posts)][0]}/comments/",
            rotating,
            method="POST",
            body=comment,
            ok=(302, 303),
        ),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 s per measurement instead of 10")
    parser.add_argument("--duration", type=float, default=None, help="seconds per measurement")
    parser.add_argument("--only", default="", help="comma-separated words: run workloads whose name has one")
    args = parser.parse_args()
    duration = args.duration or (3 if args.quick else 10)
    collect_static()
    flush_redis()
    chosen = workloads()
    if args.only:
        words = args.only.split(",")
        chosen = [chosen[0]] + [w for w in chosen[1:] if any(word in w.name for word in words)]
    log = open(Path(tempfile.gettempdir()) / "bench-gunicorn.log", "ab")  # noqa: SIM115 - closed below
    server = Server(log=log)
    print(f"gunicorn: {len(server.worker_pids())} gthread workers; {duration:g} s per measurement\n")
    header = f"{'workload':<28} {'c':>3} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
    header += f" {'× bare':>7} {'queries':>8} {'errors':>7} {'worker RSS MB':>14}"
    print(header)
    ceiling = {}
    try:
        for workload in chosen:
            run(workload, 2, 2)  # warm both workers: caches, pooled connections, the page cache's entry
            for concurrency in CONCURRENCY:
                result = run(workload, concurrency, duration)
                if workload is chosen[0]:
                    ceiling[concurrency] = result["rps"]
                ratio = result["rps"] / ceiling[concurrency] if ceiling.get(concurrency) else float("nan")
                rss = "/".join(f"{size:.0f}" for size in server.rss())
                queries = "-" if result["queries"] is None else f"{result['queries']:g}"
                flag = ""
                if "uncached" in workload.name and result["queries"] == 0:
                    flag = "  (0 queries: served from a cache?)"
                if result["errors"]:
                    flag += f"  (statuses {result['statuses']})"
                print(
                    f"{workload.name:<28} {concurrency:>3} {result['rps']:>8.1f} {result['p50']:>8.1f} "
                    f"{result['p95']:>8.1f} {result['p99']:>8.1f} {ratio:>7.2f} {queries:>8} "
                    f"{result['errors']:>7} {rss:>14}{flag}",
                    flush=True,
                )
    finally:
        server.stop()
        log.close()
        flush_redis()


if __name__ == "__main__":
    main()
