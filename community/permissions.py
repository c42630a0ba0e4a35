"""Who may see and do what. Views, templates, search, notifications and exports all ask here.

Refusals are uniform (design.md): anonymous → log in; logged in without the right → 403 page saying why;
an object the viewer may not know exists → 404.
"""

from django.contrib.auth.models import AnonymousUser

from .audiences import Audience, MemberKind, MembershipStatus
from .models.profiles import PRIVACY_PARTS

SECRETARIAT_GROUP = "Secretariat"


def profile_of(user):
    """The user's profile, or None (anonymous visitors and staff without one)."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return None
    try:
        return user.profile
    except user.__class__.profile.RelatedObjectDoesNotExist:
        return None


def is_secretariat(user):
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_secretariat", None)  # asked many times per request: remember on the instance
    if cached is None:
        profile = profile_of(user)
        cached = bool(
            profile and profile.kind == MemberKind.SECRETARIAT and profile.status == MembershipStatus.MEMBER
        )
        cached = cached or user.groups.filter(name=SECRETARIAT_GROUP).exists()
        user._is_secretariat = cached
    return cached


def can_export(user):
    """Exports of members, applications and attendance: the Secretariat group's right `community.export_data`
    (never Editors)."""
    return bool(user and user.is_authenticated and user.is_active and user.has_perm("community.export_data"))


def is_member(user):
    """An approved, active member (alumni, current employee or secretariat) — or the secretariat itself."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    profile = profile_of(user)
    if profile is not None and profile.status == MembershipStatus.MEMBER:
        return True
    return is_secretariat(user)


def refusal_reason(user):
    """Why a logged-in user may not enter the community: 'applicant', 'rejected', 'suspended' or 'no_application'."""
    profile = profile_of(user)
    if profile is None:
        return "no_application"
    return {
        MembershipStatus.APPLICANT: "applicant",
        MembershipStatus.REJECTED: "rejected",
        MembershipStatus.SUSPENDED: "suspended",
    }.get(profile.status, "no_application")


def audiences_for(viewer):
    """The audiences whose fields the viewer may see on other members' profiles."""
    if is_secretariat(viewer):
        return set(Audience.values)
    if not is_member(viewer):
        return set()
    profile = profile_of(viewer)
    audiences = {Audience.MEMBERS}
    if profile.kind == MemberKind.ALUMNI:
        audiences.add(Audience.ALUMNI)
    elif profile.kind == MemberKind.EMPLOYEE:
        audiences.add(Audience.EMPLOYEES)
    return audiences


def can_see_part(viewer, profile, part, audiences=None):
    """May the viewer see this privacy-controlled part of the profile?"""
    if part not in PRIVACY_PARTS:
        raise KeyError(part)
    if viewer is not None and viewer.is_authenticated and viewer.pk == profile.user_id:
        return True
    audiences = audiences_for(viewer) if audiences is None else audiences
    return getattr(profile, f"{part}_audience") in audiences


def visible_parts(viewer, profile, audiences=None):
    """The set of parts of `profile` the viewer may see."""
    audiences = audiences_for(viewer) if audiences is None else audiences
    return {part for part in PRIVACY_PARTS if can_see_part(viewer, profile, part, audiences)}


def can_view_profile(viewer, profile):
    """Members see members' profiles (even those hidden from the directory, when they know the address)."""
    if viewer.is_authenticated and viewer.pk == profile.user_id:
        return True
    if is_secretariat(viewer):
        return True
    return is_member(viewer) and profile.is_member


def directory_profiles_for(viewer):
    """Profiles listed in the directory for this viewer: approved, active, not hidden. Empty for non-members."""
    from .models import Profile

    if not is_member(viewer):
        return Profile.objects.none()
    return Profile.objects.members().filter(hidden_from_directory=False)


def part_filter(part, audiences, viewer=None):
    """A Q that keeps profiles whose `part` the viewer may see — so filtering by a hidden field reveals nothing."""
    from django.db.models import Q

    condition = Q(**{f"{part}_audience__in": list(audiences)})
    if viewer is not None and viewer.is_authenticated:
        condition |= Q(user_id=viewer.pk)
    return condition


# --- Groups, posts, comments ------------------------------------------------------------------------------


def _group_ids(user, attribute, **conditions):
    """Ids of the groups where the user has an active membership matching `conditions`, remembered on the user
    object for the rest of the request (forget_memberships() drops them)."""
    if not (user and user.is_authenticated):
        return frozenset()
    cached = getattr(user, attribute, None)
    if cached is None:
        from .models import GroupMembership

        cached = frozenset(
            GroupMembership.objects.filter(
                user=user, state=GroupMembership.State.ACTIVE, **conditions
            ).values_list("group_id", flat=True)
        )
        setattr(user, attribute, cached)
    return cached


def active_group_ids(user):
    """Ids of the groups the user belongs to (active memberships in active groups)."""
    return _group_ids(user, "_active_group_ids", group__status="active")


def moderated_group_ids(user):
    """Ids of the groups the user moderates."""
    return _group_ids(user, "_moderated_group_ids", role="moderator")


def forget_memberships(user):
    """Drop what this request remembered about the user's groups (after joining or leaving one)."""
    for attribute in ("_active_group_ids", "_moderated_group_ids"):
        user.__dict__.pop(attribute, None)


def can_see_group(user, group):
    """Members see every active group's name and description (private ones too, so they can ask to join).
    Proposed or declined groups exist only for their proposer and the secretariat."""
    if not is_member(user):
        return False
    if group.status == group.Status.ACTIVE:
        return True
    return is_secretariat(user) or group.proposed_by_id == user.pk


def can_read_group(user, group):
    """May the user read the group's feed, posts, comments and member list?"""
    if not is_member(user) or group.status != group.Status.ACTIVE:
        return False
    return not group.is_private or group.pk in active_group_ids(user) or is_secretariat(user)


def can_post_in(user, group):
    """Members post to the community-wide feed (group None) and to the groups they belong to."""
    if not is_member(user):
        return False
    if group is None:
        return True
    return group.status == group.Status.ACTIVE and group.pk in active_group_ids(user)


def can_moderate(user, group):
    if not is_member(user):
        return False
    if is_secretariat(user):
        return True
    return group is not None and group.pk in moderated_group_ids(user)


def readable_posts_for(user):
    """Posts the user may read anywhere: community-wide, open groups, their private groups. Never hidden ones."""
    from django.db.models import Q

    from .models import Group, Post

    if not is_member(user):
        return Post.objects.none()
    posts = Post.objects.filter(is_hidden=False)
    if is_secretariat(user):
        return posts.filter(Q(group__isnull=True) | Q(group__status=Group.Status.ACTIVE))
    return posts.filter(
        Q(group__isnull=True)
        | Q(group__status=Group.Status.ACTIVE, group__is_private=False)
        | Q(group__status=Group.Status.ACTIVE, group_id__in=active_group_ids(user))
    )


def feed_posts_for(user):
    """The home feed: community-wide posts and posts in the user's own groups."""
    from django.db.models import Q

    from .models import Post

    if not is_member(user):
        return Post.objects.none()
    return Post.objects.filter(is_hidden=False).filter(
        Q(group__isnull=True) | Q(group_id__in=active_group_ids(user))
    )


def can_read_post(user, post):
    if not is_member(user) or post.is_hidden:
        return False
    return post.group_id is None or can_read_group(user, post.group)


def can_edit_post(user, post):
    return post.author_id == user.pk and can_read_post(user, post)


def can_delete_post(user, post):
    return can_edit_post(user, post) or (can_read_post(user, post) and can_moderate(user, post.group))


def can_pin_post(user, post):
    return can_read_post(user, post) and can_moderate(user, post.group)


def can_read_comments_on(user, target):
    """Comments are for members: on a post they may read, an idea that is not hidden, or a live, public story."""
    from .models import Idea, Post

    if isinstance(target, Post):
        return can_read_post(user, target)
    if isinstance(target, Idea):
        return is_member(user) and not target.is_hidden
    return is_member(user) and _is_public_story(target)


def can_comment_on(user, target):
    return can_read_comments_on(user, target)


def _is_public_story(page):
    from stories.models import StoryPage

    return isinstance(page, StoryPage) and page.live and not page.get_view_restrictions().exists()


def can_see_upload(user, owner):
    """May the user see an image a member uploaded for `owner` (the row that names the file)? Whoever may see
    what it belongs to: a post's image with the post, a group's cover with the group's page, a profile photo
    by its audience. Any other owner: nobody (a new kind of upload is refused until it has a rule here)."""
    from .models import Group, Post, Profile

    if isinstance(owner, Post):
        return can_read_post(user, owner)
    if isinstance(owner, Group):
        return can_see_group(user, owner)
    if isinstance(owner, Profile):
        return can_see_part(user, owner, "photo")
    return False


# --- The idea board ---------------------------------------------------------------------------------------

# Once the secretariat has answered (planned, done, declined), the text its answer is about stays as it was.
IDEA_EDITABLE_STATUSES = ("new", "under_review")


def can_read_idea(user, idea):
    """Members read every idea; a hidden one exists only for the secretariat."""
    return is_member(user) and (not idea.is_hidden or is_secretariat(user))


def can_propose_idea(user):
    return is_member(user)


def can_edit_idea(user, idea):
    """The author, while the idea is visible and the secretariat has not answered it yet."""
    return (
        idea.author_id == user.pk
        and is_member(user)
        and not idea.is_hidden
        and idea.status in IDEA_EDITABLE_STATUSES
    )


def can_vote_on(user, idea):
    """Members vote for other members' visible ideas (see community.ideas.toggle_vote for why not their own)."""
    return is_member(user) and not idea.is_hidden and idea.author_id != user.pk


def can_set_idea_status(user):
    """Only the secretariat answers ideas (status and public note)."""
    return is_secretariat(user)
