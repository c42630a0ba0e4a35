"""The benchmark-only wiring (portal/bench.py): off by default, a bare view, SQL statements counted."""

from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.urls import path

import pytest

from portal.bench import bare
from portal.urls import urlpatterns as project_urls


def two_queries(request):
    get_user_model().objects.count()
    get_user_model().objects.exists()
    return HttpResponse("two")


urlpatterns = [path("bench/bare/", bare), path("two/", two_queries), *project_urls]


@pytest.fixture
def bench_wiring(settings):
    settings.ROOT_URLCONF = __name__
    settings.MIDDLEWARE = ["portal.bench.QueryCountMiddleware", *settings.MIDDLEWARE]


@pytest.mark.django_db
def test_bench_view_is_not_mounted_by_default(client, settings):
    assert settings.BENCH_VIEWS is False
    assert "portal.bench.QueryCountMiddleware" not in settings.MIDDLEWARE
    response = client.get("/bench/bare/")
    assert response.status_code == 404
    assert "X-Queries" not in response


@pytest.mark.django_db
def test_bare_view_answers_through_the_middleware_without_a_query(client, bench_wiring):
    response = client.get("/bench/bare/")
    assert response.status_code == 200
    assert response["X-Queries"] == "0"


@pytest.mark.django_db
def test_each_request_reports_its_own_query_count(client, bench_wiring):
    assert client.get("/two/")["X-Queries"] == "2"
    assert client.get("/two/")["X-Queries"] == "2"  # counted per request, not accumulated
