"""Search never shows what a viewer may not see: hidden profile parts, private groups, suspended members,
unpublished or members-only pages — not in results, not in counts, not in facets."""

import contextlib

from django.urls import reverse

import pytest

from community.models import Post
from search.directory import DirectoryQuery, directory_results
from search.entries import reindex
from search.models import Kind, SearchEntry
from search.service import site_search
from tests.factories.community import GroupFactory, add_member, event
from tests.factories.members import applicant, member, secretariat
from tests.search.helpers import found, index_everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer():
    return member(handle="viewer", display_name="閲覧 太郎", name_kana="えつらん たろう")


@pytest.fixture
def hidden_employer():
    return member(
        handle="hidden",
        display_name="秘匿 花子",
        name_kana="ひとく はなこ",
        organisation="極秘フーズ株式会社",
        work_audience="private",
        location="札幌市",
        location_audience="private",
        bio="発酵食品の研究をしています。",
        bio_audience="members",
    )


def test_a_hidden_employer_does_not_find_the_member(viewer, hidden_employer):
    index_everything()
    assert found(viewer.user, "極秘フーズ", Kind.MEMBER) == []
    assert found(viewer.user, "発酵食品", Kind.MEMBER) == [hidden_employer.pk]  # what they show is searchable
    office = secretariat(handle="office")
    assert found(office.user, "極秘フーズ", Kind.MEMBER) == [hidden_employer.pk]  # the secretariat sees all


def test_alumni_only_parts_are_found_by_alumni_only(viewer):
    from community.audiences import MemberKind

    person = member(
        handle="alum", display_name="卒業 一郎", bio="ブーメラン入社を考えています", bio_audience="alumni"
    )
    employee = member(kind=MemberKind.EMPLOYEE, handle="emp", display_name="現役 二郎")
    index_everything()
    assert found(viewer.user, "ブーメラン", Kind.MEMBER) == [person.pk]
    assert found(employee.user, "ブーメラン", Kind.MEMBER) == []


def test_hidden_values_never_reach_facet_counts(viewer, hidden_employer):
    index_everything()
    results = directory_results(viewer.user, DirectoryQuery(text="発酵食品"))
    assert list(results.members) == [hidden_employer]
    facets = results.facets
    assert facets["locations"] == []  # 札幌市 is private: no facet, no count
    assert "極秘" not in str(facets)


def test_searching_by_a_hidden_location_finds_nobody_in_the_directory(login, viewer, hidden_employer):
    index_everything()
    response = login(viewer).get(reverse("directory"), {"q": "札幌市"})
    assert "秘匿 花子" not in response.content.decode()


def test_private_group_posts_are_found_by_its_members_only(viewer, alumna):
    group = GroupFactory(name="秘密の部屋", slug="secret", is_private=True)
    add_member(group, alumna)
    post = Post.objects.create(author=alumna.user, group=group, body="限定の試食会について相談させてください")
    index_everything()
    assert found(alumna.user, "試食会", Kind.POST) == [post.pk]
    assert found(viewer.user, "試食会", Kind.POST) == []
    assert site_search(viewer.user, "試食会").total == 0  # not even in a tab count


def test_suspended_deleted_and_hidden_members_disappear(
    viewer, alumna, django_capture_on_commit_callbacks, secretary
):
    index_everything()
    assert found(viewer.user, "佐藤", Kind.MEMBER) == [alumna.pk]
    with django_capture_on_commit_callbacks(execute=True):  # the change re-indexes after its commit
        alumna.status = "suspended"
        alumna.save()
    assert found(viewer.user, "佐藤", Kind.MEMBER) == []
    assert not SearchEntry.objects.filter(kind=Kind.MEMBER, object_id=alumna.pk).exists()

    other = member(handle="leaving", display_name="退会 三郎")
    index_everything()
    assert found(viewer.user, "退会", Kind.MEMBER) == [other.pk]
    with django_capture_on_commit_callbacks(execute=True):
        other.user.delete()
    assert found(viewer.user, "退会", Kind.MEMBER) == []

    shy = member(handle="shy", display_name="内気 四郎")
    index_everything()
    with django_capture_on_commit_callbacks(execute=True):
        shy.hidden_from_directory = True
        shy.save()
    assert found(viewer.user, "内気", Kind.MEMBER) == []


def test_applicants_are_not_in_the_directory_search(viewer):
    pending = applicant()
    index_everything()
    assert not SearchEntry.objects.filter(kind=Kind.MEMBER, object_id=pending.pk).exists()
    assert found(viewer.user, pending.display_name, Kind.MEMBER) == []


def test_visitors_find_only_public_stories_and_events(client, interview, viewer):
    public = event(title="公開の工場見学")
    members_only = event(title="会員だけの工場見学", audience="members")
    index_everything()
    anonymous = site_search(None, "工場見学")
    assert anonymous.kinds == [Kind.STORY, Kind.EVENT]
    assert [hit.object_id for hit in anonymous.hits[Kind.EVENT]] == [public.pk]
    assert sorted(found(viewer.user, "工場見学", Kind.EVENT)) == sorted([public.pk, members_only.pk])
    html = client.get(reverse("search"), {"q": "工場見学"}).content.decode()
    assert "公開の工場見学" in html and "会員だけの工場見学" not in html


def test_unpublished_stories_are_never_found(interview, viewer):
    index_everything()
    word = interview.title[:4]
    assert found(viewer.user, word, Kind.STORY) == [interview.pk]
    interview.unpublish()
    reindex(Kind.STORY, interview.pk)
    assert found(viewer.user, word, Kind.STORY) == []
    assert found(None, word, Kind.STORY) == []


def test_a_stale_entry_is_still_checked_when_shown(login, viewer, alumna):
    """A post hidden by a moderator a moment ago, before its entry was re-indexed, is not shown."""
    post = Post.objects.create(author=alumna.user, body="古い投稿の試食会レポート")
    index_everything()
    Post.objects.filter(pk=post.pk).update(is_hidden=True)  # no signal: the entry is now stale
    html = login(viewer).get(reverse("search"), {"q": "試食会", "tab": "post"}).content.decode()
    assert "古い投稿の試食会レポート" not in html


def test_search_page_counts_and_highlights(login, viewer, alumna):
    Post.objects.create(author=alumna.user, body="発酵の勉強会をひらきます")
    index_everything()
    response = login(viewer).get(reverse("search"), {"q": "発酵", "tab": "post"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>発酵</mark>" in html


def test_search_page_query_count_is_bounded(login, viewer, alumna, django_assert_max_num_queries):
    for number in range(25):
        Post.objects.create(author=alumna.user, body=f"発酵の話 その{number}")
    index_everything()
    client = login(viewer)
    client.get(reverse("search"), {"q": "発酵", "tab": "post"})
    with django_assert_max_num_queries(30):
        assert client.get(reverse("search"), {"q": "発酵", "tab": "post"}).status_code == 200


def test_an_unavailable_search_service_gets_a_clear_page_not_an_error(client, login, viewer, monkeypatch):
    from search import backends

    class Down:
        def session(self):
            return contextlib.nullcontext()

        def hits(self, *args, **kwargs):
            raise backends.SearchUnavailable("connection refused")

    monkeypatch.setattr(backends, "current", Down)
    response = client.get(reverse("search"), {"q": "発酵"})
    assert response.status_code == 503
    assert "検索" in response.content.decode() or "Search" in response.content.decode()
    response = login(viewer).get(reverse("directory"), {"q": "発酵"})
    assert response.status_code == 200  # the directory still lists members, without the keyword
