"""Threaded comments on posts and stories, reactions, reports and moderation — and the whole journey."""

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest
from django_comments_xtd.models import XtdComment

from community.models import GroupMembership, Post, Reaction, Report
from community.posting import add_comment
from community.threads import THREADS_PER_PAGE
from tests.factories.community import GroupFactory, PostFactory, add_member
from tests.factories.members import member
from tests.factories.users import with_authenticator

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_post(alumna):
    return PostFactory(author=alumna.user, group=None, body="みんなに質問です")


def test_reply_must_belong_to_the_same_object(alumna, open_post):
    other_post = PostFactory(author=alumna.user, group=None)
    parent = add_comment(alumna.user, other_post, "別の投稿へのコメント")
    with pytest.raises(ValidationError):
        add_comment(alumna.user, open_post, "なりすまし返信", parent_id=parent.pk)


def test_replies_nest_to_a_sensible_depth(alumna, employee, open_post, settings):
    first = add_comment(alumna.user, open_post, "一段目")
    second = add_comment(employee.user, open_post, "二段目", parent_id=first.pk)
    third = add_comment(alumna.user, open_post, "三段目", parent_id=second.pk)
    deeper = add_comment(employee.user, open_post, "四段目", parent_id=third.pk)
    assert [c.level for c in (first, second, third)] == [0, 1, 2]
    assert deeper.level <= settings.COMMENTS_XTD_MAX_THREAD_LEVEL


def test_edit_and_delete_own_comment_only(login, alumna, employee, open_post):
    comment = add_comment(alumna.user, open_post, "元の文")
    assert (
        login(employee).post(reverse("comment_edit", args=[comment.pk]), {"comment": "改ざん"}).status_code
        == 404
    )
    assert login(employee).post(reverse("comment_delete", args=[comment.pk])).status_code == 404
    client = login(alumna)
    client.post(reverse("comment_edit", args=[comment.pk]), {"comment": "直した文"})
    comment.refresh_from_db()
    assert comment.comment == "直した文"
    client.post(reverse("comment_delete", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.is_removed and comment.comment == ""


def test_500_comment_thread_renders_in_bounded_queries(
    login, alumna, employee, open_post, monkeypatch, django_assert_max_num_queries
):
    from community import ratelimit

    monkeypatch.setattr(ratelimit, "LIMITS", dict.fromkeys(ratelimit.LIMITS, (10000, 60)))
    parents = [add_comment(alumna.user, open_post, f"コメント{n}") for n in range(250)]
    for parent in parents:
        add_comment(employee.user, open_post, "返信", parent_id=parent.pk)
    assert XtdComment.objects.count() == 500
    client = login(employee)
    with django_assert_max_num_queries(32):
        response = client.get(reverse("post", args=[open_post.pk]))
    assert response.status_code == 200
    assert len(response.context["threads"]) == THREADS_PER_PAGE  # top-level comments are paginated
    assert client.get(reverse("post", args=[open_post.pk]), {"page": 5}).status_code == 200


def test_reaction_toggles_once_per_kind_without_reload(login, alumna, employee, open_post):
    client = login(employee)
    url = reverse("react", args=["post", open_post.pk])
    response = client.post(url, {"reaction": "like"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert f'id="reactions-post-{open_post.pk}"' in response.content.decode()
    client.post(url, {"reaction": "thanks"}, HTTP_HX_REQUEST="true")
    assert Reaction.objects.filter(user=employee.user).count() == 2
    client.post(url, {"reaction": "like"}, HTTP_HX_REQUEST="true")
    assert list(Reaction.objects.filter(user=employee.user).values_list("kind", flat=True)) == ["thanks"]
    assert client.post(url, {"reaction": "bogus"}).status_code == 404
    assert "鈴木 健太" in client.get(reverse("reactors", args=["post", open_post.pk])).content.decode()


def test_reaction_bar_is_one_form_whose_buttons_name_the_reaction(login, employee, open_post):
    """One form per bar (one token, one address): the clicked button's name and value say which reaction."""
    html = login(employee).get(reverse("post", args=[open_post.pk])).content.decode()
    bar = html[html.index(f'id="reactions-post-{open_post.pk}"') :]
    bar = bar[: bar.index("</form>")]
    assert bar.count("<form") == 1
    assert bar.count('name="reaction"') == len(Reaction.Kind.choices)
    assert f'action="{reverse("react", args=["post", open_post.pk])}"' in bar


def test_story_comments_public_count_members_thread(client, login, interview, alumna):
    add_comment(alumna.user, interview, "素敵なインタビューでした")
    html = client.get(interview.url).content.decode()
    assert "素敵なインタビューでした" not in html  # visitors see the count and an invitation, not the thread
    assert reverse("account_signup") in html
    member_html = login(alumna).get(interview.url).content.decode()
    assert "素敵なインタビューでした" in member_html


def test_visitors_and_applicants_cannot_comment_on_stories(client, login, interview, pending):
    url = reverse("comment_on_story", args=[interview.pk])
    assert client.post(url, {"comment": "spam"}).status_code == 302
    assert login(pending).post(url, {"comment": "spam"}).status_code == 403
    assert not XtdComment.objects.exists()


def test_join_post_comment_reply_react_report_hide_journey(client, login, secretary):
    """Join an open group → post → another member comments → reply → reactions → report → hidden → gone."""
    group = GroupFactory(name="キャリア相談室", slug="career")
    author, commenter = member(handle="author", display_name="投稿 者"), member(handle="commenter")
    moderator = member(handle="mod")
    add_member(group, moderator, role=GroupMembership.Role.MODERATOR)
    from community.groups import sync_moderator_access

    sync_moderator_access(moderator.user)
    with_authenticator(moderator.user)  # the admin's report queue asks for a second factor

    a = login(author)
    a.post(reverse("group_join", args=["career"]))
    a.post(reverse("group", args=["career"]), {"body": "転職の相談にのってください"})
    post = group.posts.get()

    c = login(commenter)
    c.post(reverse("group_join", args=["career"]))
    c.post(reverse("comment_on_post", args=[post.pk]), {"comment": "喜んで！"})
    comment = XtdComment.objects.get()
    a = login(author)
    a.post(reverse("comment_on_post", args=[post.pk]), {"comment": "ありがとう", "parent": comment.pk})
    assert XtdComment.objects.filter(parent_id=comment.pk, level=1).exists()
    a.post(reverse("react", args=["comment", comment.pk]), {"reaction": "thanks"})
    c = login(commenter)
    c.post(reverse("react", args=["post", post.pk]), {"reaction": "like"})
    c.post(reverse("report", args=["post", post.pk]), {"reason": "宣伝のように見えます"})
    report = Report.objects.get()
    assert report.group == group

    m = login(moderator)
    assert report.excerpt in m.get(reverse("community_report_modeladmin_index")).content.decode()
    m.post(reverse("community_handle_report", args=[report.pk]), {"action": "hide"})
    post.refresh_from_db()
    assert post.is_hidden
    for viewer in (commenter, author):
        html = login(viewer).get(reverse("group", args=["career"])).content.decode()
        assert "転職の相談にのってください" not in html
        assert login(viewer).get(reverse("post", args=[post.pk])).status_code == 404
    from community.models import AuditEntry

    assert AuditEntry.objects.filter(action="hide", actor=moderator.user).exists()

    login(secretary).post(reverse("community_handle_report", args=[report.pk]), {"action": "restore"})
    post.refresh_from_db()
    assert not post.is_hidden


def test_moderator_of_another_group_cannot_see_or_handle_its_reports(login, alumna, open_post):
    group = GroupFactory(slug="g1")
    post = PostFactory(author=alumna.user, group=group, body="ある投稿")
    add_member(group, alumna)
    Report.objects.create(reporter=alumna.user, target=post, group=group, reason="r", excerpt="ある投稿")
    other = member(handle="other-mod")
    add_member(GroupFactory(slug="g2"), other, role=GroupMembership.Role.MODERATOR)
    from community.groups import sync_moderator_access

    sync_moderator_access(other.user)
    client = login(other)
    assert "ある投稿" not in client.get(reverse("community_report_modeladmin_index")).content.decode()
    report = Report.objects.get()
    # Wagtail's admin answers a PermissionDenied with a redirect and a message; nothing is done either way.
    assert client.post(
        reverse("community_handle_report", args=[report.pk]), {"action": "remove"}
    ).status_code in (
        302,
        403,
    )
    report.refresh_from_db()
    assert report.status == Report.Status.OPEN
    assert Post.objects.filter(pk=post.pk).exists()


def test_hidden_comment_disappears_from_the_thread(login, alumna, employee, open_post, secretary):
    comment = add_comment(employee.user, open_post, "不適切なコメント")
    report = Report.objects.create(reporter=alumna.user, target=comment, reason="r", excerpt="x")
    login(secretary).post(reverse("community_handle_report", args=[report.pk]), {"action": "hide"})
    assert "不適切なコメント" not in login(alumna).get(reverse("post", args=[open_post.pk])).content.decode()


@pytest.mark.django_db
def test_replies_are_found_through_an_index_on_the_parent():
    """django-comments-xtd looks up a comment's replies on every save; without this index both statements read
    the whole comment table (migration community 0016)."""
    from django.db import connection

    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "django_comments_xtd_xtdcomment")
    assert any(info["index"] and info["columns"] == ["parent_id"] for info in constraints.values())
