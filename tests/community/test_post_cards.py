"""Post cards are worked out in Python (community/feeds.py) and shown without includes, filters or {% url %}:
what they show stays what the shared partials and reverse() give."""

from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse

import pytest

from community.feeds import cards_for
from community.models import GroupMembership, Post
from community.posting import add_comment, toggle_reaction
from tests.community.partials import copied_and_included_bars, write_as_every_author
from tests.factories.community import GroupFactory, PostFactory, add_member
from tests.factories.members import member

pytestmark = pytest.mark.django_db


def card_html(html, post):
    """The markup of one post card in a page, up to the next one or the end of the page."""
    start = html.index('<article class="post-card')
    start = html.index(f'id="post-{post.pk}"', start)
    end = html.find("<article", start)
    return html[start : end if end != -1 else len(html)]


def page_cards(posts, viewer):
    """cards_for() as a page calls it; `viewer` is a profile."""
    return cards_for(
        Post.objects.filter(pk__in=[post.pk for post in posts]).select_related("author__profile", "group"),
        get_user_model().objects.get(pk=viewer.user_id),  # a fresh instance: nothing remembered about them
    )


def test_post_card_shows_its_author_as_the_avatar_and_author_partials_do(login, alumna, employee):
    """post_card.html writes avatars and names itself (a Byline); they must stay what the partials render."""
    posts = write_as_every_author(
        alumna,
        employee,
        lambda user, who: PostFactory(author=user, group=None, body=f"{who}の投稿"),
        ("alumna", "private", "suspended", "without_profile", "staff", "viewer"),
    )

    response = login(employee).get(reverse("feed"))
    html = response.content.decode()
    for who, post in posts.items():
        person = Post.objects.get(pk=post.pk).author
        avatar = render_to_string(
            "community/partials/avatar.html", {"person": person}, request=response.wsgi_request
        )
        author = render_to_string(
            "community/partials/author.html", {"person": person}, request=response.wsgi_request
        )
        card = card_html(html, post)
        assert avatar.strip() in card, who
        assert f'id="post-{post.pk}-author">{author.strip()}</h3>' in card, who
    assert "<img" in card_html(html, posts["alumna"]) and "<img" not in card_html(html, posts["private"])
    assert "/members/" not in card_html(html, posts["suspended"]).split("post-card__meta")[0]
    assert "/members/" not in card_html(html, posts["staff"]).split("post-card__meta")[0]


def test_card_addresses_are_what_reverse_gives(login, alumna, employee):
    group = GroupFactory(slug="北海道つながり", name="北海道<つながり>")  # a slug reverse() has to quote
    add_member(group, alumna, role=GroupMembership.Role.MODERATOR)
    add_member(group, employee)
    mine = PostFactory(author=alumna.user, group=group, image="posts/photo.jpg")
    theirs = PostFactory(author=employee.user, group=group)
    everyone = PostFactory(author=employee.user, group=None)

    cards = {card.post.pk: card for card in page_cards([mine, theirs, everyone], alumna)}
    for post in (mine, theirs, everyone):
        card = cards[post.pk]
        assert card.url == post.get_absolute_url()
        assert (card.group_url, card.group_name) == (
            (group.get_absolute_url(), group.name) if post.group else ("", "")
        )
        assert card.is_mine == (post is mine)
        assert card.edit_url == (reverse("post_edit", args=[post.pk]) if post is mine else "")
        assert card.report_url == ("" if post is mine else reverse("report", args=["post", post.pk]))
    assert cards[theirs.pk].delete_url == reverse("post_delete", args=[theirs.pk])  # she moderates the group
    assert cards[theirs.pk].pin_url == reverse("post_pin", args=[theirs.pk])
    assert cards[everyone.pk].delete_url == cards[everyone.pk].pin_url == ""

    html = login(alumna).get(reverse("group", args=[group.slug])).content.decode()
    card = card_html(html, mine)
    assert f'<a class="post-card__group" href="{group.get_absolute_url()}">' in card
    assert "北海道&lt;つながり&gt;</a>" in card
    assert 'alt="佐藤 美咲さんが共有した画像"' in card
    assert f'<form method="post" action="{reverse("post_pin", args=[mine.pk])}">' in card
    assert "/community/report/" not in card
    assert f'href="{reverse("report", args=["post", theirs.pk])}"' in card_html(html, theirs)


def test_cards_ask_the_database_the_same_three_times_for_any_number_of_posts(
    alumna, employee, django_assert_num_queries
):
    groups = [GroupFactory() for _ in range(3)]
    for group in groups:
        add_member(group, employee)
    authors = [member(handle=f"author-{n}") for n in range(4)]
    posts = [
        PostFactory(author=authors[n % 4].user, group=groups[n % 3] if n % 2 else None) for n in range(12)
    ]
    for post in posts[:6]:
        add_comment(alumna.user, post, "コメント")
        toggle_reaction(employee.user, post, "like")
    viewer = get_user_model().objects.select_related("profile").get(pk=employee.user.pk)
    queryset = Post.objects.select_related("author__profile", "group")
    cards_for(queryset.filter(pk=posts[1].pk), viewer)  # the viewer's memberships are known by now
    for count in (1, 12):
        some = list(queryset.filter(pk__in=[post.pk for post in posts[:count]]))
        with django_assert_num_queries(3):  # reaction counts, my reactions, comment counts
            cards = cards_for(some, viewer)
        assert len({card.byline for card in cards}) == min(count, 4) and len(cards) == count


def test_reaction_bars_of_one_shape_read_as_their_own_rendering_whatever_their_counts(rf, employee):
    """Bars with reactions of the same kinds are rendered once and copied with the real counts in place."""
    request = rf.get("/community/")
    request.user = employee.user
    states = [
        ({"like": 1}, set(), ""),
        ({"like": 1234}, set(), ""),  # a copy of the bar above, with another count
        ({"like": 2, "thanks": 10}, {"thanks"}, "pinned"),
        ({"like": 30, "thanks": 1}, {"thanks"}, "pinned"),
        ({"like": 0, "congrats": 5}, set(), "announcement"),  # a count of 0 is no reaction
        ({"congrats": 7}, set(), "announcement"),
    ]
    bars = [(n * 100 + 7, reactions, mine, scope) for n, (reactions, mine, scope) in enumerate(states)]
    pairs = copied_and_included_bars(request, "post", bars)
    rendered = "".join(copied + own for copied, own in pairs)
    assert len(pairs) == len(states)
    for copied, own in pairs:
        assert copied == own
    assert '<span class="reaction__count">1234</span>' in rendered
    assert 'id="reactions-pinned-post-307-thanks" aria-pressed="true"' in rendered
