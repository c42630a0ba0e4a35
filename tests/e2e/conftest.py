"""Browser journeys: pytest-playwright driving Debian's Chromium against pytest-django's live_server.

The whole directory is skipped when /usr/bin/chromium is absent. On failure, a screenshot of the page is
saved to test-results/<test>.png.
"""

import os
import re
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path("test-results")
E2E_DIR = Path(__file__).parent


def is_e2e(item):
    return E2E_DIR in Path(item.fspath).parents


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Skip the browser tests without Chromium, and run them last.

    They use transactional_db, which empties the tables when each test ends; pytest-django puts such tests
    last, but pytest then groups tests by pytest-playwright's session-scoped `browser_name` parameter, which
    can move them forward. Run after both.
    """
    items.sort(key=is_e2e)  # stable: everything else keeps its order
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"Chromium not installed ({CHROMIUM})")
    for item in items:
        if is_e2e(item):
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def _allow_orm_while_playwright_runs():
    """Playwright's sync API runs an event loop in the test thread; Django would refuse ORM calls made there."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def _serialized_database(django_db_setup):
    """The database contents serialized at setup, read while the original connection is still current."""
    from django.db import connections

    return {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }


@pytest.fixture(scope="session", autouse=True)
def _serialized_rollback_survives_playwright(_allow_orm_while_playwright_runs, _serialized_database, browser):
    """Keep `serialized_rollback` working once Playwright has started.

    Django's connections live in asgiref's context-local storage; once Playwright's sync API is running, the
    test thread sees a fresh connection object (same in-memory database) that lacks the contents serialized
    at setup, so transactional tests after the first would start from empty tables (no home page, locales or
    root collection). Hand the contents to the connection now in use.
    """
    from django.db import connections

    for alias, contents in _serialized_database.items():
        connections[alias]._test_serialized_contents = contents


def _requests_in_flight():
    # socketserver's ThreadingMixIn names each request thread after its target.
    return [t for t in threading.enumerate() if "process_request_thread" in t.name]


@pytest.fixture(autouse=True)
def _quiet_server_between_tests(request):
    """Let the live server finish every request before the test's database teardown (and the next setup).

    With in-memory SQLite the live server's request threads share the test thread's connection. A request
    still running (an image, an htmx poll) while the tables are flushed or reloaded interleaves savepoints on
    that one connection ("no such savepoint"). Close what the browser still has open, then wait for the server.
    """
    yield
    if not is_e2e(request.node):
        return
    for context in request.getfixturevalue("browser").contexts:  # the ones a test opened itself
        context.close()
    deadline = time.monotonic() + 30
    while _requests_in_flight() and time.monotonic() < deadline:
        time.sleep(0.05)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "ja-JP", "viewport": {"width": 1280, "height": 900}}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    page = getattr(item, "funcargs", {}).get("page")
    if page is None or page.is_closed():
        return
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / (re.sub(r"[^\w.-]+", "_", item.nodeid) + ".png")
    try:
        page.screenshot(path=str(path), full_page=True)
    except Exception as error:  # noqa: BLE001 - a failed screenshot must not hide the test's own failure
        report.sections.append(("screenshot", f"could not save a screenshot: {error}"))
    else:
        report.sections.append(("screenshot", f"saved {path.resolve()}"))
