"""/healthz: 200 with every dependency answering, 503 naming the one that does not."""

from django.core.cache import cache
from django.db import OperationalError

import pytest

from home import views

pytestmark = pytest.mark.django_db


class BrokenConnection:
    def cursor(self):
        raise OperationalError("could not connect to server")


class BrokenCache:
    def set(self, *args, **kwargs):
        raise ConnectionError("cache unreachable")

    def get(self, *args, **kwargs):
        raise ConnectionError("cache unreachable")


class ForgetfulCache:
    """Answers, but keeps nothing (a full or misconfigured cache)."""

    def set(self, *args, **kwargs):
        return None

    def get(self, *args, **kwargs):
        return None


def test_healthy_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "broker": "eager"}}


def test_health_is_never_cached(client):
    response = client.get("/healthz")
    assert "no-cache" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_health_check_really_uses_the_cache(client):
    cache.delete("healthz")
    client.get("/healthz")
    assert cache.get("healthz") == "ok"


def test_database_failure_gives_503_naming_the_database(client, monkeypatch):
    monkeypatch.setattr(views, "connection", BrokenConnection())
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"] == "error"
    assert body["checks"]["cache"] == "ok"


@pytest.mark.parametrize("broken_cache", [BrokenCache(), ForgetfulCache()], ids=["raises", "forgets"])
def test_cache_failure_gives_503_naming_the_cache(client, monkeypatch, broken_cache):
    monkeypatch.setattr(views, "cache", broken_cache)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"] == {"database": "ok", "cache": "error", "broker": "eager"}


def test_broker_failure_gives_503_naming_the_broker(client, monkeypatch):
    def unreachable_broker():
        raise ConnectionRefusedError("redis://broker:6379 refused")

    monkeypatch.setitem(views.CHECKS, "broker", unreachable_broker)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "broker": "error"}


def test_health_error_does_not_leak_exception_details(client, monkeypatch):
    monkeypatch.setattr(views, "connection", BrokenConnection())
    response = client.get("/healthz")
    assert "could not connect" not in response.content.decode()


def test_health_accepts_only_get(client):
    assert client.post("/healthz").status_code == 405
