"""The home page's community figures: counted from data, kept a few minutes, renewed at once by publishing."""

import pytest

from community.figures import community_figures
from tests.factories.members import member
from tests.test_page_cache import publish

pytestmark = pytest.mark.django_db


def test_figures_are_counted_once_then_kept(home_page, stories, django_assert_num_queries):
    member(handle="one")
    figures = dict(community_figures(home_page.locale))
    assert figures["members"] == 1 and figures["stories"] == 3
    member(handle="two")
    with django_assert_num_queries(0):
        assert dict(community_figures(home_page.locale))["members"] == 1  # kept: a round number can wait


def test_publishing_renews_the_figures_at_once(client, home_page, interview, collaboration):
    member(handle="one")
    assert dict(community_figures(home_page.locale))["stories"] == 2
    member(handle="two")
    collaboration.unpublish()
    figures = dict(community_figures(home_page.locale))
    assert figures == {**figures, "stories": 1, "members": 2}
    publish(collaboration)
    assert dict(community_figures(home_page.locale))["stories"] == 2
