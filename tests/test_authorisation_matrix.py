"""The authorisation matrix: every URL pattern of the project × seven roles, against the refusal rules of
design.md.

The patterns come from the URL configuration itself (tests/url_rules.py), so a new view without a rule in
RULES fails `test_every_url_pattern_has_exactly_one_rule`. Each rule builds concrete URLs from one shared
world (a private group with a post, a comment, a conversation between two others, events, an idea, a
notification, tokens...) and says what each role must get:

- OK: 200, or a redirect that is not to a login page;
- OK_NO_LEAK: the same, and none of the private group's or the conversation's texts in the page;
- LOGIN: a redirect to the site's login page; ADMIN_LOGIN: to the admin's login page;
- ADMIN_DENIED: an admin user without the right is sent back to the admin home (Wagtail's refusal);
- FORBIDDEN: 403; NOT_FOUND: 404; NOT_ALLOWED: 405 (a POST-only endpoint asked with GET);
- ADMIN_USER: inside the admin, Wagtail decides (no login redirect, no server error).

A refused request must not show any private text, and a refused POST must change nothing in the database.
How to add a rule for a new view: docs/code-organisation.md, "Testing".
"""

import hashlib
import re
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group as AuthGroup
from django.db import transaction
from django.test import Client
from django.urls import path, reverse

import pytest

from tests.url_rules import by_name, by_prefix, claim_problems, rule_for, walk_urlpatterns

ROLES = ("anonymous", "applicant", "member", "other_member", "group_moderator", "editor", "secretariat")

OK, OK_NO_LEAK, LOGIN, ADMIN_LOGIN, ADMIN_DENIED = "ok", "ok-no-leak", "login", "admin-login", "admin-denied"
LOGGED_OUT, LOGIN_FORM, SERVER_ERROR = "logged-out", "login-form", "500"
NOT_REQUESTED = "not requested"  # the rule says why
FORBIDDEN, NOT_FOUND, NOT_ALLOWED, ADMIN_USER = "403", "404", "405", "admin-user"
GET, POST, GET_POST = ("GET",), ("POST",), ("GET", "POST")
REFUSALS = {LOGIN, ADMIN_LOGIN, ADMIN_DENIED, FORBIDDEN, NOT_FOUND, NOT_ALLOWED}

PRIVATE_POST = "鍵付きの投稿 PRIVATE-POST-7f3a"
PRIVATE_COMMENT = "鍵付きのコメント PRIVATE-COMMENT-91bc"
PRIVATE_MESSAGE = "二人だけの話 PRIVATE-MESSAGE-4d2e"
GROUP_EVENT = "グループ限定の勉強会 GROUP-EVENT-c81d"
SECRETS = (PRIVATE_POST, PRIVATE_COMMENT, PRIVATE_MESSAGE, GROUP_EVENT)
DASHBOARD = "tsunagari-dashboard"  # the secretariat's panel on the admin home


def expect(base, **overrides):
    """A role → outcome map: `base` (an outcome for every role, or another map) with some roles changed."""
    outcomes = dict.fromkeys(ROLES, base) if isinstance(base, str) else dict(base)
    unknown = set(overrides) - set(ROLES)
    assert not unknown, f"unknown roles {unknown}"
    return {**outcomes, **overrides}


PUBLIC = expect(OK)
LOGGED_IN = expect(OK, anonymous=LOGIN)  # login only: the applicant sees their own application and profile
MEMBERS = expect(OK, anonymous=LOGIN, applicant=FORBIDDEN, editor=FORBIDDEN)  # the editor has no profile
# Members who may not know the object exists get 404, like a missing id.
GROUP_ONLY = expect(MEMBERS, member=NOT_FOUND, other_member=NOT_FOUND)
SECRETARIAT_ONLY = expect(MEMBERS, member=FORBIDDEN, other_member=FORBIDDEN, group_moderator=FORBIDDEN)
ADMIN = expect(
    ADMIN_USER, anonymous=ADMIN_LOGIN, applicant=ADMIN_LOGIN, member=ADMIN_LOGIN, other_member=ADMIN_LOGIN
)
ADMIN_SECRETARIAT = expect(ADMIN, group_moderator=ADMIN_DENIED, editor=ADMIN_DENIED, secretariat=OK)


@dataclass(frozen=True)
class Case:
    url: str
    expect: dict
    methods: tuple = ("GET",)
    data: dict = field(default_factory=dict)  # what a POST sends (an empty form unless told)
    secrets: tuple = SECRETS  # texts no refused (or OK_NO_LEAK) response may contain


@dataclass(frozen=True)
class Rule:
    """What the roles get from the patterns `claim` answers for; `cases(world, pattern)` gives the URLs."""

    claim: object
    cases: object
    why: str = ""

    @property
    def label(self):
        return self.claim.name or f"prefix {self.claim.route_prefix}"


def from_world(world, values):
    return {key: value(world) if callable(value) else value for key, value in (values or {}).items()}


def named(name, outcomes, methods=("GET",), data=None, **kwargs):
    """A rule for one named pattern, reversed with `kwargs` and posting `data` taken from the world
    (callables get the world)."""

    def cases(world, pattern):
        url = reverse(name, kwargs=from_world(world, kwargs))
        return [Case(url, outcomes, methods, from_world(world, data))]

    return Rule(by_name(name), cases)


def pages(name, *entries):
    """A rule for a pattern that serves several pages: entries of (url(world), outcomes, methods)."""

    def cases(world, pattern):
        return [Case(url(world), outcomes, methods) for url, outcomes, methods in entries]

    return Rule(by_name(name), cases)


# --- The world --------------------------------------------------------------------------------------------


@dataclass
class World:
    users: dict
    sessions: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError as exc:
            raise AttributeError(name) from exc


def with_second_factor(user):
    """Admin users need an authenticator before any admin page (community/admin_mfa.py), when MFA is on."""
    from django.apps import apps

    if apps.is_installed("allauth.mfa"):
        from allauth.mfa.models import Authenticator

        Authenticator.objects.get_or_create(
            user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "unused"}}
        )


def build_world():
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.sites.models import Site
    from django.core.files.base import ContentFile

    from wagtail.documents.models import Document
    from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction, Workflow

    from django_comments_xtd.models import XtdComment

    from community import events as event_rules
    from community.audiences import MemberKind
    from community.groups import make_moderator
    from community.messaging import start_conversation
    from community.models import (
        Announcement,
        Application,
        AuditEntry,
        GroupMembership,
        Notification,
        OrgUnit,
        Report,
    )
    from community.notifications import unsubscribe_token
    from search.models import Synonym
    from tests.factories import ImageFactory, InterviewPageFactory, StoryIndexPageFactory, UserFactory
    from tests.factories.community import GroupFactory, PostFactory, add_member, event, events_index
    from tests.factories.ideas import IdeaFactory
    from tests.factories.members import applicant, member, secretariat
    from tests.factories.pages import japanese_home_page

    home = japanese_home_page()
    users = {
        "applicant": applicant().user,
        "member": member(handle="loner").user,
        "other_member": member(kind=MemberKind.EMPLOYEE, handle="elsewhere").user,
        "group_moderator": member(handle="keeper").user,
        "editor": UserFactory(email="editor@example.com", groups=["Editors"]),
        "secretariat": secretariat(handle="office").user,
    }
    author = member(handle="author", display_name="鍵 書子").user
    peer = member(handle="peer").user

    private = GroupFactory(name="鍵のかかった部屋", slug="locked-room", is_private=True)
    other = GroupFactory(name="開かれた広場", slug="open-square", is_private=False)
    add_member(private, author.profile)
    make_moderator(users["group_moderator"], private)
    add_member(other, users["other_member"].profile)
    proposed = GroupFactory(
        slug="proposed",
        status="proposed",
        proposed_by=users["member"],
        cover=ContentFile(b"\xff\xd8\xff", "c.jpg"),
    )

    post = PostFactory(
        author=author, group=private, body=PRIVATE_POST, image=ContentFile(b"\xff\xd8\xff", "p.jpg")
    )
    # An alumni-only photo: the loner and the moderator are alumni, the other member is an employee.
    author.profile.photo_audience = "alumni"
    author.profile.photo.save("photo.jpg", ContentFile(b"\xff\xd8\xff"))
    comment = XtdComment.objects.create(
        content_type=ContentType.objects.get_for_model(post),
        object_pk=str(post.pk),
        site=Site.objects.get_current(),
        user=author,
        user_name="鍵 書子",
        comment=PRIVATE_COMMENT,
        is_public=True,
    )
    conversation = start_conversation(author, [peer], PRIVATE_MESSAGE)
    report = Report.objects.create(
        reporter=author,
        content_type=ContentType.objects.get_for_model(post),
        object_id=post.pk,
        group=private,
        reason="確認してください",
        excerpt=PRIVATE_POST,
    )
    idea = IdeaFactory(author=author)
    notification = Notification.objects.create(
        recipient=author, kind="reply", text="返信がありました", url=post.get_absolute_url(), event_key="k"
    )

    image = ImageFactory(title="集合写真")
    story_index = StoryIndexPageFactory(parent=home)
    story = InterviewPageFactory(parent=story_index, title="公開の物語", slug="public-story")
    draft = InterviewPageFactory(
        parent=story_index, title="下書き DRAFT-STORY-22", slug="draft-story", live=False
    )
    story.save_revision().publish()  # the admin's revision views need one
    locked_story = InterviewPageFactory(parent=story_index, title="合言葉の物語", slug="locked-story")
    page_restriction = PageViewRestriction.objects.create(
        page=locked_story, restriction_type=PageViewRestriction.PASSWORD, password="sesame"
    )
    events_index()
    public_event = event(title="公開イベント", slug="public-event")
    members_event = event(title="会員イベント", slug="members-event", audience="members")
    group_event = event(title=GROUP_EVENT, slug="group-event", audience="group", group=private)
    event_rules.rsvp(author, group_event, "going")

    document = Document.objects.create(title="会報", file=ContentFile(b"hello", name="bulletin.txt"))
    restricted = Collection.get_first_root_node().add_child(name="合言葉の資料")
    collection_restriction = CollectionViewRestriction.objects.create(
        collection=restricted, restriction_type=CollectionViewRestriction.PASSWORD, password="sesame"
    )

    world = World(users=users)
    world.objects.update(
        author=author,
        peer=peer,
        private=private,
        other=other,
        proposed=proposed,
        post=post,
        comment=comment,
        conversation=conversation,
        report=report,
        idea=idea,
        notification=notification,
        image=image,
        story_index=story_index,
        story=story,
        draft=draft,
        locked_story=locked_story,
        page_restriction=page_restriction,
        public_event=public_event,
        members_event=members_event,
        group_event=group_event,
        document=document,
        collection_restriction=collection_restriction,
        unsubscribe_token=unsubscribe_token(author),
        calendar_token=event_rules.calendar_token_for(author),
        application=Application.objects.get(user=users["applicant"]),
        announcement=Announcement.objects.create(
            title="お知らせ", body="本文", audience="everyone", author=users["secretariat"]
        ),
        audit_entry=AuditEntry.objects.create(actor=users["secretariat"], action="export", target="会員名簿"),
        org_unit=OrgUnit.objects.create(kind=OrgUnit.DEPARTMENT, name="総務部"),
        synonym=Synonym.objects.create(terms="キャリフェス, キャリアフェスティバル"),
        workflow=Workflow.objects.first(),
        editors=AuthGroup.objects.get(name="Editors"),
        join_request=GroupMembership.objects.create(group=private, user=peer, state="requested"),
    )
    for role in ADMIN_USERS:
        with_second_factor(users[role])
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        world.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return world


# --- URLs for patterns without a fixed kwarg map (the admin's, unnamed ones) ---------------------------

KWARG = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>")
MODELADMIN_OBJECTS = {
    "announcement": "announcement",
    "report": "report",
    "group": "proposed",
    "idea": "idea",
    "application": "application",
    "profile": "author",
    "auditentry": "audit_entry",
    "orgunit": "org_unit",
    "synonym": "synonym",
}


def admin_value(world, pattern, kwarg):
    """A real object's key for `kwarg` where one fits; otherwise a value that finds nothing (Wagtail 404s)."""
    from wagtail.models import Locale, Site

    name = pattern.name
    pk_by_namespace = {
        "wagtailadmin_api:documents": world.document.pk,
        "wagtailadmin_api:images": world.image.pk,
        "wagtailadmin_collections": world.collection_restriction.collection_id,
        "wagtaillocales": Locale.objects.get(language_code="ja").pk,
        "wagtailsites": Site.objects.first().pk,
        "wagtailusers_users": world.author.pk,
        "wagtailusers_groups": world.editors.pk,
        "wagtailadmin_workflows": world.workflow.pk,
        "wagtaildocs_chooser": world.document.pk,
        "wagtailimages_chooser": world.image.pk,
    }
    values = {
        "page_id": world.story.pk,
        "parent_page_id": world.story_index.pk,
        "page_to_move_id": world.story.pk,
        "destination_id": world.story_index.pk,
        "revision_id": world.story.latest_revision_id,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "image_id": world.image.pk,
        "document_id": world.document.pk,
        "doc_id": world.document.pk,
        "collection_id": world.collection_restriction.collection_id,
        "filter_spec": "fill-80x80",
        "content_type_app_name": "stories",
        "content_type_model_name": "interviewpage",
        "app_label": "stories",
        "model_name": "interviewpage",
        "app_name": "home",
        "action": "delete",
        "action_name": "publish",
        "uidb64": "MQ",
        "token": "not-a-token",
        "object_id": str(world.story.pk),
    }
    if kwarg == "instance_pk":
        model = name.split("_")[1]
        target = getattr(world, MODELADMIN_OBJECTS[model])
        return (target.profile if model == "profile" else target).pk
    if kwarg == "pk":
        namespace = name.rsplit(":", 1)[0]
        return pk_by_namespace.get(namespace, world.story.pk)
    if name.startswith("wagtailsettings:") and kwarg == "model_name":
        return "sitesettings"
    return values.get(kwarg, 1)


UNNAMED_URLS = {
    "admin/test404/": "/admin/test404/",
    "admin/^.*/$": "/admin/no-such-area/",
    "admin/login/": "/admin/login/",
    "_util/login/": "/_util/login/",
}


def route_cases(outcomes, methods=GET, with_kwargs=None):
    """Cases for patterns reversed with admin_value()'s kwargs; `with_kwargs` replaces `outcomes` for the
    patterns that take kwargs."""

    def cases(world, pattern):
        if not pattern.name:
            return [Case(UNNAMED_URLS[pattern.route], outcomes, methods)]
        names = [a or b for a, b in KWARG.findall(pattern.route)]
        kwargs = {kwarg: admin_value(world, pattern, kwarg) for kwarg in names}
        chosen = with_kwargs if names and with_kwargs else outcomes
        return [Case(reverse(pattern.name, kwargs=kwargs), chosen, methods)]

    return cases


# --- The rules --------------------------------------------------------------------------------------------


def slug(world):
    return world.private.slug


def post_pk(world):
    return world.post.pk


def comment_pk(world):
    return world.comment.pk


def idea_pk(world):
    return world.idea.pk


def author_handle(world):
    return world.author.profile.handle


def event_url(page_name, route=""):
    return lambda world: getattr(world, page_name).get_url() + route


# A moderator of the private group reads it; the secretariat reads every group.
IN_GROUP = GROUP_ONLY
AUTHOR_ONLY = expect(GROUP_ONLY, group_moderator=NOT_FOUND, secretariat=NOT_FOUND)
CONVERSATION = expect(GROUP_ONLY, group_moderator=NOT_FOUND, secretariat=NOT_FOUND)

COMMUNITY_RULES = [
    named("join", LOGGED_IN),
    named("directory", MEMBERS),
    named("profile", MEMBERS, handle=author_handle),
    named("me", LOGGED_IN, GET_POST),
    named("me_export", LOGGED_IN),
    named("me_delete", LOGGED_IN, GET_POST),
    named("logout_everywhere", expect(LOGGED_OUT, anonymous=LOGIN), POST),
    named("feed", expect(MEMBERS, member=OK_NO_LEAK, other_member=OK_NO_LEAK), GET_POST),
    named("groups", MEMBERS),
    named("group_propose", MEMBERS, GET_POST),
    named("group", expect(MEMBERS, member=OK_NO_LEAK, other_member=OK_NO_LEAK), GET_POST, slug=slug),
    named("group_members", IN_GROUP, slug=slug),
    named("group_join", MEMBERS, POST, slug=slug),
    named("group_leave", MEMBERS, POST, slug=slug),
    named(
        "group_requests",
        IN_GROUP,
        GET_POST,
        data={"membership": lambda world: world.join_request.pk, "decision": "approve"},
        slug=slug,
    ),
    # Following closely is for the group's own members: the secretariat reads the group but is not in it.
    named("group_follow", expect(IN_GROUP, secretariat=NOT_FOUND), POST, slug=slug),
    named("post", IN_GROUP, pk=post_pk),
    named("post_edit", AUTHOR_ONLY, GET_POST, pk=post_pk),
    named("post_delete", IN_GROUP, POST, pk=post_pk),
    named("post_pin", IN_GROUP, POST, pk=post_pk),
    named("comment_on_post", IN_GROUP, POST, pk=post_pk),
    named("comment_on_story", MEMBERS, POST, page_id=lambda world: world.story.pk),
    named("comment_edit", AUTHOR_ONLY, GET_POST, pk=comment_pk),
    named("comment_delete", AUTHOR_ONLY, POST, pk=comment_pk),
    named("react", IN_GROUP, POST, data={"reaction": "like"}, kind="post", pk=post_pk),
    named("reactors", IN_GROUP, kind="post", pk=post_pk),
    named("report", IN_GROUP, GET_POST, kind="post", pk=post_pk),
    named("inbox", expect(MEMBERS, member=OK_NO_LEAK, other_member=OK_NO_LEAK)),
    named("message_start", MEMBERS, GET_POST, handle=author_handle),
    named("conversation", CONVERSATION, GET_POST, key=lambda world: world.conversation.key),
    named("conversation_new", CONVERSATION, key=lambda world: world.conversation.key),
    named("block", MEMBERS, POST, handle=author_handle),
    named("notifications", MEMBERS),
    named("notifications_read_all", MEMBERS, POST),
    named("notification_open", AUTHOR_ONLY, POST, pk=lambda world: world.notification.pk),
    # The token is the proof: no login, whoever follows the link from the e-mail.
    named("unsubscribe", PUBLIC, GET_POST, token=lambda world: world.unsubscribe_token),
    named("notification_preferences", LOGGED_IN, GET_POST),
    named("personal_calendar", PUBLIC, token=lambda world: world.calendar_token),
    named("calendar_settings", MEMBERS, GET_POST),
    # The group is visible to every member (so they can ask to join); the right to add an event is refused.
    named("group_event_new", expect(IN_GROUP, member=FORBIDDEN, other_member=FORBIDDEN), GET_POST, slug=slug),
    named("ideas", MEMBERS),
    named("idea_new", MEMBERS, GET_POST),
    named("idea", MEMBERS, pk=idea_pk),
    named("idea_edit", expect(AUTHOR_ONLY, member=NOT_FOUND, other_member=NOT_FOUND), GET_POST, pk=idea_pk),
    named("idea_vote", MEMBERS, POST, pk=idea_pk),
    named(
        "idea_status", SECRETARIAT_ONLY, POST, data={"status": "planned", "note": "検討します"}, pk=idea_pk
    ),
    named("comment_on_idea", MEMBERS, POST, pk=idea_pk),
]

SITE_RULES = [
    pages(
        "search",
        (
            lambda world: reverse("search") + "?q=PRIVATE-POST-7f3a",
            expect(OK_NO_LEAK, group_moderator=OK, secretariat=OK),
            GET,
        ),
    ),
    named("healthz", PUBLIC),
    named("robots_txt", PUBLIC),
    named("sitemap", PUBLIC),
    named("set_language", PUBLIC, POST),
    pages("wagtaildocs_serve", (lambda world: world.document.url, PUBLIC, GET)),
    # Members' uploads: whoever may see the post, the group or the photo's audience; everyone else (anonymous
    # visitors too: an <img> can't log in) the 404 of a missing file.
    pages(
        "member_upload",
        (lambda world: world.post.image.url, expect(NOT_FOUND, group_moderator=OK, secretariat=OK), GET),
        (lambda world: world.proposed.cover.url, expect(NOT_FOUND, member=OK, secretariat=OK), GET),
        (
            lambda world: world.author.profile.photo.url,
            expect(NOT_FOUND, member=OK, group_moderator=OK, secretariat=OK),
            GET,
        ),
    ),
    named(
        "wagtaildocs_authenticate_with_password",
        PUBLIC,
        GET_POST,
        restriction_id=lambda world: world.collection_restriction.pk,
    ),
    named(
        "wagtailcore_authenticate_with_password",
        PUBLIC,
        GET_POST,
        page_view_restriction_id=lambda world: world.page_restriction.pk,
        page_id=lambda world: world.locked_story.pk,
    ),
    # Wagtail's front-end login form for private pages; community/admin_mfa.py may put its own view first.
    Rule(by_prefix("_util/login/"), route_cases(expect(LOGIN_FORM)), why="log-in forms"),
    pages(
        "wagtail_serve",
        (lambda world: "/", PUBLIC, GET),
        (lambda world: world.story_index.get_url(), PUBLIC, GET),
        (lambda world: world.story.get_url(), PUBLIC, GET),
        (lambda world: world.story_index.get_url() + "feed/", PUBLIC, GET),
        (lambda world: world.story_index.get_url() + "feed/atom/", PUBLIC, GET),
        (lambda world: world.story_index.get_url() + "draft-story/", expect(NOT_FOUND), GET),
        (lambda world: world.story_index.get_url() + "locked-story/", expect(OK), GET),
        (lambda world: "/events/", expect(OK_NO_LEAK, group_moderator=OK, secretariat=OK), GET),
        (event_url("public_event"), PUBLIC, GET),
        (event_url("members_event"), MEMBERS, GET),
        (event_url("group_event"), IN_GROUP, GET),
        (event_url("group_event", "rsvp/"), IN_GROUP, POST),
        (event_url("group_event", "after-party/"), IN_GROUP, POST),
        (event_url("group_event", "ical/"), IN_GROUP, GET),
        (event_url("group_event", "attendees/"), IN_GROUP, GET),
        (event_url("group_event", "draw/"), IN_GROUP, POST),
        (event_url("group_event", "edit/"), IN_GROUP, GET_POST),
    ),
]

WITHOUT_AUTHENTICATOR = expect(LOGGED_IN, applicant=NOT_FOUND, member=NOT_FOUND, other_member=NOT_FOUND)
ACCOUNT_RULES = [
    named("account_login", PUBLIC, GET_POST),
    named("account_logout", PUBLIC, GET_POST),
    named("account_inactive", PUBLIC),
    named("account_signup", PUBLIC, GET_POST),
    named("account_reauthenticate", LOGGED_IN),
    named("account_request_reauthentication_code", LOGGED_IN),
    named("account_confirm_reauthentication_code", LOGGED_IN),
    named("account_email", LOGGED_IN),
    named("account_email_verification_sent", PUBLIC),
    named("account_change_password", LOGGED_IN),
    named("account_set_password", LOGGED_IN),
    named("account_reset_password", PUBLIC, GET_POST),
    named("account_confirm_login_code", expect(PUBLIC, anonymous=LOGIN)),  # only during a log-in
    named("account_confirm_email", PUBLIC, key="not-a-real-key"),
    named("account_reset_password_from_key_done", PUBLIC),
    named("account_reset_password_from_key", PUBLIC, uidb36="1", key="not-a-real-key"),
    named("account_reset_password_done", PUBLIC),
    named("mfa_index", LOGGED_IN),
    named("mfa_authenticate", expect(PUBLIC, anonymous=LOGIN)),  # only during a log-in
    named("mfa_reauthenticate", LOGGED_IN),
    named("mfa_activate_totp", LOGGED_IN, GET_POST),
    # Nothing to deactivate or show for those without an authenticator or recovery codes (only admin users
    # have an authenticator here, and nobody has recovery codes).
    named("mfa_deactivate_totp", WITHOUT_AUTHENTICATOR, GET_POST),
    named("mfa_view_recovery_codes", expect(NOT_FOUND, anonymous=LOGIN)),
    named("mfa_generate_recovery_codes", LOGGED_IN, GET_POST),
    named("mfa_download_recovery_codes", expect(NOT_FOUND, anonymous=LOGIN)),
]


# --- The admin --------------------------------------------------------------------------------------------

ADMIN_USERS = ("group_moderator", "editor", "secretariat")
OWN_ADMIN_RULES = (
    "wagtailadmin_home",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_error_test",
)
OUR_ADMIN = ("admin/membership/", "admin/community/", "admin/^community/", "admin/^search/")
ADMIN_LOGIN_PAGES = ("admin/login/", "admin/password_reset/")


def our_admin(name, outcomes, methods=GET, **kwargs):
    return named(name, outcomes, methods, **kwargs)


ADMIN_RULES = [
    Rule(
        by_prefix("admin/", except_prefixes=OUR_ADMIN + ADMIN_LOGIN_PAGES, except_names=OWN_ADMIN_RULES),
        route_cases(ADMIN, with_kwargs=expect(ADMIN, **dict.fromkeys(ADMIN_USERS, NOT_REQUESTED))),
        why="Wagtail's own admin views: only users with access_admin get in; inside, Wagtail's permissions "
        "decide (asserted: no login redirect and no server error). Objects are real where one fits. Admin "
        "users open the pages without kwargs only: the others are Wagtail's own object views (its test "
        "suite covers them), and rendering all of them three times would take minutes.",
    ),
    Rule(by_prefix("admin/login/"), route_cases(expect(LOGIN_FORM)), why="the admin's login page"),
    named("wagtailadmin_sprite", PUBLIC),  # the admin's icons and script translations: no data
    named("wagtailadmin_javascript_catalog", PUBLIC),
    # Wagtail's deliberate error page, to test error reporting.
    named("wagtailadmin_error_test", expect(ADMIN, **dict.fromkeys(ADMIN_USERS, SERVER_ERROR))),
    Rule(
        by_prefix("admin/password_reset/"),
        route_cases(expect(NOT_FOUND)),
        why="Wagtail's own password reset is off (WAGTAIL_PASSWORD_RESET_ENABLED): allauth's is rate-limited",
    ),
    named("wagtailadmin_home", expect(ADMIN, group_moderator=OK_NO_LEAK, editor=OK_NO_LEAK, secretariat=OK)),
    Rule(
        by_prefix("admin/^community/"),
        route_cases(expect(ADMIN, editor=ADMIN_DENIED)),
        why="our wagtail-modeladmin screens: no editor may open one",
    ),
    Rule(
        by_prefix("admin/^search/"),
        route_cases(ADMIN_SECRETARIAT),
        why="the search synonyms (search/wagtail_hooks.py): the secretariat's alone",
    ),
    our_admin("community_application_queue", ADMIN_SECRETARIAT, GET_POST),
    our_admin(
        "community_decide_application", ADMIN_SECRETARIAT, GET_POST, pk=lambda world: world.application.pk
    ),
    our_admin(
        "community_suspend_member", ADMIN_SECRETARIAT, GET_POST, pk=lambda world: world.author.profile.pk
    ),
    our_admin(
        "community_handle_report",
        expect(ADMIN_SECRETARIAT, group_moderator=OK),
        GET_POST,
        data={"action": "dismiss"},
        pk=lambda world: world.report.pk,
    ),
    our_admin("community_decide_group", ADMIN_SECRETARIAT, GET_POST, pk=lambda world: world.proposed.pk),
    our_admin("community_exports", ADMIN_SECRETARIAT),
    our_admin("community_outbox", ADMIN_SECRETARIAT),
    our_admin("community_export_members", ADMIN_SECRETARIAT, POST),
    our_admin("community_export_applications", ADMIN_SECRETARIAT, POST),
    our_admin("community_export_attendance", ADMIN_SECRETARIAT, POST),
]

RULES = COMMUNITY_RULES + SITE_RULES + ACCOUNT_RULES + ADMIN_RULES
PATTERNS = list(walk_urlpatterns())


# --- Requests and checks ----------------------------------------------------------------------------------

STATS = {"patterns": 0, "cells": 0, "requests": 0}


def fingerprint():
    """A digest of every row a member's action could change: the community's, comments, pages, accounts."""
    from django.apps import apps

    from wagtail.models import Page, PageViewRestriction

    models = [Page, PageViewRestriction]
    labels = ["community", "django_comments_xtd", "account"] + ["mfa"] * apps.is_installed("allauth.mfa")
    for label in labels:
        models += apps.get_app_config(label).get_models(include_auto_created=True)
    digest = hashlib.sha256()
    for model in models:
        digest.update(repr(list(model._base_manager.order_by("pk").values_list())).encode())
    return digest.hexdigest()


def client_for(world, role):
    client = Client()
    if role != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    return client


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def outcome_of(response):
    """The outcome a response is, as the rules name them (ADMIN_USER and OK_NO_LEAK are checked apart)."""
    status, location = response.status_code, response.get("Location", "")
    if status in (301, 302, 303):
        if location.startswith(reverse("account_login")):
            return LOGIN
        if location.startswith(reverse("wagtailadmin_login")):
            return ADMIN_LOGIN
        if location == reverse("wagtailadmin_home"):
            return ADMIN_DENIED
        return OK
    return {200: OK, 403: FORBIDDEN, 404: NOT_FOUND, 405: NOT_ALLOWED}.get(status, str(status))


def matches(expected, got, method):
    if expected in (OK, OK_NO_LEAK):  # an empty form may be answered 400 with its errors: the door was open
        return got == OK or (method == "POST" and got == "400")
    if expected == ADMIN_USER:
        return got not in (LOGIN, ADMIN_LOGIN) and not got.startswith("5")
    if expected == ADMIN_DENIED:
        return got in (ADMIN_DENIED, FORBIDDEN)
    if expected == ADMIN_LOGIN:  # the admin may send its login to the site's (allauth, with a second factor)
        return got in (ADMIN_LOGIN, LOGIN)
    if expected == LOGGED_OUT:  # logged out, and sent to the login page
        return got == LOGIN
    if expected == LOGIN_FORM:  # a log-in form, or a redirect to the one that asks for the second factor
        return got in (OK, LOGIN)
    return got == expected


def check_case(world, case):
    """Problems found requesting `case` as every role: refused roles first, every request rolled back."""
    problems = []
    order = sorted(ROLES, key=lambda role: case.expect[role] not in REFUSALS)
    baseline = fingerprint() if "POST" in case.methods else None
    for role in order:
        expected = case.expect[role]
        if expected == NOT_REQUESTED:
            continue
        STATS["cells"] += 1
        for method in case.methods:
            with transaction.atomic():
                STATS["requests"] += 1
                client = client_for(world, role)
                try:
                    response = client.post(case.url, case.data) if method == "POST" else client.get(case.url)
                except Exception as error:  # noqa: BLE001 - a server error, reported with its cause
                    if expected != SERVER_ERROR:
                        problems.append(f"{method} {case.url} as {role}: raised {error!r}")
                    transaction.set_rollback(True)
                    continue
                got = outcome_of(response)
                if not matches(expected, got, method):
                    problems.append(f"{method} {case.url} as {role}: expected {expected}, got {got}")
                if expected in REFUSALS or expected == OK_NO_LEAK:
                    leaked = [text for text in case.secrets if text in body_of(response)]
                    if leaked:
                        problems.append(f"{method} {case.url} as {role}: leaks {leaked}")
                if method == "POST" and expected in REFUSALS and fingerprint() != baseline:
                    problems.append(f"POST {case.url} as {role}: refused, yet the database changed")
                transaction.set_rollback(True)
    return problems


@pytest.fixture(scope="module")
def world(request, django_db_setup, django_db_blocker):
    """One world for the module, rolled back at its end; each test's own changes roll back with the test."""
    started = time.monotonic()
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter and STATS["patterns"]:
        reporter.write_line(
            f"\nauthorisation matrix: {STATS['patterns']} URL patterns × {len(ROLES)} roles, "
            f"{STATS['cells']} cells, {STATS['requests']} requests in {time.monotonic() - started:.1f} s"
        )


# --- Tests ------------------------------------------------------------------------------------------------


def test_every_url_pattern_has_exactly_one_rule():
    assert len(PATTERNS) > 300  # the walk reached the includes (allauth, Wagtail's admin, ...)
    problems = claim_problems(PATTERNS, RULES)
    assert not problems, "\n".join(problems)


def fresh_view(request):
    raise AssertionError("never called")


class UrlsWithANewView:
    """The project's URL configuration plus one view nobody wrote a rule for."""

    from portal.urls import urlpatterns as project_patterns

    urlpatterns = [*project_patterns, path("community/brand-new/<int:pk>/", fresh_view, name="brand_new")]


def test_a_view_without_a_rule_fails_the_matrix_by_name(settings):
    settings.ROOT_URLCONF = UrlsWithANewView
    problems = claim_problems(list(walk_urlpatterns()), RULES)
    assert (
        "no rule for community/brand-new/<int:pk>/ (name brand_new, view "
        "tests.test_authorisation_matrix.fresh_view): add one to RULES in tests/test_authorisation_matrix.py"
    ) in problems


def test_a_pattern_claimed_by_two_rules_is_reported():
    (feed,) = [pattern for pattern in PATTERNS if pattern.name == "feed"]
    problems = claim_problems(PATTERNS, [*RULES, named("feed", PUBLIC)])
    assert f"2 rules claim {feed}: feed, feed" in problems


@pytest.mark.parametrize("pattern", PATTERNS, ids=[pattern.route for pattern in PATTERNS])
def test_authorisation_matrix(world, db, pattern):
    rule = rule_for(pattern, RULES)
    assert rule, f"no rule, or several, for {pattern}"
    STATS["patterns"] += 1
    problems = []
    for case in rule.cases(world, pattern):
        problems += check_case(world, case)
    assert not problems, "\n".join(problems)
