"""A database that cannot be reached answers 503 with Retry-After and a page that needs no database."""

from unittest import mock

from django.db import InterfaceError, OperationalError
from django.test import Client, RequestFactory
from django.utils import translation

import pytest

from portal.errors import database_unavailable

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_client(alumna):
    client = Client(raise_request_exception=False)
    client.force_login(alumna.user)
    return client


@pytest.mark.parametrize(
    "error", [OperationalError("server closed the connection"), InterfaceError("closed")]
)
def test_lost_database_during_a_request_is_a_503_with_retry_after(member_client, error):
    with mock.patch("community.views.feed.home_feed_page", side_effect=error):
        response = member_client.get("/en/community/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert "The site is briefly unavailable" in body
    assert "nothing you sent just now was saved" in body


def test_a_write_refused_by_the_database_is_a_503_not_a_success(member_client):
    with mock.patch("community.views.feed.create_post", side_effect=OperationalError("terminating")):
        response = member_client.post("/en/community/", {"body": "保存されない"})
    assert response.status_code == 503


def test_other_errors_stay_a_500(member_client):
    with mock.patch("community.views.feed.home_feed_page", side_effect=ValueError("bug")):
        response = member_client.get("/en/community/")
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_the_503_page_is_rendered_without_touching_the_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with translation.override("ja"), django_assert_num_queries(0):
        response = database_unavailable(request)
    assert response.status_code == 503
    assert '<html lang="ja">' in response.content.decode()
