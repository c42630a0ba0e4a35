"""Member searches kept in the cache (search/service.py `ranked_hits`): a repeated search skips the statement,
yet every change to a member's entries shows at once, and viewers of different audiences never share one."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from community.audiences import MemberKind
from search.models import Kind
from search.service import site_search
from tests.factories.members import member, secretariat
from tests.search.helpers import found, index_everything

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kept(settings):
    settings.DIRECTORY_CACHE_SECONDS = 600


@pytest.fixture
def viewer():
    return member(handle="viewer", display_name="閲覧 太郎")


def entry_statements(user, text, kind=Kind.MEMBER):
    """How many statements one tab's search made on the entries table."""
    with CaptureQueriesContext(connection) as queries:
        site_search(user, text, kinds=[kind])
    return sum("search_searchentry" in query["sql"] for query in queries.captured_queries)


def test_a_repeated_member_search_is_answered_from_the_cache(viewer):
    person = member(handle="brewer", display_name="醸造 花子", bio="味噌の仕込みを教えています")
    index_everything()
    assert entry_statements(viewer.user, "味噌") > 0
    assert entry_statements(viewer.user, "味噌") == 0
    assert found(viewer.user, "味噌", Kind.MEMBER) == [person.pk]
    assert entry_statements(viewer.user, "醤油") > 0  # another query is its own search


def test_every_change_to_a_member_shows_at_once(viewer, django_capture_on_commit_callbacks):
    person = member(handle="brewer", display_name="醸造 花子", bio="味噌の仕込みを教えています")
    index_everything()
    assert found(viewer.user, "味噌", Kind.MEMBER) == [person.pk]
    assert found(viewer.user, "麹", Kind.MEMBER) == []

    with django_capture_on_commit_callbacks(execute=True):  # re-indexed after the commit
        person.bio = "麹づくりを教えています"
        person.save()
    assert found(viewer.user, "麹", Kind.MEMBER) == [person.pk]
    assert found(viewer.user, "味噌", Kind.MEMBER) == []

    with django_capture_on_commit_callbacks(execute=True):
        person.bio_audience = "private"
        person.save()
    assert found(viewer.user, "麹", Kind.MEMBER) == []

    newcomer = member(handle="newcomer", display_name="新入 次郎", bio="麹の研究", bio_audience="members")
    with django_capture_on_commit_callbacks(execute=True):
        newcomer.save()
    assert found(viewer.user, "麹", Kind.MEMBER) == [newcomer.pk]

    with django_capture_on_commit_callbacks(execute=True):
        newcomer.status = "suspended"
        newcomer.save()
    assert found(viewer.user, "麹", Kind.MEMBER) == []


def test_audiences_never_share_a_kept_search(viewer):
    """An alumni-only part found by alumni is not handed to an employee from the cache, nor the other way."""
    alum = member(
        handle="alum", display_name="卒業 一郎", bio="ブーメラン入社を考えています", bio_audience="alumni"
    )
    staff = member(
        kind=MemberKind.EMPLOYEE,
        handle="staff",
        display_name="現役 二郎",
        bio="社内公募でブーメランの相談窓口",
        bio_audience="employees",
    )
    colleague = member(kind=MemberKind.EMPLOYEE, handle="colleague", display_name="同僚 三郎")
    office = secretariat(handle="office")
    index_everything()
    assert found(viewer.user, "ブーメラン", Kind.MEMBER) == [alum.pk]
    assert found(colleague.user, "ブーメラン", Kind.MEMBER) == [staff.pk]
    assert found(viewer.user, "ブーメラン", Kind.MEMBER) == [alum.pk]
    assert sorted(found(office.user, "ブーメラン", Kind.MEMBER)) == sorted([alum.pk, staff.pk])
    assert found(colleague.user, "ブーメラン", Kind.MEMBER) == [staff.pk]


def test_the_cache_holds_member_searches_only(viewer):
    """Posts change with every new post and are found by group: they are searched afresh each time."""
    index_everything()
    first = entry_statements(viewer.user, "味噌", Kind.POST)
    assert first > 0
    assert entry_statements(viewer.user, "味噌", Kind.POST) == first


def test_a_backend_that_shows_writes_later_is_asked_every_time(viewer, monkeypatch):
    """Elasticsearch shows written documents after its next refresh: a search kept in that gap would hold a
    member's old entries, so its searches are never kept."""
    from search import backends
    from search.elastic import ElasticsearchSearch

    asked = []

    class LateBackend(backends.DatabaseSearch):
        name = "late"
        sees_updates_at_once = ElasticsearchSearch.sees_updates_at_once

        def hits(self, scope, units, kind, any_unit=False, limit=backends.MAX_HITS):
            asked.append(kind)
            return super().hits(scope, units, kind, any_unit=any_unit, limit=limit)

    monkeypatch.setattr(backends, "current", LateBackend)
    index_everything()
    site_search(viewer.user, "味噌", kinds=[Kind.MEMBER])
    site_search(viewer.user, "味噌", kinds=[Kind.MEMBER])
    assert asked == [Kind.MEMBER, Kind.MEMBER]
