"""The thread page does little per comment: a reply form only where one is asked for, authors, reaction bars
and texts worked out once; what it shows stays what the shared partials show."""

import re

from django.template.loader import render_to_string
from django.urls import reverse

import pytest
from django_comments_xtd.models import XtdComment

from community import threads
from community.posting import add_comment, edit_comment
from community.threads import THREADS_PER_PAGE
from tests.community.partials import copied_and_included_bars, write_as_every_author
from tests.factories.community import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_post(alumna):
    return PostFactory(author=alumna.user, group=None, body="みんなに質問です")


def article(html, comment):
    """The markup of one comment, up to the next one (its first reply) or the end of the thread."""
    start = html.index(f'id="comment-{comment.pk}"')
    ends = [html.find(tag, start) for tag in ("<article", '<template id="reply-form-template">')]
    return html[start : min(end for end in ends if end != -1)]


def test_reply_form_is_rendered_only_under_the_comment_asked_for(login, alumna, employee, open_post):
    first = add_comment(alumna.user, open_post, "最初のコメント")
    second = add_comment(employee.user, open_post, "二つ目のコメント")
    client = login(employee)
    url = reverse("post", args=[open_post.pk])

    html = client.get(url).content.decode()
    thread = html[html.index('<div class="thread">') : html.index('<template id="reply-form-template">')]
    assert 'class="reply-form"' not in thread and "<textarea" not in thread  # links, no forms
    assert f'<a class="comment__reply-link" href="?reply={first.pk}#reply-{first.pk}"' in thread
    template = html[html.index('<template id="reply-form-template">') :]
    assert 'name="parent" value=""' in template[: template.index("</template>")]  # one copy for site.js

    html = client.get(url, {"reply": first.pk}).content.decode()
    under_first, under_second = article(html, first), article(html, second)
    assert "<textarea" not in under_second
    form = under_first[under_first.index('<form class="reply-form"') :]
    form = form[: form.index("</form>") + len("</form>")]
    assert f'action="{reverse("comment_on_post", args=[open_post.pk])}"' in form
    assert f'<label class="form-field__label" for="reply-{first.pk}">佐藤 美咲さんへの返信</label>' in form
    assert re.search(rf'<textarea id="reply-{first.pk}" name="comment"[^>]* autofocus>', form)

    # Sent as it is, without JavaScript, the form adds a reply to that comment.
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    assert fields["parent"] == str(first.pk) and re.fullmatch(r"[0-9a-f]{32}", fields["submit_token"])
    response = client.post(reverse("comment_on_post", args=[open_post.pk]), {**fields, "comment": "返信です"})
    reply = XtdComment.objects.get(comment="返信です")
    assert (reply.parent_id, reply.level) == (first.pk, 1)
    assert response.url == f"{url}#comment-{reply.pk}"

    # A removed comment, or an id that is not one, gets no form.
    assert "<textarea" not in client.get(url, {"reply": "x"}).content.decode().split("<template")[0]


def test_reply_link_keeps_the_page_of_threads(login, alumna, employee, open_post, monkeypatch):
    from community import ratelimit

    monkeypatch.setattr(ratelimit, "LIMITS", dict.fromkeys(ratelimit.LIMITS, (10000, 60)))
    comments = [add_comment(alumna.user, open_post, f"コメント{n}") for n in range(THREADS_PER_PAGE + 1)]
    html = login(employee).get(reverse("post", args=[open_post.pk]), {"page": 2}).content.decode()
    last = comments[-1].pk
    assert f'href="?page=2&amp;reply={last}#reply-{last}"' in html
    html = login(employee).get(reverse("post", args=[open_post.pk]), {"page": 2, "reply": last}).content
    assert f'<textarea id="reply-{last}"' in html.decode()


def test_story_comments_open_a_reply_form_on_demand(login, alumna, employee, interview):
    comment = add_comment(alumna.user, interview, "素敵なインタビューでした")
    html = login(employee).get(interview.url, {"reply": comment.pk}).content.decode()
    form = article(html, comment)
    assert f'action="{reverse("comment_on_story", args=[interview.pk])}"' in form
    assert f'name="parent" value="{comment.pk}"' in form


def test_comment_shows_its_author_as_the_avatar_and_author_partials_do(login, alumna, employee, open_post):
    """comment.html writes avatars and names itself (a Byline); they must stay what the partials render."""
    comments = write_as_every_author(
        alumna,
        employee,
        lambda user, who: add_comment(user, open_post, f"{who}のコメント"),
        ("alumna", "private", "suspended", "without_profile", "deleted", "viewer"),
    )

    response = login(employee).get(reverse("post", args=[open_post.pk]))
    html = response.content.decode()
    for who, comment in comments.items():
        person = XtdComment.objects.get(pk=comment.pk).user
        context = {"person": person, "size": "small"}
        avatar = render_to_string("community/partials/avatar.html", context, request=response.wsgi_request)
        author = render_to_string("community/partials/author.html", context, request=response.wsgi_request)
        header = article(html, comment)
        assert avatar.strip() in header, who
        assert f'id="comment-{comment.pk}-author">{author.strip()}</p>' in header, who
    assert "<img" in article(html, comments["alumna"]) and "<img" not in article(html, comments["private"])
    assert "/members/" not in article(html, comments["suspended"]).split("comment__actions")[0]


def test_reaction_bars_copied_between_comments_are_what_the_partial_renders(rf, employee):
    """A bar rendered once per state and copied with another id reads exactly like its own rendering."""
    request = rf.get("/community/posts/1/")
    request.user = employee.user
    states = [
        ({}, set()),
        ({"like": 2}, {"like"}),
        ({"like": 2}, set()),
        ({"thanks": 1, "like": 30}, {"thanks"}),
    ]
    # the second bar of each state is a copy
    bars = [
        (target_id, reactions, mine, "")
        for n, (reactions, mine) in enumerate(states)
        for target_id in (n * 100 + 7, n * 100 + 8)
    ]
    pairs = copied_and_included_bars(request, "comment", bars)
    rendered = "".join(copied + own for copied, own in pairs)
    assert len(pairs) == 2 * len(states)
    for copied, own in pairs:
        assert copied == own
    assert 'id="reactions-comment-308-thanks" aria-pressed="true"' in rendered


def test_comment_text_is_formatted_once_and_edits_show_at_once(
    login, alumna, employee, open_post, monkeypatch
):
    comment = add_comment(alumna.user, open_post, "**太字**の話")
    formatted = []
    render = threads.render_member_text
    monkeypatch.setattr(threads, "render_member_text", lambda text: formatted.append(text) or render(text))
    client = login(employee)
    url = reverse("post", args=[open_post.pk])
    assert "<strong>太字</strong>の話" in client.get(url).content.decode()
    assert "<strong>太字</strong>の話" in client.get(url).content.decode()
    assert formatted == ["**太字**の話"]  # the second page came from the cache
    edit_comment(alumna.user, comment, "*斜体*に直しました")
    html = client.get(url).content.decode()
    assert "<em>斜体</em>に直しました" in html and "太字" not in html


def test_a_page_of_threads_asks_the_database_four_times(
    alumna, employee, open_post, django_assert_num_queries
):
    first = add_comment(alumna.user, open_post, "一")
    add_comment(employee.user, open_post, "二", parent_id=first.pk)
    add_comment(alumna.user, open_post, "三")
    threads.thread_page(open_post, employee.user)  # the viewer's memberships are known by now
    with django_assert_num_queries(4):  # top-level ids, their comments, reaction counts, my reactions
        page_obj, nodes = threads.thread_page(open_post, employee.user)
    assert [len(node.replies) for node in nodes] == [1, 0] and page_obj.paginator.count == 2
