"""Groups, feeds and posts from the attacker's side: private content stays private everywhere."""

from django.urls import reverse

import pytest

from community.models import Group, GroupMembership, Post
from tests.factories.community import GroupFactory, PostFactory, add_member
from tests.factories.members import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_group(alumna):
    group = GroupFactory(name="非公開の会", slug="secret-circle", is_private=True)
    add_member(group, alumna)
    return group


@pytest.fixture
def secret_post(private_group, alumna):
    return PostFactory(author=alumna.user, group=private_group, body="ここだけの話 TOPSECRET")


@pytest.fixture
def outsider(db):
    return member(handle="outsider", display_name="外部 太郎")


@pytest.fixture
def other_moderator(db):
    other = GroupFactory(name="別の会", slug="other")
    profile = member(handle="othermod")
    add_member(other, profile, role=GroupMembership.Role.MODERATOR)
    return profile


def test_private_post_is_404_for_non_members_and_refused_to_others(
    client, login, secret_post, outsider, pending, suspended
):
    url = reverse("post", args=[secret_post.pk])
    assert client.get(url).status_code == 302  # anonymous → log in
    assert login(outsider).get(url).status_code == 404
    assert login(pending).get(url).status_code == 403
    assert login(suspended).get(url).status_code == 403


def test_private_group_feed_shows_nothing_to_non_members(login, secret_post, outsider):
    html = login(outsider).get(reverse("group", args=["secret-circle"])).content.decode()
    assert "非公開の会" in html  # the group itself can be found, to ask to join
    assert "TOPSECRET" not in html
    assert login(outsider).get(reverse("group_members", args=["secret-circle"])).status_code == 404


@pytest.mark.parametrize("url_name", ["feed", "groups"])
def test_private_posts_never_in_outsiders_feeds(login, secret_post, outsider, url_name):
    assert "TOPSECRET" not in login(outsider).get(reverse(url_name)).content.decode()


def test_private_post_reactions_comments_and_reports_are_404_by_guessing_ids(
    login, secret_post, outsider, alumna
):
    from community.posting import add_comment

    comment = add_comment(alumna.user, secret_post, "内緒のコメント")
    client = login(outsider)
    assert (
        client.post(reverse("comment_on_post", args=[secret_post.pk]), {"comment": "hi"}).status_code == 404
    )
    assert (
        client.post(reverse("react", args=["post", secret_post.pk]), {"reaction": "like"}).status_code == 404
    )
    assert (
        client.post(reverse("react", args=["comment", comment.pk]), {"reaction": "like"}).status_code == 404
    )
    assert client.get(reverse("reactors", args=["post", secret_post.pk])).status_code == 404
    assert client.get(reverse("report", args=["comment", comment.pk])).status_code == 404
    assert client.get(reverse("comment_edit", args=[comment.pk])).status_code == 404


def test_stock_comments_endpoints_are_not_mounted(client, login, secret_post, alumna):
    """django-comments-xtd's own list/count/post endpoints filter only by content type and id: we do not mount them."""
    from django.urls import NoReverseMatch

    for name in (
        "comments-xtd-api-list",
        "comments-post-comment",
        "comments-xtd-api-count",
        "comments-xtd-reply",
    ):
        with pytest.raises(NoReverseMatch):
            reverse(name, args=[1]) if "reply" in name else reverse(name)
    assert login(alumna).get("/comments/api/").status_code == 404


def test_member_removed_from_private_group_loses_access_at_once(login, secret_post, private_group):
    insider = member(handle="insider")
    add_member(private_group, insider)
    client = login(insider)
    assert client.get(reverse("post", args=[secret_post.pk])).status_code == 200
    GroupMembership.objects.filter(group=private_group, user=insider.user).delete()
    assert client.get(reverse("post", args=[secret_post.pk])).status_code == 404
    assert "TOPSECRET" not in client.get(reverse("feed")).content.decode()


def test_join_open_group_then_post_and_it_appears_in_feed(login, outsider):
    group = GroupFactory(name="開かれた会", slug="open")
    client = login(outsider)
    assert client.post(reverse("group_join", args=["open"])).status_code == 302
    response = client.post(reverse("group", args=["open"]), {"body": "はじめまして **よろしく**"})
    assert response.status_code == 302
    post = Post.objects.get(group=group)
    assert "<strong>よろしく</strong>" in post.body_html
    assert "はじめまして" in client.get(reverse("feed")).content.decode()


def test_private_group_join_is_a_request_approved_by_its_moderator(
    login, private_group, alumna, outsider, other_moderator
):
    GroupMembership.objects.filter(group=private_group, user=alumna.user).update(role="moderator")
    client = login(outsider)
    client.post(reverse("group_join", args=["secret-circle"]))
    membership = GroupMembership.objects.get(group=private_group, user=outsider.user)
    assert membership.state == "requested"
    assert client.get(reverse("group_members", args=["secret-circle"])).status_code == 404

    # A moderator of another group cannot approve it.
    other = login(other_moderator)
    assert other.get(reverse("group_requests", args=["secret-circle"])).status_code == 404
    other.post(
        reverse("group_requests", args=["secret-circle"]),
        {"membership": membership.pk, "decision": "approve"},
    )
    membership.refresh_from_db()
    assert membership.state == "requested"

    login(alumna).post(
        reverse("group_requests", args=["secret-circle"]),
        {"membership": membership.pk, "decision": "approve"},
    )
    membership.refresh_from_db()
    assert membership.state == "active"


def test_cannot_post_into_a_group_one_does_not_belong_to(login, outsider):
    GroupFactory(name="開かれた会", slug="open")
    response = login(outsider).post(reverse("group", args=["open"]), {"body": "飛び入り"})
    assert response.status_code == 400
    assert not Post.objects.exists()


def test_feed_post_to_a_foreign_group_id_is_refused(login, outsider, private_group):
    response = login(outsider).post(reverse("feed"), {"body": "なりすまし", "group": private_group.pk})
    assert response.status_code == 400
    assert not Post.objects.filter(body="なりすまし").exists()


def test_bad_post_input_keeps_what_was_typed(login, outsider):
    response = login(outsider).post(reverse("feed"), {"body": "x" * 6000})
    assert response.status_code == 400
    assert "x" * 100 in response.content.decode()


def test_author_edits_with_mark_others_cannot(login, alumna, outsider):
    post = PostFactory(author=alumna.user, group=None, body="最初の文")
    assert login(outsider).get(reverse("post_edit", args=[post.pk])).status_code == 404
    assert login(outsider).post(reverse("post_delete", args=[post.pk])).status_code == 404
    client = login(alumna)
    client.post(reverse("post_edit", args=[post.pk]), {"body": "直した文"})
    post.refresh_from_db()
    assert post.body == "直した文" and post.edited_at is not None
    client.post(reverse("post_delete", args=[post.pk]))
    assert not Post.objects.filter(pk=post.pk).exists()


def test_moderator_of_another_group_cannot_pin_or_delete(login, private_group, secret_post, other_moderator):
    client = login(other_moderator)
    assert client.post(reverse("post_pin", args=[secret_post.pk])).status_code == 404
    assert client.post(reverse("post_delete", args=[secret_post.pk])).status_code == 404


def test_group_moderator_pins_post(login, alumna):
    group = GroupFactory(slug="pinning")
    add_member(group, alumna, role=GroupMembership.Role.MODERATOR)
    post = PostFactory(author=alumna.user, group=group)
    login(alumna).post(reverse("post_pin", args=[post.pk]))
    post.refresh_from_db()
    assert post.pinned


def test_stored_xss_is_neutralised_in_posts_and_group_descriptions(login, alumna, outsider):
    group = GroupFactory(slug="xss", description="<script>alert('g')</script>")
    add_member(group, outsider)
    PostFactory(
        author=outsider.user, group=group, body="<img src=x onerror=alert(1)> [a](javascript:alert(2))"
    )
    html = login(outsider).get(reverse("group", args=["xss"])).content.decode()
    assert "<script>alert('g')</script>" not in html
    assert "<img src=x" not in html
    assert "&lt;img src=x" in html
    assert 'href="javascript:' not in html


def test_posting_is_rate_limited_with_a_clear_message(login, outsider, settings):
    from community import ratelimit

    settings_limits = dict(ratelimit.LIMITS)
    ratelimit.LIMITS["post"] = (2, 600)
    try:
        client = login(outsider)
        statuses = [client.post(reverse("feed"), {"body": f"連投 {n}"}).status_code for n in range(3)]
    finally:
        ratelimit.LIMITS.update(settings_limits)
    assert statuses[:2] == [302, 302]
    assert statuses[2] == 429
    assert Post.objects.count() == 2


def test_group_proposal_is_approved_by_the_secretariat(login, outsider, secretary):
    login(outsider).post(
        reverse("group_propose"),
        {"name": "新しい会", "kind": "theme", "description": "説明", "proposal_reason": "仲間を集めたい"},
    )
    group = Group.objects.get(name="新しい会")
    assert group.status == Group.Status.PROPOSED
    assert login(member(handle="someone")).get(reverse("group", args=[group.slug])).status_code == 404
    login(secretary).post(reverse("community_decide_group", args=[group.pk]), {"decision": "approve"})
    group.refresh_from_db()
    assert group.status == Group.Status.ACTIVE
    assert GroupMembership.objects.get(group=group, user=outsider.user).role == "moderator"
    assert outsider.user.groups.filter(name="Group moderators").exists()


def test_announcements_are_on_top_of_the_feed(login, alumna, secretary):
    PostFactory(author=alumna.user, group=None, body="ふつうの投稿")
    PostFactory(author=secretary.user, group=None, body="事務局からのお知らせ", is_announcement=True)
    PostFactory(author=alumna.user, group=None, body="もっと新しい投稿")
    html = login(alumna).get(reverse("feed")).content.decode()
    assert html.index("事務局からのお知らせ") < html.index("もっと新しい投稿")


def test_feed_uses_keyset_pagination_without_duplicates(login, alumna):
    for n in range(45):
        PostFactory(author=alumna.user, group=None, body=f"番号{n:02d}番")
    client = login(alumna)
    first = client.get(reverse("feed"))
    cursor = first.context["next_cursor"]
    second = client.get(reverse("feed"), {"before": cursor})
    seen_first = {card.post.pk for card in first.context["cards"]}
    seen_second = {card.post.pk for card in second.context["cards"]}
    assert len(seen_first) == len(seen_second) == 20
    assert not seen_first & seen_second
    assert client.get(reverse("feed"), {"before": "garbage"}).status_code == 200


def test_feed_and_group_page_query_counts_are_bounded(login, alumna, django_assert_max_num_queries):
    from community.posting import add_comment, toggle_reaction

    group = GroupFactory(slug="busy")
    add_member(group, alumna)
    for n in range(25):
        post = PostFactory(author=alumna.user, group=group if n % 2 else None, body=f"投稿{n}")
        add_comment(alumna.user, post, "コメント")
        toggle_reaction(alumna.user, post, "like")
    client = login(alumna)
    with django_assert_max_num_queries(30):
        assert client.get(reverse("feed")).status_code == 200
    with django_assert_max_num_queries(32):
        assert client.get(reverse("group", args=["busy"])).status_code == 200
