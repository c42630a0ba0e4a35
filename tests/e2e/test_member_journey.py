"""Members in a real browser: log in, react without a reload, message someone who sees the unread badge,
browse the directory; an applicant is turned away politely."""

import re

from django.core.management import call_command

import pytest
from playwright.sync_api import expect

from community.demo import DEMO_LOGINS, DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
SERIOUS = {"serious", "critical"}


@pytest.fixture
def site(live_server):
    call_command("seed_demo", force=True, verbosity=0)
    return live_server.url


def log_in(page, site, email):
    page.goto(site + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def test_member_reacts_in_place_and_messages_a_colleague(site, page, browser):
    from community.models import Post, Profile

    log_in(page, site, DEMO_LOGINS["member"])
    page.goto(site + "/community/")
    expect(page.locator("h1")).to_be_visible()

    post = (
        Post.objects.filter(group__isnull=True, is_hidden=False, is_announcement=False)
        .order_by("-created_at")
        .first()
    )
    bar = page.locator(f"#reactions-post-{post.pk}")
    button = bar.locator("button[aria-pressed]").first
    pressed_before = button.get_attribute("aria-pressed")
    page.evaluate("window.__noReload = true")
    button.click()
    expect(bar.locator("button[aria-pressed]").first).not_to_have_attribute("aria-pressed", pressed_before)
    assert page.evaluate("window.__noReload") is True  # the page was not reloaded

    colleague = (
        Profile.objects.members()
        .exclude(user__email=DEMO_LOGINS["member"])
        .filter(messages_from="members", hidden_from_directory=False)
        .first()
    )
    page.goto(site + f"/members/{colleague.handle}/")
    page.get_by_role("link", name="メッセージを送る").click()
    page.fill("textarea[name=body]", "お久しぶりです。お元気ですか？")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("main")).to_contain_text("お久しぶりです。お元気ですか？")

    other = browser.new_context(locale="ja-JP").new_page()
    log_in(other, site, colleague.user.email)
    expect(other.locator('[data-unread="messages"]')).to_be_visible()
    other.goto(site + "/messages/")
    me = Profile.objects.get(user__email=DEMO_LOGINS["member"])
    expect(other.locator("main")).to_contain_text(me.display_name)
    other.locator("main a[href^='/messages/']").first.click()
    expect(other.locator("main")).to_contain_text("お久しぶりです。お元気ですか？")

    page.goto(site + "/members/")
    expect(page.locator(".member-card").first).to_be_visible()


def _post_with_a_comment():
    """An open post by one member with a comment by another (neither of them the demo member)."""
    from community.models import Profile
    from community.posting import add_comment
    from tests.factories.community import PostFactory

    author, commenter = Profile.objects.members().exclude(user__email=DEMO_LOGINS["member"])[:2]
    post = PostFactory(author=author.user, group=None, body="同期会の写真を集めています")
    return post, add_comment(commenter.user, post, "探してみます！"), commenter


def test_member_replies_in_place_and_without_javascript(site, page, browser):
    from django_comments_xtd.models import XtdComment

    post, comment, commenter = _post_with_a_comment()
    log_in(page, site, DEMO_LOGINS["member"])
    page.goto(site + post.get_absolute_url())
    page.evaluate("window.__noReload = true")
    page.locator(f"a[data-reply-to='{comment.pk}']").click()
    box = page.locator(f"#reply-{comment.pk}")
    expect(box).to_be_focused()  # the form opened under the comment, without loading the page
    assert page.evaluate("window.__noReload") is True
    expect(page.locator(f"label[for='reply-{comment.pk}']")).to_contain_text(commenter.display_name)
    box.fill("ありがとうございます")
    page.locator(f"#reply-form-{comment.pk} button[type=submit]").click()
    expect(page.locator(f"#comment-{comment.pk} .comment__replies")).to_contain_text("ありがとうございます")

    # Without JavaScript, "Reply" loads the page with that comment's form open, the cursor in it.
    quiet = browser.new_context(java_script_enabled=False, locale="ja-JP")
    plain = quiet.new_page()
    log_in(plain, site, DEMO_LOGINS["member"])
    plain.goto(site + post.get_absolute_url())
    plain.locator(f"a[data-reply-to='{comment.pk}']").click()
    expect(plain).to_have_url(re.compile(rf"\?reply={comment.pk}#reply-{comment.pk}$"))
    expect(plain.locator(f"#reply-{comment.pk}")).to_be_focused()
    plain.fill(f"#reply-{comment.pk}", "JavaScriptなしでも返信できます")
    plain.locator(f"#reply-form-{comment.pk} button[type=submit]").click()
    expect(plain.locator(f"#comment-{comment.pk} .comment__replies")).to_contain_text("JavaScriptなしでも")
    assert XtdComment.objects.filter(parent_id=comment.pk, level=1).count() == 2
    quiet.close()


def test_applicant_is_refused_with_a_friendly_page(site, page):
    log_in(page, site, DEMO_LOGINS["applicant"])
    response = page.goto(site + "/members/")
    assert response.status == 403
    expect(page.locator("main")).to_contain_text("審査")


def test_member_pages_have_no_serious_accessibility_violations(site, page):
    from axe_playwright_python.sync_playwright import Axe

    from community.models import Group

    log_in(page, site, DEMO_LOGINS["member"])
    group = Group.objects.active().filter(is_private=False).first()
    post, comment, _commenter = _post_with_a_comment()
    problems = {}
    for path in (
        "/community/",
        "/community/groups/",
        group.get_absolute_url(),
        "/members/",
        "/me/",
        "/messages/",
        "/notifications/",
        f"{post.get_absolute_url()}?reply={comment.pk}",  # a thread with a reply form open
    ):
        page.goto(site + path)
        results = Axe().run(page)
        serious = [v for v in results.response["violations"] if v.get("impact") in SERIOUS]
        if serious:
            problems[path] = [(v["id"], v["help"]) for v in serious]
    assert not problems, problems
