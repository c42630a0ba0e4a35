"""The Celery wiring: eager in the embedded default, and a real worker answers when CI provides one."""

import os

from django.conf import settings

import pytest

from portal.celery import app, ping


def test_tests_run_tasks_eagerly():
    assert app.conf.task_always_eager is True
    assert app.conf.task_eager_propagates is True


def test_ping_delay_returns_pong_in_process():
    result = ping.delay()
    assert result.successful()
    assert result.get(timeout=1) == "pong"


def test_ping_apply_returns_pong():
    assert ping.apply().get() == "pong"


def test_ping_is_reachable_by_its_stable_name():
    """Health checks and other processes call the task by name, not by import."""
    assert ping.name == "portal.ping"
    assert app.signature("portal.ping").apply().get() == "pong"


def test_app_reads_celery_settings_from_django():
    assert app.conf.task_acks_late is settings.CELERY_TASK_ACKS_LATE is True
    assert app.conf.worker_prefetch_multiplier == settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1


@pytest.mark.worker
@pytest.mark.skipif(
    os.environ.get("CELERY_WORKER_TESTS") != "1",
    reason="needs a running Celery worker and broker: set CELERY_WORKER_TESTS=1 and REDIS_URL",
)
def test_real_worker_answers_ping(monkeypatch):
    assert settings.REDIS_URL, "CELERY_WORKER_TESTS=1 needs REDIS_URL pointing at the worker's broker"
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    result = ping.delay()
    assert result.get(timeout=30) == "pong"
    assert result.status == "SUCCESS"
