"""The supporters' idea board: members only, one vote each, the secretariat answers, nothing hidden leaks."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from django_comments_xtd.models import XtdComment

from community import ratelimit
from community.ideas import toggle_vote
from community.models import AuditEntry, Idea, IdeaVote, Notification, Report
from community.models.notifications import Kind
from community.moderation import handle
from community.posting import add_comment
from tests.factories.ideas import IdeaFactory
from tests.factories.members import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def idea(alumna):
    return IdeaFactory(
        author=alumna.user, title="関西でバーベキュー", body="夏に**みんなで**集まりましょう。"
    )


@pytest.fixture
def hidden_idea(employee):
    return IdeaFactory(author=employee.user, title="HIDDENIDEA", is_hidden=True)


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run what is queued on commit (notifications) as a real request would."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


def _votes(idea):
    idea.refresh_from_db()
    return idea.vote_count, IdeaVote.objects.filter(idea=idea).count()


# --- Who may enter ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["ideas", "idea_new", "idea", "idea_edit"])
def test_board_sends_anonymous_visitors_to_log_in_and_refuses_applicants_and_suspended_members(
    client, login, idea, pending, suspended, url_name
):
    url = reverse(url_name, args=[idea.pk]) if url_name in ("idea", "idea_edit") else reverse(url_name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    for refused in (pending, suspended):
        response = login(refused).get(url)
        assert response.status_code == 403
        assert "community/refused.html" in [t.name for t in response.templates]
        assert "関西でバーベキュー" not in response.content.decode()


def test_hidden_idea_is_404_for_members_and_visible_to_the_secretariat(login, alumna, hidden_idea, secretary):
    members_client = login(alumna)
    assert members_client.get(reverse("idea", args=[hidden_idea.pk])).status_code == 404
    assert members_client.get(reverse("idea", args=[hidden_idea.pk + 1000])).status_code == 404
    assert "HIDDENIDEA" not in members_client.get(reverse("ideas")).content.decode()
    assert members_client.post(reverse("idea_vote", args=[hidden_idea.pk]), {"vote": "1"}).status_code == 404
    assert (
        members_client.post(reverse("comment_on_idea", args=[hidden_idea.pk]), {"comment": "x"}).status_code
        == 404
    )
    assert members_client.get(reverse("report", args=["idea", hidden_idea.pk])).status_code == 404
    assert not IdeaVote.objects.exists() and not XtdComment.objects.exists()

    secretariat_client = login(secretary)
    response = secretariat_client.get(reverse("idea", args=[hidden_idea.pk]))
    assert response.status_code == 200
    assert "HIDDENIDEA" in response.content.decode()
    assert "HIDDENIDEA" in secretariat_client.get(reverse("ideas")).content.decode()


def test_hidden_idea_is_404_even_for_its_author(login, employee, hidden_idea):
    assert login(employee).get(reverse("idea", args=[hidden_idea.pk])).status_code == 404


# --- Proposing and editing ------------------------------------------------------------------------------------


def test_member_proposes_an_idea_and_it_appears_on_the_board(login, alumna, employee):
    response = login(alumna).post(
        reverse("idea_new"), {"title": "工場見学ツアー", "kind": "event", "body": "家族で**静岡工場**へ。"}
    )
    idea = Idea.objects.get()
    assert response.status_code == 302 and response["Location"] == idea.get_absolute_url()
    assert idea.author == alumna.user and idea.status == Idea.Status.NEW and idea.kind == "event"
    assert "<strong>静岡工場</strong>" in idea.body_html
    board = login(employee).get(reverse("ideas")).content.decode()
    assert "工場見学ツアー" in board and idea.get_absolute_url() in board


def test_proposing_an_empty_idea_is_refused_with_the_form(login, alumna):
    response = login(alumna).post(reverse("idea_new"), {"title": "  ", "kind": "event", "body": "本文"})
    assert response.status_code == 400
    assert response.context["form"].errors["title"]
    assert not Idea.objects.exists()


def test_proposing_is_rate_limited(login, alumna, monkeypatch):
    monkeypatch.setitem(ratelimit.LIMITS, "idea", (1, 86400))
    client = login(alumna)
    data = {"title": "案", "kind": "other", "body": "本文"}
    assert client.post(reverse("idea_new"), data).status_code == 302
    response = client.post(reverse("idea_new"), data)
    assert response.status_code == 429
    assert Idea.objects.count() == 1


def test_author_edits_the_idea_until_the_secretariat_answers(login, alumna, employee, idea, secretary):
    url = reverse("idea_edit", args=[idea.pk])
    assert login(employee).get(url).status_code == 404
    assert login(employee).post(url, {"title": "乗っ取り", "kind": "event", "body": "x"}).status_code == 404
    client = login(alumna)
    response = client.post(
        url, {"title": "関西でバーベキュー（8月）", "kind": "event", "body": "日程を決めました"}
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.title == "関西でバーベキュー（8月）" and idea.edited_at is not None
    assert "日程を決めました" in idea.body_html
    page = client.get(reverse("idea", args=[idea.pk])).content.decode()
    assert url in page  # the edit link, for the author only
    assert url not in login(employee).get(reverse("idea", args=[idea.pk])).content.decode()

    login(secretary).post(
        reverse("idea_status", args=[idea.pk]), {"status": "planned", "note": "予定に入れました"}
    )
    assert login(alumna).get(url).status_code == 404  # the answer is about the text as it was


# --- Voting ----------------------------------------------------------------------------------------------------


def test_vote_counts_once_per_member_and_toggles_back_in_place(login, employee, idea):
    client = login(employee)
    url = reverse("idea_vote", args=[idea.pk])
    response = client.post(url, {"vote": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="idea-vote-{idea.pk}"' in html and 'aria-pressed="true"' in html
    assert 'name="vote" value="0"' in html  # the next click takes the vote back
    assert _votes(idea) == (1, 1)

    client.post(url, {"vote": "1"}, HTTP_HX_REQUEST="true")  # a double click sends the same form twice
    assert _votes(idea) == (1, 1)

    response = client.post(url, {"vote": "0"}, HTTP_HX_REQUEST="true")
    assert 'aria-pressed="false"' in response.content.decode()
    assert _votes(idea) == (0, 0)
    client.post(url, {"vote": "0"})
    assert _votes(idea) == (0, 0)


def test_toggle_vote_without_a_wish_adds_then_removes(employee, idea):
    assert toggle_vote(employee.user, idea) is True
    assert idea.vote_count == 1
    assert toggle_vote(employee.user, idea) is False
    assert idea.vote_count == 0
    assert _votes(idea) == (0, 0)


def test_racing_votes_by_one_member_count_once(employee, idea):
    """Two requests that both saw "no vote yet": the first counts; the second's insert hits the unique
    constraint, changes nothing and leaves the transaction usable."""
    assert toggle_vote(employee.user, idea, vote=True) is True
    assert toggle_vote(employee.user, idea, vote=True) is True
    assert _votes(idea) == (1, 1)
    toggle_vote(member(handle="voter2").user, idea, vote=True)
    assert _votes(idea) == (2, 2)


def test_many_members_vote_and_the_count_is_exact(idea):
    voters = [member(handle=f"v{n}").user for n in range(5)]
    for voter in voters:
        toggle_vote(voter, idea)
    toggle_vote(voters[0], idea)
    assert _votes(idea) == (4, 4)


def test_author_cannot_vote_for_their_own_idea(login, alumna, idea):
    client = login(alumna)
    response = client.post(reverse("idea_vote", args=[idea.pk]), {"vote": "1"})
    assert response.status_code == 403
    assert _votes(idea) == (0, 0)
    page = client.get(reverse("idea", args=[idea.pk])).content.decode()
    assert reverse("idea_vote", args=[idea.pk]) not in page  # the author sees the count, not a button


def test_voting_too_fast_answers_429_in_htmx(login, employee, idea, monkeypatch):
    monkeypatch.setitem(ratelimit.LIMITS, "vote", (1, 600))
    client = login(employee)
    url = reverse("idea_vote", args=[idea.pk])
    assert client.post(url, {"vote": "1"}, HTTP_HX_REQUEST="true").status_code == 200
    response = client.post(url, {"vote": "0"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 429
    assert 'role="alert"' in response.content.decode()
    assert _votes(idea) == (1, 1)


def test_vote_without_htmx_goes_back_to_a_local_page_only(login, employee, idea):
    client = login(employee)
    url = reverse("idea_vote", args=[idea.pk])
    response = client.post(url, {"vote": "1", "next": "/ideas/?sort=votes"})
    assert response.status_code == 302 and response["Location"] == "/ideas/?sort=votes"
    response = client.post(url, {"vote": "0", "next": "https://evil.example/"})
    assert response["Location"] == idea.get_absolute_url()
    assert client.get(url).status_code == 405


# --- The secretariat's answer ------------------------------------------------------------------------------------


def test_only_the_secretariat_answers_an_idea_and_the_author_hears_once(
    login, alumna, employee, idea, secretary, django_capture_on_commit_callbacks
):
    url = reverse("idea_status", args=[idea.pk])
    answer = {"status": "planned", "note": "8月に開催予定です。会場を探しています。"}

    assert login(employee).post(url, answer).status_code == 403
    assert login(alumna).post(url, answer).status_code == 403  # not even the author
    idea.refresh_from_db()
    assert idea.status == Idea.Status.NEW and not AuditEntry.objects.exists()

    client = login(secretary)
    assert client.get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, answer)
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == Idea.Status.PLANNED and idea.status_note == answer["note"]
    assert idea.status_changed_by == secretary.user and idea.status_changed_at is not None
    entry = AuditEntry.objects.get()
    assert entry.actor == secretary.user and f"idea #{idea.pk}" in entry.target and "planned" in entry.reason

    notification = Notification.objects.get(recipient=alumna.user)
    assert notification.kind == Kind.IDEA and notification.url == idea.get_absolute_url()
    assert "関西でバーベキュー" in notification.text

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, answer)  # the same answer again (a double submit): nothing new
    assert Notification.objects.filter(recipient=alumna.user).count() == 1
    assert AuditEntry.objects.count() == 1

    page = login(employee).get(reverse("idea", args=[idea.pk])).content.decode()
    assert answer["note"] in page
    assert "idea-status--planned" in page
    assert url not in page  # no answer form for members


def test_a_new_answer_notifies_the_author_again(run_on_commit, alumna, idea, secretary):
    from community.ideas import set_status

    run_on_commit(set_status, secretary.user, idea, "under_review", "検討中です")
    run_on_commit(set_status, secretary.user, idea, "done", "開催しました")
    assert Notification.objects.filter(recipient=alumna.user, kind=Kind.IDEA).count() == 2
    assert AuditEntry.objects.count() == 2


def test_an_unknown_status_is_refused(login, idea, secretary):
    response = login(secretary).post(reverse("idea_status", args=[idea.pk]), {"status": "approved"})
    assert response.status_code == 400
    idea.refresh_from_db()
    assert idea.status == Idea.Status.NEW


# --- The board: filters, order, supporters, queries ---------------------------------------------------------------


def _with_votes(idea, n):
    for number in range(n):
        toggle_vote(member(handle=f"fan-{idea.pk}-{number}").user, idea)
    return idea


def test_board_filters_by_status_and_kind(login, alumna, employee):
    IdeaFactory(author=alumna.user, title="PLANNEDIDEA", status=Idea.Status.PLANNED, kind="event")
    IdeaFactory(author=alumna.user, title="NEWGROUPIDEA", status=Idea.Status.NEW, kind="group")
    IdeaFactory(author=alumna.user, title="DECLINEDIDEA", status=Idea.Status.DECLINED, kind="event")
    client = login(employee)

    planned = client.get(reverse("ideas"), {"status": "planned"}).content.decode()
    assert "PLANNEDIDEA" in planned and "NEWGROUPIDEA" not in planned and "DECLINEDIDEA" not in planned
    groups = client.get(reverse("ideas"), {"kind": "group"}).content.decode()
    assert "NEWGROUPIDEA" in groups and "PLANNEDIDEA" not in groups
    both = client.get(reverse("ideas"), {"status": "declined", "kind": "event"}).content.decode()
    assert "DECLINEDIDEA" in both and "PLANNEDIDEA" not in both
    everything = client.get(reverse("ideas"), {"status": "nonsense"})
    assert everything.status_code == 200 and len(everything.context["cards"]) == 3


def test_most_voted_ideas_come_first(login, alumna, employee):
    few = _with_votes(IdeaFactory(author=alumna.user, title="FEW"), 1)
    many = _with_votes(IdeaFactory(author=alumna.user, title="MANY"), 3)
    none = IdeaFactory(author=alumna.user, title="NONE")  # the newest
    client = login(employee)
    by_votes = [card.idea.pk for card in client.get(reverse("ideas"), {"sort": "votes"}).context["cards"]]
    assert by_votes == [many.pk, few.pk, none.pk]
    newest = [card.idea.pk for card in client.get(reverse("ideas")).context["cards"]]
    assert newest == [none.pk, many.pk, few.pk]


def test_board_is_paginated(login, alumna, employee):
    for number in range(25):
        IdeaFactory(author=alumna.user, title=f"案{number}")
    client = login(employee)
    first = client.get(reverse("ideas"))
    second = client.get(reverse("ideas"), {"page": 2})
    assert len(first.context["cards"]) == 20 and len(second.context["cards"]) == 5
    assert not {c.idea.pk for c in first.context["cards"]} & {c.idea.pk for c in second.context["cards"]}


def test_supporters_ideas_are_highlighted(login, employee):
    supporter = member(handle="supporter", display_name="支援 太郎", is_supporter=True)
    regular = member(handle="regular", display_name="一般 花子")
    by_supporter = IdeaFactory(author=supporter.user, title="支援者の案")
    by_regular = IdeaFactory(author=regular.user, title="一般の案")
    client = login(employee)
    html = client.get(reverse("ideas")).content.decode()

    def card_of(idea):
        start = html.index(f'id="idea-{idea.pk}"')
        return html[html.rindex("<article", 0, start) : html.index("</article>", start)]

    assert "idea-card--supporter" in card_of(by_supporter) and "idea-card__supporter" in card_of(by_supporter)
    assert "idea-card--supporter" not in card_of(by_regular)
    assert "idea-card__supporter" not in card_of(by_regular)
    detail = client.get(reverse("idea", args=[by_supporter.pk])).content.decode()
    assert "idea-card--supporter" in detail


def test_board_cards_show_counts_and_my_vote(login, alumna, employee, idea):
    add_comment(employee.user, idea, "いいですね")
    toggle_vote(employee.user, idea)
    response = login(employee).get(reverse("ideas"))
    card = response.context["cards"][0]
    assert card.comments == 1 and card.voted and card.can_vote and card.idea.vote_count == 1
    assert 'aria-pressed="true"' in response.content.decode()


def test_board_query_count_does_not_grow_with_ideas(login, alumna, employee, django_assert_max_num_queries):
    def seed(count):
        for number in range(count):
            author = member(handle=f"author-{count}-{number}", is_supporter=number % 2 == 0)
            idea = IdeaFactory(author=author.user, title=f"案{count}-{number}")
            add_comment(alumna.user, idea, "コメント")
            toggle_vote(alumna.user, idea)

    def measure():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("ideas"), {"sort": "votes"}).status_code == 200
        return len(queries)

    client = login(alumna)
    seed(3)
    measure()  # the first request of a test also creates the site settings and fills caches
    with_three = measure()
    seed(12)
    with_fifteen = measure()
    assert with_fifteen == with_three
    with django_assert_max_num_queries(20):
        client.get(reverse("ideas"))


def test_idea_page_query_count_is_bounded(login, alumna, employee, idea, django_assert_max_num_queries):
    for number in range(10):
        comment = add_comment(employee.user, idea, f"コメント{number}")
        add_comment(alumna.user, idea, "返信", parent_id=comment.pk)
    client = login(employee)
    with django_assert_max_num_queries(32):  # the same bound as a post's 500-comment thread
        response = client.get(reverse("idea", args=[idea.pk]))
    assert response.status_code == 200 and len(response.context["threads"]) == 10


def test_nav_links_the_board_and_marks_it_current(login, employee):
    html = login(employee).get(reverse("ideas")).content.decode()
    assert f'href="{reverse("ideas")}" aria-current="true"' in html


# --- Comments and reports -------------------------------------------------------------------------------------


def test_members_comment_on_an_idea_and_reply_in_a_thread(login, alumna, employee, idea, run_on_commit):
    url = reverse("comment_on_idea", args=[idea.pk])
    response = run_on_commit(login(employee).post, url, {"comment": "参加したいです"})
    comment = XtdComment.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{comment.pk}")
    assert comment.content_type == ContentType.objects.get_for_model(Idea) and comment.object_pk == str(
        idea.pk
    )
    assert Notification.objects.filter(recipient=alumna.user, kind=Kind.REPLY).count() == 1

    run_on_commit(login(alumna).post, url, {"comment": "ありがとう！", "parent": comment.pk})
    reply = XtdComment.objects.exclude(pk=comment.pk).get()
    assert reply.parent_id == comment.pk and reply.level == 1

    page = login(employee).get(reverse("idea", args=[idea.pk]))
    html = page.content.decode()
    assert "参加したいです" in html and "ありがとう！" in html
    assert 'class="comment comment--level-1' in html
    assert f'action="{url}"' in html  # new comments and replies post to the idea
    assert page.context["card"].comments == 2


def test_non_members_cannot_comment_on_an_idea(client, login, idea, pending, suspended):
    url = reverse("comment_on_idea", args=[idea.pk])
    assert client.post(url, {"comment": "匿名"}).status_code == 302
    assert login(pending).post(url, {"comment": "申請中"}).status_code == 403
    assert login(suspended).post(url, {"comment": "停止中"}).status_code == 403
    assert login(pending).get(reverse("idea", args=[idea.pk])).status_code == 403
    assert not XtdComment.objects.exists()


def test_comments_on_an_idea_are_get_proof(login, employee, idea):
    assert login(employee).get(reverse("comment_on_idea", args=[idea.pk])).status_code == 405


def test_members_report_an_idea_to_the_secretariat(login, employee, idea, secretary):
    client = login(employee)
    url = reverse("report", args=["idea", idea.pk])
    form = client.get(url)
    assert form.status_code == 200 and "関西でバーベキュー" in form.content.decode()
    response = client.post(url, {"reason": "宣伝です"})
    assert response.status_code == 302 and response["Location"] == idea.get_absolute_url()
    report = Report.objects.get()
    assert report.group is None and report.content_type.model == "idea" and report.object_id == idea.pk

    handle(report, "hide", secretary.user)
    idea.refresh_from_db()
    assert idea.is_hidden
    assert client.get(reverse("idea", args=[idea.pk])).status_code == 404
    handle(report, "restore", secretary.user)
    assert client.get(reverse("idea", args=[idea.pk])).status_code == 200


# --- CSRF --------------------------------------------------------------------------------------------------------


def test_idea_forms_are_csrf_protected(alumna, employee, idea, secretary):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(employee.user)
    posts = [
        (reverse("idea_new"), {"title": "案", "kind": "event", "body": "本文"}),
        (reverse("idea_vote", args=[idea.pk]), {"vote": "1"}),
        (reverse("comment_on_idea", args=[idea.pk]), {"comment": "コメント"}),
        (reverse("report", args=["idea", idea.pk]), {"reason": "理由"}),
    ]
    for url, data in posts:
        assert strict.post(url, data).status_code == 403, url
    page = strict.get(reverse("idea", args=[idea.pk])).content.decode()
    assert page.count('name="csrfmiddlewaretoken"') >= 3  # vote, comment, log out

    strict_secretary = Client(enforce_csrf_checks=True)
    strict_secretary.force_login(secretary.user)
    answer = {"status": "done", "note": "済"}
    assert strict_secretary.post(reverse("idea_status", args=[idea.pk]), answer).status_code == 403
    idea.refresh_from_db()
    assert idea.status == Idea.Status.NEW
    assert Idea.objects.count() == 1 and not IdeaVote.objects.exists() and not XtdComment.objects.exists()
    assert not Report.objects.exists()


# --- Admin -------------------------------------------------------------------------------------------------------


def test_admin_lists_ideas_and_leaves_the_answer_to_the_audited_form(client, superuser, idea):
    client.force_login(superuser)
    listing = client.get(reverse("community_idea_modeladmin_index"), {"status__exact": "new"})
    assert listing.status_code == 200 and "関西でバーベキュー" in listing.content.decode()
    edit = client.get(reverse("community_idea_modeladmin_edit", args=[idea.pk]))
    assert edit.status_code == 200
    assert 'name="title"' in edit.content.decode() and 'name="status"' not in edit.content.decode()
